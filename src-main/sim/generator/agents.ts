/**
 * The demo staff: call-center agents and packers. One fixed roster shared by every system so the
 * cross-system agent keys line up (UCS user.external_id, HOMS user.email, UltraCart user_id,
 * Opentaps contactId, Afosto list `sub`).
 */
export interface DemoAgent {
  index: number;
  givenName: string;
  familyName: string;
  email: string;
  /** UCS user id */
  ucsUserId: number;
  /** UCS team id */
  teamId: number;
  locale: 'cs_CZ' | 'sk_SK' | 'en_US';
  /** employee number: UCS user external_id */
  employeeId: string;
  /** UltraCart workflow user id */
  ultracartUserId: number;
  role: 'agent' | 'supervisor' | 'packer';
}

const ROSTER: readonly (readonly [string, string, number, DemoAgent['locale'], DemoAgent['role']])[] = [
  ['Jana', 'Nováková', 8, 'cs_CZ', 'supervisor'],
  ['Tomáš', 'Dvořák', 8, 'cs_CZ', 'agent'],
  ['Kateřina', 'Šťastná', 8, 'cs_CZ', 'agent'],
  ['Ondřej', 'Růžička', 8, 'cs_CZ', 'agent'],
  ['Lucie', 'Čermáková', 9, 'cs_CZ', 'agent'],
  ['Ľubomír', 'Ďuriš', 9, 'sk_SK', 'agent'],
  ['Zuzana', 'Kováčová', 9, 'sk_SK', 'agent'],
  ['Jürgen', 'Köhler', 10, 'en_US', 'agent'],
  ['Sanne', 'de Vries', 10, 'en_US', 'agent'],
  ['Noëlle', 'van Dijk', 10, 'en_US', 'agent'],
  ['Anna', 'Horáková', 8, 'cs_CZ', 'packer'],
  ['Matěj', 'Procházka', 8, 'cs_CZ', 'packer'],
];

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

export const AGENTS: readonly DemoAgent[] = ROSTER.map(([g, f, team, locale, role], k) => ({
  index: k,
  givenName: g,
  familyName: f,
  email: `${fold(g)}.${fold(f)}@dockside.example`,
  ucsUserId: 20 + k,
  teamId: team,
  locale,
  employeeId: `EMP-${String(101 + k)}`,
  ultracartUserId: 3401 + k,
  role,
}));
