// HOMS order and user ↔ local shapes. Pure: no I/O, no clock.
import { orderUpdateSchema, type Order, type OrderCreate, type OrderState, type OrderUpdate, type User } from './schemas';

/** The outbox entity of a local HOMS order (PushOp.entity; entityId is homs_orders.id). */
export const HOMS_ORDER_ENTITY = 'homs_order';

/** The fields of an order both sides hold (HOMS's `code` and `id` are identity, not fields). */
export interface HomsOrderFields {
  order_type_code: string;
  ext_code: string | null;
  bp_id: string | null;
  bp_state: string | null;
  state: OrderState;
  archived: boolean;
  done_at: string | null;
  user_email: string | null;
  data: Record<string, unknown>;
}

/** A local order as the rest of the app reads it. */
export interface HomsOrder extends HomsOrderFields {
  id: string;
  /** HOMS's code (ORD-n); null until our create is confirmed. */
  code: string | null;
  /** Our client reference (sent as ext_code), for orders created here; null for pulled ones. */
  ref: string | null;
  remoteId: number | null;
  createdAt: number;
  updatedAt: number;
}

export function fieldsOfOrder(o: Order): HomsOrderFields {
  return {
    order_type_code: o.order_type_code,
    ext_code: o.ext_code,
    bp_id: o.bp_id,
    bp_state: o.bp_state,
    state: o.state,
    archived: o.archived,
    done_at: o.done_at,
    user_email: o.user_email,
    data: o.data,
  };
}

/** What a new order holds locally before HOMS answers: HOMS's defaults for what was not sent. */
export function fieldsOfCreate(c: OrderCreate): HomsOrderFields {
  return {
    order_type_code: c.order_type_code,
    ext_code: c.ext_code,
    bp_id: c.bp_id ?? null,
    bp_state: c.bp_state ?? null,
    state: c.state ?? 'to_execute',
    archived: c.archived ?? false,
    done_at: c.done_at ?? null,
    user_email: c.user_email ?? null,
    data: { ...(c.data ?? {}) },
  };
}

type ParsedUpdate = ReturnType<typeof orderUpdateSchema.parse>;

/** Why this update could not be sent (the client refuses the same before sending), or undefined. */
export function updateProblem(u: ParsedUpdate): string | undefined {
  for (const k of u.clear ?? []) if (u.set && k in u.set) return `${k} is both set and cleared`;
  for (const k of u.data?.clear ?? []) if (u.data?.set && k in u.data.set) return `data.${k} is both set and cleared`;
  const n = Object.keys(u.set ?? {}).length + (u.clear?.length ?? 0) + Object.keys(u.data?.set ?? {}).length + (u.data?.clear?.length ?? 0);
  return n === 0 ? 'nothing to change' : undefined;
}

/** The local row after a partial update, as HOMS will hold it: named fields only, data merged. */
export function applyUpdate(f: HomsOrderFields, update: OrderUpdate): HomsOrderFields {
  const u = orderUpdateSchema.parse(update);
  const next: HomsOrderFields = { ...f, ...u.set, data: { ...f.data } };
  for (const k of u.clear ?? []) next[k] = null;
  Object.assign(next.data, u.data?.set);
  for (const k of u.data?.clear ?? []) next.data[k] = null;
  return next;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string' && /^\d{4}-\d\d-\d\dT/.test(a)) {
    // HOMS may spell the same instant another way (".000", "Z" vs "+00:00").
    const t = Date.parse(a);
    return !Number.isNaN(t) && t === Date.parse(b);
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/**
 * Whether the remote order says the same as the local row. A custom field one side lacks counts as
 * null: HOMS fills in every field of the type (null) that a create or update did not name.
 */
export function sameFields(local: HomsOrderFields, remote: HomsOrderFields): boolean {
  if (
    local.order_type_code !== remote.order_type_code ||
    local.ext_code !== remote.ext_code ||
    local.bp_id !== remote.bp_id ||
    local.bp_state !== remote.bp_state ||
    local.state !== remote.state ||
    local.archived !== remote.archived ||
    !sameValue(local.done_at, remote.done_at) ||
    (local.user_email ?? '').toLowerCase() !== (remote.user_email ?? '').toLowerCase()
  ) {
    return false;
  }
  for (const k of new Set([...Object.keys(local.data), ...Object.keys(remote.data)])) {
    if (!sameValue(local.data[k] ?? null, remote.data[k] ?? null)) return false;
  }
  return true;
}

/** A HOMS user as kept in remote_records: keyed by e-mail, lower-cased (HOMS matches it so). */
export function userRecord(u: User): { remoteId: string; data: string } {
  return { remoteId: u.email.toLowerCase(), data: JSON.stringify(u) };
}
