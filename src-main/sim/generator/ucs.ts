/**
 * UCS (INSOFT call-center / PBX) wire-shaped demo entities, field names as in seed 003.
 */
import { AGENTS, type DemoAgent } from './agents';
import { genCompany, genPerson, personCompanyIndex, type DemoPerson } from './entities';
import { ANCHOR_MS } from './ids';
import { rngFor } from './prng';
import type { Json } from './afosto/index';

/** generated ids start high so the seed's own example ids (59233, 10764, …) stay free for fixtures */
export const UCS_PERSON_ID_BASE = 1_000_000;
export const UCS_COMPANY_ID_BASE = 100_000;
export const UCS_CONTACT_ID_BASE = 10_000_000;

export const UCS_GROUPS: readonly Json[] = [
  { id: 1, name: 'System', external_id: null },
  { id: 3, name: ' Sklad', external_id: 'warehouse' },
  { id: 7, name: ' Call centrum CZ', external_id: 'cc-cz' },
  { id: 9, name: ' Call centrum SK', external_id: 'cc-sk' },
  { id: 10, name: ' Kundenservice DE/NL', external_id: 'cc-dach' },
];

export const UCS_ROLES: readonly Json[] = [
  { id: 1, group_id: 1, name: 'Administrator' },
  { id: 6, group_id: 1, name: 'Supervisor' },
  { id: 7, group_id: 1, name: 'Agent' },
  { id: 8, group_id: 3, name: 'Skladník' },
  { id: 9, group_id: 10, name: 'Bot' },
];

function team(id: number, group: number, name: string, note: string): Json {
  return {
    id,
    group_id: group,
    name,
    note,
    aux_reasons: [
      { reason: 'Přestávka', break: true, color: 'ff9500', limit: 30, hidden: false },
      { reason: 'Porada', break: false, color: '00bfff', limit: null, hidden: false },
      { reason: 'Školení', break: false, color: 'a1ff2e', limit: null, hidden: false },
      { reason: 'Nemám rád šmouly', break: false, color: 'ff0000', limit: null, hidden: true },
    ],
    contacts: [],
    tasks: { person: 0, person_url: null, call: 1, call_url: null, email: 0, email_url: null },
    maximum_assigned_emails: null,
    default_inbound_priority: 100,
    default_inbound_acw: true,
    default_inbound_acw_timeout: 30,
    default_inbound_busy: null,
    default_inbound_busy_timeout: null,
    default_outbound_acw: false,
    default_outbound_acw_timeout: null,
    default_email_priority: 100,
    default_email_languages: { cs_CZ: 100, en_US: 100, de_DE: 100, ru_RU: 100 },
    default_email_assigned: null,
    default_task_priority: 100,
    color_agent_offline: null,
    color_agent_ready: '188b35',
    color_agent_acw: 'ffda1f',
    color_agent_aux: 'ff9500',
    color_agent_ringing: 'a1ff2e',
    color_agent_talking: 'a1ff29',
    color_phone_offline: null,
    color_phone_idle: '00bfff',
    color_phone_ringing: 'ff00ea',
    color_phone_talking: 'ff00ea',
    breaks_limit: null,
    transfer_to_agent: true,
    transfer_to_queue: true,
    channels: { inbound: true, task: false, email: group === 7, chat: false, dialer: group === 7 },
  };
}

export const UCS_TEAMS: readonly Json[] = [
  team(8, 7, 'Tým Objednávky', 'Dotazy k objednávkám a doručení'),
  team(9, 9, 'Tím Reklamácie', 'Reklamace a vrácení zboží'),
  team(10, 10, 'Team DACH/Benelux', 'Bestellungen, bezorging'),
];

/** [id, type, number, name, group, team] */
export const UCS_QUEUE_DEFS: readonly (readonly [number, 0 | 1 | 2 | 3, string, string, number, number])[] = [
  [74, 1, '10099', 'Objednávky CZ', 7, 8],
  [75, 1, '10100', 'Reklamace', 7, 9],
  [76, 1, '10101', 'Objednávky SK', 9, 9],
  [77, 1, '10102', 'Orders DE/NL', 10, 10],
  [82, 1, '10098', 'Hotline CZ', 7, 8],
  [103, 0, '10200', 'Zpětná volání', 7, 8],
  [234, 0, '10201', 'Kampaň věrnost', 7, 8],
  [123, 2, '', 'Úkoly µCRM', 1, 8],
  [146, 3, '', 'E-mailová podpora', 7, 8],
];

