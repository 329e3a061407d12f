// Local HOMS order writes: the row and its outbox op in ONE Outbox.transact, so after any crash
// both exist or neither does. The pattern other local-first writes copy.
import type { z } from 'zod';
import type { Db } from '../../db/database';
import { invalid, notFound } from '../../rpc/errors';
import type { Outbox } from '../../sync/outbox';
import { newId } from '../../util/ids';
import { applyUpdate, fieldsOfCreate, HOMS_ORDER_ENTITY, updateProblem, type HomsOrder } from './mappers';
import { homsRepo } from './pull';
import { HOMS_OPS, type HomsOrderCreatePayload, type HomsOrderUpdatePayload } from './push';
import { fieldsOfRow, toHomsOrder } from './repo';
import { orderCreateSchema, orderUpdateSchema, type OrderUpdate } from './schemas';

/** A new order: everything of HOMS's create but `ext_code`, which is ours (the local id). */
export const homsOrderDraftSchema = orderCreateSchema.omit({ ext_code: true });
export type HomsOrderDraft = z.input<typeof homsOrderDraftSchema>;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw invalid('The HOMS order is not valid', r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return r.data;
}

/** Stores the order locally (no code yet) and queues its create. `ext_code` = `ref` = the local id. */
export function createHomsOrder(outbox: Outbox, db: Db, input: HomsOrderDraft, now: number = Date.now()): HomsOrder {
  const draft = parse(homsOrderDraftSchema, input);
  const id = newId();
  const payload: HomsOrderCreatePayload = { ...draft, ext_code: id };
  const repo = homsRepo(db);
  return outbox.transact((enqueue) => {
    repo.insertLocal(id, id, fieldsOfCreate(payload), now);
    enqueue({ remote: 'homs', entity: HOMS_ORDER_ENTITY, entityId: id, operation: HOMS_OPS.create, payload });
    return toHomsOrder(repo.get(id)!);
  });
}

/** Changes the named fields locally and queues the same partial update. */
export function updateHomsOrder(outbox: Outbox, db: Db, id: string, update: OrderUpdate, now: number = Date.now()): HomsOrder {
  const patch: HomsOrderUpdatePayload = parse(orderUpdateSchema, update);
  const problem = updateProblem(patch);
  if (problem) throw invalid(`The HOMS order update is not valid: ${problem}`);
  const repo = homsRepo(db);
  return outbox.transact((enqueue) => {
    const row = repo.get(id);
    if (!row) throw notFound('HOMS order');
    const fields = applyUpdate(fieldsOfRow(row), patch);
    repo.saveFields(id, fields, now);
    enqueue({ remote: 'homs', entity: HOMS_ORDER_ENTITY, entityId: id, operation: HOMS_OPS.update, payload: patch });
    return toHomsOrder(repo.get(id)!);
  });
}

/** One local order, or undefined. */
export function getHomsOrder(db: Db, id: string): HomsOrder | undefined {
  const r = homsRepo(db).get(id);
  return r ? toHomsOrder(r) : undefined;
}
