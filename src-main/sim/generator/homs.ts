/**
 * HOMS (Hydra OMS, "BPM orders") wire-shaped demo entities (seed 001).
 */
import { AGENTS } from './agents';
import { genOrder, genPerson } from './entities';
import { ANCHOR_MS } from './ids';
import { rngFor } from './prng';
import type { Json } from './afosto/index';

/** Custom-field sets per order type (the seed's two plus a return type; admins define these in HOMS). */
export const HOMS_ORDER_TYPES: Record<string, readonly string[]> = {
  vacation_request: ['employeeFirstName', 'employeeLastName', 'employeeEmail', 'beginDate', 'endDate', 'motivationText', 'resolution', 'resolutionText', 'adjustResult'],
  support_request: ['requesterName', 'requesterPhone', 'subject', 'description', 'resolution', 'resolutionText'],
  return_request: ['customerName', 'customerPhone', 'orderNumber', 'reason', 'refundAmount', 'resolution'],
  'Without custom fields': [],
};

export function homsEmptyData(type: string): Json {
  const fields = HOMS_ORDER_TYPES[type];
  if (!fields || fields.length === 0) return [];
  return Object.fromEntries(fields.map((f) => [f, null]));
}

export const HOMS_USERS: readonly Json[] = [
  { email: 'dockside@dockside.example', name: 'Dockside', middle_name: null, last_name: 'Integration', company: 'Dockside Demo s.r.o.', department: 'IT', role: 'admin' },
  { email: 'demo@example.com', name: 'David', middle_name: null, last_name: 'Jones', company: 'Example Corporation', department: 'Demonstrations', role: 'user' },
  { email: 'c.johnson@example.com', name: 'Charles', middle_name: null, last_name: 'Johnson', company: 'Example Corporation', department: 'Support', role: 'user' },
  ...AGENTS.map((a) => ({
    email: a.email,
    name: a.givenName,
    middle_name: null,
    last_name: a.familyName,
    company: 'Dockside Demo s.r.o.',
    department: a.role === 'packer' ? 'Sklad' : 'Zákaznický servis',
    role: a.role === 'supervisor' ? 'admin' : 'user',
  })),
];

/** HOMS datetime with offset as in the seed: 2016-05-16T13:52:48+03:00 (we use +01:00). */
export function homsDate(ms: number, millis = false): string {
  if (millis) return new Date(ms).toISOString().replace('Z', '+00:00');
  return new Date(ms + 3600_000).toISOString().replace(/\.\d{3}Z$/, '+01:00');
}

const SUBJECTS = ['Poškozená zásilka', 'Zásilka nedorazila', 'Falsche Farbe geliefert', 'Vrácení peněz', 'Beschadigd pakket', 'Chybějící kus v balíku'];
const REASONS = ['damaged', 'wrong_item', 'not_delivered', 'changed_mind', 'missing_item'];

/** Seed 001's own ORD-1 exactly as its List/Show examples print it (a `vacation_request` for James
 *  Carter, state `to_execute`, no ext_code/bp/user), so the seed's "Update custom fields" and
 *  "Update user email" requests answer as the seed shows. The same for every seed. */
export const HOMS_SEED_ORD1: Json = {
  id: 1,
  code: 'ORD-1',
  ext_code: null,
  bp_id: null,
  bp_state: null,
  state: 'to_execute',
  archived: false,
  data: {
    employeeFirstName: 'James',
    employeeLastName: 'Carter',
    employeeEmail: 'james@example.com',
    beginDate: '2016-07-15T14:45:03.000+00:00',
    endDate: '2016-07-16T14:49:42.000+00:00',
    motivationText: 'I had a lot of work last 7 years',
    resolution: null,
    resolutionText: null,
    adjustResult: null,
  },
  done_at: null,
  order_type_code: 'vacation_request',
  user_email: null,
};

export function homsOrder(seed: number, i: number): Json {
  if (i === 0) return structuredClone(HOMS_SEED_ORD1);
  const r = rngFor(seed, 'homs-order', i);
  const type = r.weighted<string>([
    ['support_request', 50],
    ['return_request', 35],
    ['vacation_request', 10],
    ['Without custom fields', 5],
  ]);
  const state = r.weighted<string>([
    ['to_execute', 35],
    ['in_progress', 30],
    ['done', 35],
  ]);
  const created = ANCHOR_MS + i * 53 * 60_000;
  const orderIndex = Math.floor(r.next() * (2 * i + 10));
  const o = genOrder(seed, orderIndex);
  const cust = genPerson(seed, o.customerIndex);
  const agent = r.pick(AGENTS);
  let data: Json;
  let ext: string | null = null;
  switch (type) {
    case 'support_request':
      ext = o.number;
      data = {
        requesterName: `${cust.givenName} ${cust.familyName}`,
        requesterPhone: cust.phones[0]?.raw ?? null,
        subject: r.pick(SUBJECTS),
        description: `Objednávka ${o.number}: ${o.lines[0]!.description}`,
        resolution: state === 'done' ? 'resolved' : null,
        resolutionText: state === 'done' ? 'Zasláno náhradní zboží.' : null,
      };
      break;
    case 'return_request':
      ext = o.number;
      data = {
        customerName: `${cust.givenName} ${cust.familyName}`,
        customerPhone: cust.phones[0]?.raw ?? null,
        orderNumber: o.number,
        reason: r.pick(REASONS),
        refundAmount: state === 'done' ? o.total : null,
        resolution: state === 'done' ? 'refunded' : null,
      };
      break;
    case 'vacation_request': {
      const a = AGENTS[r.int(0, AGENTS.length - 1)]!;
      const begin = created + r.int(5, 40) * 86400_000;
      data = {
        employeeFirstName: a.givenName,
        employeeLastName: a.familyName,
        employeeEmail: a.email,
        beginDate: homsDate(begin, true),
        endDate: homsDate(begin + r.int(1, 10) * 86400_000, true),
        motivationText: 'Dovolená',
        resolution: state === 'done' ? 'approved' : null,
        resolutionText: null,
        adjustResult: null,
      };
      break;
    }
    default:
      data = [];
  }
  const hasBp = state !== 'to_execute';
  return {
    id: i + 1,
    code: `ORD-${i + 1}`,
    ext_code: ext,
    bp_id: hasBp ? `${type}-${1000 + i}` : null,
    bp_state: hasBp ? (state === 'done' ? 'finished' : 'waiting_for_agent') : null,
    state,
    archived: state === 'done' && r.chance(0.3),
    data,
    done_at: state === 'done' ? homsDate(created + r.int(1, 72) * 3_600_000) : null,
    order_type_code: type,
    user_email: state === 'to_execute' && r.chance(0.5) ? null : agent.email,
  };
}

export function homsIndexFromCode(code: string): number | null {
  const m = /^ORD-(\d+)$/.exec(code);
  if (!m) return null;
  const i = Number(m[1]) - 1;
  return i >= 0 ? i : null;
}