export function ucsQueue(seed: number, k: number): Json {
  const [id, type, number, name, group] = UCS_QUEUE_DEFS[k]!;
  const r = rngFor(seed, 'ucs-queue', k);
  const answered = type === 1 ? r.int(300, 2000) : r.int(0, 300);
  const abandoned = Math.floor(answered * r.int(5, 20) / 100);
  const inService = Math.floor(answered * 0.8);
  const thr = Math.floor(abandoned * 0.4);
  return {
    id,
    active: true,
    group_id: group,
    type,
    number,
    name,
    callers_waiting: 0,
    callers_ringing: 0,
    callers_talking: 0,
    agents_idle: type === 1 ? r.int(1, 4) : 0,
    agents_ringing: 0,
    agents_talking: 0,
    agents_acw: 0,
    agents_aux: r.int(0, 2),
    answered,
    overflowed: r.int(0, 3),
    abandoned,
    talktime: answered * r.int(120, 260),
    waittime: (answered + abandoned) * r.int(20, 60),
    answered_wait_time: answered * (20 + r.next() * 30),
    answered_in_service: inService,
    answered_in_work_hours: answered,
    answered_in_work_and_sl: inService,
    abandoned_in_threshold: thr,
    abandoned_in_work_hours: abandoned,
    abandoned_in_work_and_sl: thr,
    abandoned_full: 0,
    sl: { day: [inService, answered + abandoned - thr], week: [inService * 5, (answered + abandoned - thr) * 5], month: [inService * 21, (answered + abandoned - thr) * 21], quarter: [inService * 63, (answered + abandoned - thr) * 63] },
    sl_work: { day: [0, 0], week: [0, 0], month: [0, 0], quarter: [0, 0] },
    last_call_enter: ANCHOR_MS / 1000 - r.int(10, 600) + r.next(),
    last_call_answer: ANCHOR_MS / 1000 - r.int(600, 1200) + r.next(),
    callers: [],
  };
}

export const UCS_SERVICE_ACCOUNT_ID = 2;

export function ucsUserSummaries(): Json[] {
  return [
    { id: 1, name: 'admin', external_id: 'asdf' },
    { id: UCS_SERVICE_ACCOUNT_ID, name: 'dockside-api', external_id: null },
    { id: 10, name: 'Alice', external_id: null },
    { id: 11, name: 'Bob', external_id: '2468' },
    { id: 43, name: 'Pokus Bezfrontovej', external_id: 'nonono' },
    ...AGENTS.map((a) => ({ id: a.ucsUserId, name: `${a.givenName} ${a.familyName}`, external_id: a.employeeId })),
    { id: 123, name: 'test', external_id: null },
  ];
}

function agentUser(a: DemoAgent): Json {
  return {
    id: a.ucsUserId,
    active: true,
    external_id: a.employeeId,
    group_id: a.teamId === 8 ? 7 : a.teamId === 9 ? 9 : 10,
    role_id: a.role === 'supervisor' ? 6 : a.role === 'packer' ? 8 : 7,
    team_id: a.teamId,
    locale: a.locale,
    username: a.email.split('@')[0],
    email: a.email,
    firstname: a.givenName,
    lastname: a.familyName,
    displayname: `${a.givenName} ${a.familyName}`,
    public: true,
    primary_extension: 1810 + a.index,
    pin: String(1000 + a.index * 7),
    identificator: String(1810 + a.index),
    filter_id: 1,
    number: null,
    data: {},
    wssip_device_id: 80 + a.index,
    certificate: false,
    channels: { inbound: true, email: a.teamId === 8 },
    clid_number: '+420222111000',
  };
}

