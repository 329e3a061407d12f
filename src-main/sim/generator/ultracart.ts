/**
 * UltraCart WorkflowApi wire-shaped demo entities (seed 000 + SDK model names).
 */
import { AGENTS } from './agents';
import { genOrder, genPerson } from './entities';
import { ANCHOR_MS, uuidFor } from './ids';
import { rngFor } from './prng';
import type { Json } from './afosto/index';

export const UC_MERCHANT_ID = 'DEMO';

export const UC_GROUPS: readonly Json[] = [
  { group: 'Packing', group_id: 12 },
  { group: 'Call center CZ', group_id: 13 },
  { group: 'Reklamace', group_id: 14 },
  { group: 'Customer care DE/NL', group_id: 15 },
];

export function ucUser(k: number): Json {
  const a = AGENTS[k]!;
  return { user: `${a.givenName} ${a.familyName}`, user_id: a.ultracartUserId, user_icon_url: null };
}

export const UC_USERS: readonly Json[] = AGENTS.map((_, k) => ucUser(k));

/** The user the demo simple key belongs to. */
export const UC_ME_INDEX = 0;

/** group membership for "assigned_to_me" (me = AGENTS[0]) */
export function ucUserGroups(userId: number): number[] {
  const a = AGENTS.find((x) => x.ultracartUserId === userId);
  if (!a) return [];
  if (a.role === 'packer') return [12];
  return a.teamId === 8 ? [13] : a.teamId === 9 ? [14] : [15];
}

export const UC_TAGS = ['reship', 'vip', 'damaged', 'refund', 'address-change', 'callback', 'poškozeno'];

/** UltraCart-style date-time with offset, e.g. 2025-01-06T08:00:00+01:00 */
export function ucDts(ms: number): string {
  const d = new Date(ms + 3600_000);
  return d.toISOString().replace(/\.\d{3}Z$/, '+01:00');
}

const TITLES: readonly (readonly [string, string])[] = [
  ['Customer reports damaged item', 'Re-pack and reship; photo attached.'],
  ['Zákazník hlásí poškozené zboží', 'Rozbitý hrnek, poslat náhradu.'],
  ['Change delivery address', 'Customer moved; update before label is printed.'],
  ['Zavolat zpět kvůli doručení', 'Zákazník čeká na zásilku déle než 5 dní.'],
  ['Rückerstattung prüfen', 'Kunde möchte Geld zurück, Ware ist unterwegs.'],
  ['Missing item in parcel', 'One unit missing, check packing photo.'],
  ['Reklamácia – nesprávna farba', 'Zákazník dostal zelený namiesto modrého.'],
];

export function ucTask(seed: number, k: number): Json {
  const r = rngFor(seed, 'uc-task', k);
  const orderIndex = Math.floor(r.next() * (2 * k + 10));
  const o = genOrder(seed, orderIndex);
  const cust = genPerson(seed, o.customerIndex);
  const [name, details] = r.pick(TITLES);
  const status = r.weighted<string>([
    ['open', 40],
    ['closed', 30],
    ['delayed', 5],
    ['awaiting customer feedback', 10],
    ['closed - system', 5],
    ['closed - customer', 10],
  ]);
  const priority = r.weighted<string>([
    ['1 - low', 20],
    ['2 - medium', 50],
    ['3 - high', 25],
    ['4 - critical', 5],
  ]);
  const creator = ucUser(r.int(0, 9));
  const toUser = r.chance(0.5);
  const assignee = toUser ? ucUser(r.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])) : null;
  const group = toUser ? null : r.pick(UC_GROUPS);
  const created = ANCHOR_MS + k * 37 * 60_000;
  const updated = created + r.int(1, 48) * 3_600_000;
  const tags = r.chance(0.6) ? [r.pick(UC_TAGS)] : [];
  const properties: Json[] = [{ name: 'dockside_ref', value: `seed-${k}` }];
  if (r.chance(0.4)) properties.push({ name: 'ucs_uniqueid', value: `${Math.floor(created / 1000) - 120}.${k + 7}` });
  const notes: Json[] = r.chance(0.5)
    ? [{ note: 'Customer sent photo of broken seal.', original_note: 'Customer sent photo.', note_dts: ucDts(created + 600_000), edit_dts: null, user: creator, attachments: [] }]
    : [];
  return {
    workflow_task_uuid: uuidFor(seed, 'ucTask', k),
    merchant_id: UC_MERCHANT_ID,
    task_name: name,
    task_details: details,
    task_context: `Order ${o.number}`,
    status,
    priority,
    object_type: 'order',
    object_id: o.number,
    object_email: cust.email,
    object_url: `https://secure.ultracart.com/merchant/order/${o.number}`,
    object_task_number: 1,
    global_task_number: 5000 + k,
    system_task_type: null,
    assigned_to_user: assignee ? assignee.user : null,
    assigned_to_user_id: assignee ? assignee.user_id : null,
    assigned_to_group: group ? group.group : null,
    assigned_to_group_id: group ? group.group_id : null,
    assigned_to_user_or_group: assignee ? assignee.user : group ? group.group : null,
    created_by: creator,
    created_dts: ucDts(created),
    last_update_dts: ucDts(updated),
    due_dts: ucDts(created + 2 * 86400_000),
    delay_until_dts: status === 'delayed' ? ucDts(updated + 86400_000) : null,
    expiration_dts: null,
    dependant_workflow_task_uuid: null,
    related_workflow_task_uuid: null,
    tags,
    properties,
    notes,
    attachments: [],
    histories: [{ activity_dts: ucDts(created), description: 'Task created', ip_address: '203.0.113.5', user: creator }],
  };
}
