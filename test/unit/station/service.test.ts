import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { DEMO_USERS, seedDemoStation } from '../../../src-main/core/station/demo';
import { StationService } from '../../../src-main/core/station/service';
import { tempDir } from '../../helpers/tmp';

let db: Db;
let cleanup: () => void;
let now = 0;
const clock = { now: () => now };
let station: StationService;
beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  db = await openDatabase({ file: path.join(t.dir, 'dockside.sqlite') });
  station = new StationService(db, clock, StationService.ensureStation(db, clock, 'Bench'));
  station.setup({ stationName: 'Bench 1', name: 'Jana', pin: '9999' });
});
afterEach(() => {
  db.close();
  cleanup();
});

describe('station service', () => {
  it('creates the station row once', () => {
    expect(StationService.ensureStation(db, clock, 'Other')).toBe(station.state().stationId);
    expect(station.state().name).toBe('Bench 1');
  });

  it('stores no PIN in clear and audits sign-ins and switches', () => {
    station.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, null);
    station.signOut();
    station.signIn('1111');
    station.signIn('9999');
    const hashes = (db.raw.prepare(`SELECT pin_hash FROM users`).all() as { pin_hash: string }[]).map((r) => r.pin_hash);
    expect(hashes.some((h) => h.includes('1111') || h.includes('9999'))).toBe(false);
    const actions = (db.raw.prepare(`SELECT action FROM audit_log ORDER BY id`).all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'signout', 'signin', 'signin.switch']));
  });

  it('pauses sign-in after five wrong PINs in a row', () => {
    for (let i = 0; i < 5; i++) expect(() => station.signIn('0000')).toThrow('Unknown PIN');
    expect(() => station.signIn('9999')).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED', details: { retryAfterSeconds: 30 } }));
    now += 30_001;
    expect(station.signIn('9999').currentUser?.name).toBe('Jana');
  });

  it('never leaves the station without an active supervisor', () => {
    const jana = station.state().users[0]!;
    expect(() => station.updateUser({ id: jana.id, role: 'packer' }, jana.id)).toThrow(/at least one active supervisor/);
    expect(() => station.updateUser({ id: jana.id, active: false }, jana.id)).toThrow(/at least one active supervisor/);
    station.createUser({ name: 'Karel', role: 'supervisor', pin: '8888' }, jana.id);
    expect(station.updateUser({ id: jana.id, role: 'packer' }, jana.id).role).toBe('packer');
  });

  it('a deactivated user cannot sign in and is signed out', () => {
    const petra = station.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, null);
    station.signIn('1111');
    station.updateUser({ id: petra.id, active: false }, null);
    expect(station.state().currentUser).toBeNull();
    expect(() => station.signIn('1111')).toThrow('Unknown PIN');
  });

  it('changing a PIN to another user’s PIN is refused', () => {
    const petra = station.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, null);
    expect(() => station.updateUser({ id: petra.id, pin: '9999' }, null)).toThrow(/already has this PIN/);
    station.updateUser({ id: petra.id, pin: '4321' }, null);
    expect(station.signIn('4321').currentUser?.name).toBe('Petra');
  });

  it('the demo seeds its people only on a station that needs setup', async () => {
    const t = tempDir();
    const fresh = await openDatabase({ file: path.join(t.dir, 'd.sqlite') });
    const demo = new StationService(fresh, clock, StationService.ensureStation(fresh, clock, 'x'));
    seedDemoStation(demo);
    expect(demo.state().users.map((u) => u.name).sort()).toEqual(DEMO_USERS.map((u) => u.name).sort());
    expect(demo.state().currentUser).toBeNull();
    seedDemoStation(demo);
    expect(demo.state().users).toHaveLength(DEMO_USERS.length);
    fresh.close();
    t.cleanup();
  });
});