export function ucsUsers(): Json[] {
  const base = {
    primary_extension: null, pin: null, identificator: null, filter_id: null, number: null, data: {}, wssip_device_id: null, certificate: false, channels: {}, clid_number: null,
  };
  return [
    { ...base, id: 1, active: true, external_id: 'asdf', group_id: 1, role_id: 1, team_id: null, locale: 'en_US', username: 'admin', email: 'admin@dockside.example', firstname: 'null', lastname: null, displayname: 'admin', public: true },
    { ...base, id: UCS_SERVICE_ACCOUNT_ID, active: true, external_id: null, group_id: 1, role_id: 1, team_id: null, locale: 'en_US', username: 'dockside-api', email: null, firstname: 'Dockside', lastname: 'API', displayname: 'Dockside API', public: false },
    { ...base, id: 10, active: true, external_id: null, group_id: 1, role_id: 6, team_id: 8, locale: 'cs_CZ', username: 'alice', email: 'alice@dockside.example', firstname: 'Alice', lastname: null, displayname: 'Alice', public: true, primary_extension: 1790 },
    { ...base, id: 11, active: true, external_id: '2468', group_id: 1, role_id: 7, team_id: 8, locale: 'cs_CZ', username: 'bob', email: 'bob@dockside.example', firstname: 'Bob', lastname: null, displayname: 'Bob', public: true, primary_extension: 1800, wssip_device_id: 75 },
    { ...base, id: 43, active: true, external_id: 'nonono', group_id: 7, role_id: 7, team_id: 8, locale: 'sk_SK', username: 'pokus', email: null, firstname: 'Pokus', lastname: 'Bezfrontovej', displayname: 'Pokus Bezfrontovej', public: true },
    ...AGENTS.map(agentUser),
    // seed 003 "User Create": {"username":"test","group_id":1} answered with id 123, which its
    // "User Update" example then patches (external_id T1000, team_id 1); the rest are create defaults
    { ...base, id: 123, active: true, external_id: null, group_id: 1, role_id: null, team_id: null, locale: 'cs_CZ', username: 'test', email: null, firstname: null, lastname: null, displayname: 'test', public: true },
  ];
}

export function ucsMemberships(): Json[] {
  const queuesForTeam: Record<number, readonly (readonly [number, number])[]> = {
    8: [[74, 100], [75, 80], [103, 50], [146, 100]],
    9: [[75, 100], [76, 100], [123, 80]],
    10: [[77, 100], [75, 30]],
  };
  return [
    // the seed's own example memberships (GET/POST /queues/agents)
    { id: 1, name: 'Admin Ucska', external_id: 'asdf', queues: [{ id: 146, type: 3, priority: 100, suspended: false }, { id: 123, type: 2, priority: 80, suspended: false }, { id: 82, type: 1, priority: 1, suspended: true }, { id: 103, type: 0, priority: 100, suspended: false }] },
    { id: 11, name: 'Bob', external_id: '2468', queues: [{ id: 234, type: 0, priority: 50, suspended: false }] },
    { id: 43, name: 'Pokus Bezfrontovej', external_id: 'nonono', queues: [] },
    ...AGENTS.map((a) => ({
      id: a.ucsUserId,
      name: `${a.givenName} ${a.familyName}`,
      external_id: a.employeeId,
      queues: a.role === 'packer' ? [] : (queuesForTeam[a.teamId] ?? []).map(([q, prio]) => ({ id: q, type: UCS_QUEUE_DEFS.find((d) => d[0] === q)![1], priority: prio, suspended: a.index === 3 && q === 75 })),
    })),
  ];
}

function displayName(p: DemoPerson, summary: boolean): string {
  const eastern = p.country === 'CZ' || p.country === 'SK';
  if (summary) return eastern ? `${p.familyName} ${p.givenName}` : `${p.givenName} ${p.familyName}`;
  return [p.title, p.givenName, p.familyName].filter(Boolean).join(' ') + (p.vip ? ' VIP' : '');
}

export function ucsPersonSummary(seed: number, i: number): Json {
  const p = genPerson(seed, i);
  return { id: UCS_PERSON_ID_BASE + i, group_id: 1, displayname: displayName(p, true), firstname: p.givenName, lastname: p.familyName, external_id: p.id };
}

