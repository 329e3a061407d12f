// HOMS push: order create and partial update, one outbox op each (entity 'homs_order', entityId =
// homs_orders.id). A handler sends one op and throws the client's RemoteError; the engine decides
// retry or dead (a 422 or an unknown order type / user is `validation` → dead with HOMS's message).
//
// A create is never sent twice: its ext_code is our reference (homs_orders.ref), and before the
// POST the row is marked `create_sent_at`. Any later attempt — whatever the outbox knows about the
// previous one (a malformed reply after HOMS saved the order is `bad_response`, which the engine
// does not count as "may have applied"; a dead op retried starts its attempts afresh) — looks the
// order up by ext_code first (findByExtCode), and does not POST again before HOMS_CREATE_SETTLE_MS.
import type { z } from 'zod';
import type { ConnectorDeps, PushDef } from '../../sync/types';
import type { PushAttempt, PushOp } from '../../sync/push';
import { RemoteError } from '../shared/errors';
import { mayHaveCreated } from '../shared/push';
import type { HomsClient } from './client';
import { homsRepo } from './pull';
import { orderCreateSchema, orderUpdateSchema, type Order } from './schemas';

export const HOMS_OPS = { create: 'order.create', update: 'order.update' } as const;

/** The create op's payload: the client's create input; `ext_code` is the local order's `ref`. */
export const homsOrderCreatePayloadSchema = orderCreateSchema;
export type HomsOrderCreatePayload = z.output<typeof homsOrderCreatePayloadSchema>;
/** The update op's payload: only the named fields change, custom fields are merged. */
export const homsOrderUpdatePayloadSchema = orderUpdateSchema;
export type HomsOrderUpdatePayload = z.output<typeof homsOrderUpdatePayloadSchema>;

/** What a handler answers (kept as the job's result). */
export interface HomsPushResult {
  code: string;
  created?: boolean;
}

/** The client, its map primed from the table; a remote not configured waits like an outage. */
export async function homsClientOf(deps: ConnectorDeps<HomsClient>, prime: (c: HomsClient) => void): Promise<HomsClient> {
  const c = await deps.client();
  if (!c) throw new RemoteError({ remote: 'homs', kind: 'network', message: 'HOMS is not configured', remoteMessage: 'HOMS is not configured' });
  prime(c);
  return c;
}

/**
 * How long after our last POST an order not found by ext_code may still appear: a request that
 * timed out can still be processed by HOMS, and HOMS has no idempotency key. Until then a create
 * is not resent (the op waits and looks again), so a slow HOMS cannot make it twice.
 */
export const HOMS_CREATE_SETTLE_MS = 60_000;

export interface HomsPushOptions {
  settleMs?: number;
}

export function homsPushes(deps: ConnectorDeps<HomsClient>, prime: (c: HomsClient) => void, opts: HomsPushOptions = {}): PushDef[] {
  const repo = homsRepo(deps.db);
  const settleMs = opts.settleMs ?? HOMS_CREATE_SETTLE_MS;

  async function create(op: PushOp<HomsOrderCreatePayload>, attempt: PushAttempt): Promise<HomsPushResult> {
    const client = await homsClientOf(deps, prime);
    const row = repo.get(op.entityId);
    if (row?.code) return { code: row.code, created: false }; // an earlier attempt or a pull already linked it
    if (!row) {
      // Not made by createHomsOrder: no row to remember the attempt in, so trust the outbox.
      const r = mayHaveCreated(attempt) ? await client.createOrderOnce(op.payload) : { order: await client.createOrder(op.payload), created: true };
      return { code: r.order.code, created: r.created };
    }
    if (row.create_sent_at !== null || attempt.mayHaveApplied) {
      const found = await client.findByExtCode(op.payload.ext_code);
      if (found) {
        repo.linkCode(row.id, found.code, found.id, deps.clock.now());
        return { code: found.code, created: false };
      }
      const waited = row.create_sent_at === null ? settleMs : deps.clock.now() - row.create_sent_at;
      if (waited < settleMs) {
        throw new RemoteError({
          remote: 'homs',
          kind: 'timeout',
          retryAfterMs: settleMs - waited,
          message: `order ${op.payload.ext_code} not found yet; an earlier create may still be in progress`,
          remoteMessage: 'waiting to see whether the earlier attempt arrived',
        });
      }
    }
    repo.markCreateSent(row.id, deps.clock.now()); // committed before the request leaves
    let order: Order;
    try {
      order = await client.createOrder(op.payload);
    } catch (err) {
      // A refusal (4xx) proves this POST saved nothing: the settle window is the previous POST's.
      if (err instanceof RemoteError && !err.retryable) repo.setCreateSent(row.id, row.create_sent_at);
      throw err;
    }
    repo.linkCode(row.id, order.code, order.id, deps.clock.now());
    return { code: order.code, created: true };
  }

  async function update(op: PushOp<HomsOrderUpdatePayload>): Promise<HomsPushResult> {
    const client = await homsClientOf(deps, prime);
    const row = repo.get(op.entityId);
    if (!row) throw new RemoteError({ remote: 'homs', kind: 'not_found', message: `local order ${op.entityId} does not exist`, remoteMessage: 'the local order is gone' });
    let code = row.code;
    if (code === null && row.ref !== null) {
      // Its create went through on another path (a discarded op re-done by hand): find it.
      const found = await client.findByExtCode(row.ref);
      if (found) {
        repo.linkCode(row.id, found.code, found.id, deps.clock.now());
        code = found.code;
      }
    }
    if (code === null) throw new RemoteError({ remote: 'homs', kind: 'not_found', message: `order ${op.entityId} is not in HOMS`, remoteMessage: 'the order was never created in HOMS' });
    // The client reads the order back and refuses a field HOMS did not keep. The local row
    // already holds the change; HOMS's spelling of it arrives with the next pull.
    await client.updateOrder(code, op.payload);
    return { code };
  }

  return [
    { operation: HOMS_OPS.create, schema: homsOrderCreatePayloadSchema, handler: create },
    { operation: HOMS_OPS.update, schema: homsOrderUpdatePayloadSchema, handler: update },
  ] as PushDef[];
}
