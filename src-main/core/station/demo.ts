import type { StationService } from './service';

/** The people of the demo workspace (README lists their PINs). */
export const DEMO_USERS = [
  { name: 'Jana Svobodová', role: 'supervisor', pin: '999999' },
  { name: 'Petra Nováková', role: 'packer', pin: '1111' },
  { name: 'Adam Dvořák', role: 'agent', pin: '2222' },
] as const;

/** Sets up a fresh station for a demo; a station already set up is left as it is. */
export function seedDemoStation(station: StationService): void {
  if (!station.state().needsSetup) return;
  const [boss, ...rest] = DEMO_USERS;
  station.setup({ stationName: 'Demo bench 1', name: boss.name, pin: boss.pin });
  for (const u of rest) station.createUser({ name: u.name, role: u.role, pin: u.pin }, null);
  station.signOut();
}