const NOTES = ['Preferuje doručení na výdejní místo.', 'Pozor, je to převelice důležitý zákoš…', 'Volá obvykle odpoledne.', 'Spricht nur Deutsch.', 'Stálý zákazník, VIP péče.', ''];

export function ucsPerson(seed: number, i: number): Json {
  const p = genPerson(seed, i);
  const r = rngFor(seed, 'ucs-person', i);
  const contacts: Json[] = p.phones.map((ph, k) => ({ id: UCS_CONTACT_ID_BASE + i * 8 + k, type: 1, contact: ph.raw, label: ph.label }));
  contacts.push({ id: UCS_CONTACT_ID_BASE + i * 8 + 7, type: 2, contact: p.email, label: 'e-mail' });
  return {
    id: UCS_PERSON_ID_BASE + i,
    group_id: 1,
    displayname: displayName(p, false),
    firstname: p.givenName,
    lastname: p.familyName,
    note: r.pick(NOTES),
    external_id: p.id,
    data: { customer_number: p.customerNumber, ...(p.vip ? { vip: true } : {}) },
    contacts,
    interactions: [],
    companies: p.companyIndex === null ? [] : [{ company_id: UCS_COMPANY_ID_BASE + p.companyIndex, role: p.companyRole }],
    tasks: [],
  };
}

export function ucsCompanySummary(seed: number, c: number): Json {
  const co = genCompany(seed, c);
  return { id: UCS_COMPANY_ID_BASE + c, group_id: 1, name: co.name, external_id: co.id };
}

export function ucsCompany(seed: number, c: number, personCount: number): Json {
  const co = genCompany(seed, c);
  const persons: Json[] = [];
  for (let i = 5 * c; i < 5 * c + 5 && i < personCount; i++) {
    if (personCompanyIndex(seed, i) === c) persons.push({ person_id: UCS_PERSON_ID_BASE + i, role: genPerson(seed, i).companyRole });
  }
  return {
    id: UCS_COMPANY_ID_BASE + c,
    group_id: 1,
    name: co.name,
    external_id: co.id,
    data: { ico: co.cocNumber, phone: co.switchboard.raw },
    persons,
    tasks: [],
  };
}

// ---------------------------------------------------------------- calls (CDR)

/** Local (server) time "YYYY-MM-DD HH:MM:SS", Europe/Prague winter time, no zone as in the doc. */
export function ucsDate(ms: number): string {
  const d = new Date(ms + 3600_000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export function callStartMs(k: number): number {
  return ANCHOR_MS + k * 11 * 60_000 + 17_000;
}

export function callUniqueId(k: number): string {
  return `${Math.floor(callStartMs(k) / 1000)}.${k + 1}`;
}

export function callIndexFromUniqueId(uid: string): number | null {
  const m = /^(\d+)\.(\d+)$/.exec(uid);
  if (!m) return null;
  const k = Number(m[2]) - 1;
  return k >= 0 && callUniqueId(k) === uid ? k : null;
}

/** CDR for generated call k, plus the µCRM person index of the caller (null = unknown number). */
export function ucsCall(seed: number, k: number): { cdr: Json; personIndex: number | null; queueId: number } {
  const r = rngFor(seed, 'ucs-call', k);
  const known = r.chance(0.85);
  const personIndex = known ? Math.floor(r.next() * (2 * k + 20)) : null;
  let src: string;
  if (personIndex !== null) {
    const p = genPerson(seed, personIndex);
    const ph = p.phones[r.int(0, p.phones.length - 1)]!;
    src = r.pick([ph.e164, ph.e164, `00${ph.e164.slice(1)}`, ph.raw.replace(/[^\d+]/g, '')]);
  } else {
    src = `+420${r.pick(['6', '7'])}${r.digits(8)}`;
  }
  const inbound = UCS_QUEUE_DEFS.filter((q) => q[1] === 1);
  const q = r.weighted(inbound.map((d, n) => [d, n === 0 ? 50 : 16] as const));
  const teamAgents = AGENTS.filter((a) => a.teamId === q[5] && a.role !== 'packer');
  const agent = teamAgents.length ? r.pick(teamAgents) : AGENTS[1]!;
  const answered = r.chance(0.88);
  const start = callStartMs(k);
  const ring = r.int(2, answered ? 25 : 90);
  const talk = answered ? r.int(25, 900) : 0;
  const connected = start + ring * 1000;
  const end = connected + talk * 1000;
  const uid = callUniqueId(k);
  const pilot = '0222111000';
  const path: Json[] = [
    { date: ucsDate(start - 17_000), type: 1, number: pilot, name: 'SIPY' },
    { date: ucsDate(start), type: 10000, number: q[2], name: q[3] },
  ];
  if (answered) {
    path.push(
      { date: ucsDate(start), type: 10711, number: String(1810 + agent.index), name: ` ${agent.givenName}` },
      { date: ucsDate(start), type: 10001, number: String(1810 + agent.index), name: `${agent.givenName} SP` },
      { date: ucsDate(connected), type: 10002, number: String(1810 + agent.index), name: `${agent.givenName} SP` },
    );
  }
  path.push({ date: ucsDate(end), type: 10720, number: src, name: '' }, { date: ucsDate(end), type: 10, number: src, name: '' });
  const metadata: Json = { ucrm_interaction_id: 30000 + k, outbound_id: 0 };
  if (answered && r.chance(0.3)) metadata.order_number = `ODR-${10000001 + Math.floor(r.next() * (2 * k + 4))}`;
  return {
    personIndex,
    queueId: q[0],
    cdr: {
      price: 0,
      duration: Math.round((end - start) / 1000),
      src_number: src,
      src_name: '',
      dst_number: answered ? String(1810 + agent.index) : q[2],
      dst_name: answered ? ` ${agent.givenName}` : q[3],
      src_internal: false,
      dst_internal: true,
      calldate: ucsDate(start),
      connected: answered ? ucsDate(connected) : null,
      disconnected: ucsDate(end),
      src_extension_id: null,
      dst_extension_id: answered ? 80 + agent.index : null,
      src_user_id: null,
      dst_user_id: answered ? agent.ucsUserId : null,
      src_type: 'trunk',
      dst_type: answered ? 'phone' : 'queue',
      xfer_users: null,
      trunk_id: 1,
      uniqueid: uid,
      metadata,
      src_group_id: 1,
      dst_group_id: q[4],
      pilot_number: pilot,
      ring_time: ring,
      talk_time: talk,
      hold_time: answered ? r.int(0, 30) : 0,
      cause: answered ? 16 : 19,
      recording: answered,
      recording_duration: answered ? Math.max(0, talk - 1) : 0,
      path,
    },
  };
}

export const UCS_SHARED: Record<string, Json> = {
  osl_chats: {
    type: 'osl',
    data: { SWS: { OneSolution: { Waiting: 5, Processed: 0 } }, KPK: { OneSolution: { Waiting: 2, Doing: 4 } } },
  },
  dockside_packing: { type: 'dockside', data: { packed_today: 0, open_lists: 0, stations: {} } },
};

export const UCS_STATUS: Json = {
  success: true,
  trunks: { '1': { name: 'SIPY', status: 1, rtt: 1 }, '2': { name: 'external', status: 0, rtt: 0 } },
  phones: {
    '1': { name: 'System', configured: 24, configured_ipphones: 4, configured_softphones: 20, available: 14, available_ipphones: 3, available_softphones: 11, dead: 2, dead_ipphones: 1, dead_softphones: 1, paired: 12, paired_ipphones: 3, paired_softphones: 9 },
    '7': { name: 'Call centrum CZ', configured: 6, configured_ipphones: 1, configured_softphones: 5, available: 4, available_ipphones: 1, available_softphones: 3, dead: 0, dead_ipphones: 0, dead_softphones: 0, paired: 4, paired_ipphones: 1, paired_softphones: 3 },
  },
  ucs: 0,
  api: 0,
  postgres: 14,
  asterisk: 1,
  'light-log': 0,
  tftp: 1,
  stunserver: 1,
  webserver: 3,
  'nats-server': 1,
};
