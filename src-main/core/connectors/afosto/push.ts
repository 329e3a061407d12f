// What Dockside pushes to Afosto: one PushDef per outbox operation. entityId is always the LOCAL
// id; remote ids are resolved through the repo at send time (a parcel's own id arrives with its
// create, written back in a transaction before the parcel's later ops run — same ordering key).
// lcs/spl writes have no idempotency key: state PUTs are absolute (safe to resend); the two creates
// (parcel, print job) are looked up first when the previous attempt may have applied.
import { z } from 'zod';
import type { Clock } from '../../platform/ports';
import type { PushHandler } from '../../sync/push';
import type { PushDef } from '../../sync/types';
import { RemoteError } from '../shared/errors';
import { mayHaveCreated } from '../shared/push';
import type { AfostoClient, FetchedFile } from './client';
import * as M from './mappers';
import type { AfostoRepo } from './repo';

/** Outbox operation names (remote 'afosto'). */
export const AFOSTO_OPS = {
  pickProgress: 'pick_item_progress',
  shipmentMissing: 'shipment_missing',
  shipmentBackorders: 'shipment_backorders',
  shipmentOverage: 'shipment_overage',
  parcelCreate: 'parcel_create',
  parcelItems: 'parcel_items',
  parcelWeight: 'parcel_weight',
  parcelFinished: 'parcel_finished',
  parcelTransit: 'parcel_transit',
  parcelLabel: 'parcel_label',
  parcelSlip: 'parcel_slip',
  printJob: 'print_job',
} as const;

/** Outbox entity names the ops above use (entityId = the local row's id). */
export const AFOSTO_ENTITIES = { pickItem: 'pick_list_item', shipment: 'shipment', parcel: 'parcel', printJob: 'print_job' } as const;

const size = { weight: z.number().int().min(0).optional(), length: z.number().int().min(0).optional(), width: z.number().int().min(0).optional(), height: z.number().int().min(0).optional() };

/** entity pick_list_item: the unit's picking state (absolute: PUT /lcs/lists/{id}/items). */
export const pickProgressSchema = z.object({
  handled: z.boolean(),
  serviced: z.boolean().optional(),
  finished: z.boolean().optional(),
  position: z.string().min(1).optional(),
  lotNumber: z.string().min(1).optional(),
  expiresAt: z.string().min(1).optional(),
});
/** entity shipment: units (local shipment_units ids) flagged missing or found again. */
export const shipmentMissingSchema = z.object({ units: z.array(z.object({ unitId: z.string().min(1), missing: z.boolean() })).min(1) });
/** entity shipment: the WHOLE set of backorder (or overage) lines — Afosto replaces the set. */
export const correctionLinesSchema = z.object({
  lines: z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().min(0), description: z.string().optional(), position: z.string().optional() })),
});
/** entity parcel (a local parcels row with shipment_id): create the box with these units (local shipment_units ids). */
export const parcelCreateSchema = z.object({ unitIds: z.array(z.string().min(1)).default([]), ...size });
/** entity parcel: units added to / removed from the box (local shipment_units ids). */
export const parcelItemsSchema = z.object({ add: z.array(z.string().min(1)).default([]), remove: z.array(z.string().min(1)).default([]) });
export const parcelWeightSchema = z.object(size);
export const emptySchema = z.object({}).default({});
/** entity print_job: a job for an Afosto print hub (`reference` = the local print job id). */
export const printJobSchema = z.object({ hubId: z.string().min(1), job: z.string().min(1), tag: z.string().optional(), description: z.string().optional(), scheduleAt: z.string().optional() });

export type PickProgress = z.infer<typeof pickProgressSchema>;
export type ShipmentMissing = z.infer<typeof shipmentMissingSchema>;
export type CorrectionLines = z.infer<typeof correctionLinesSchema>;
export type ParcelCreatePayload = z.infer<typeof parcelCreateSchema>;
export type ParcelItemsPayload = z.infer<typeof parcelItemsSchema>;
export type ParcelWeightPayload = z.infer<typeof parcelWeightSchema>;
export type PrintJobPayload = z.infer<typeof printJobSchema>;

/** A label or slip file fetched after its task completed: stored in remote_files, then announced. */
export interface AfostoFileEvent {
  kind: 'label' | 'slip';
  /** The outbox op that asked for it: the same on every attempt (an idempotency key for printing). */
  opId: string;
  parcelId: string;
  fileId: string;
  format: 'zpl' | 'pdf' | 'other';
  file: FetchedFile;
}

export interface AfostoPushOptions {
  /** Called after a label/slip file is stored (e.g. hand it to the printing service). */
  onFile?: (f: AfostoFileEvent) => void;
  /** Longest wait for a label/slip task. */
  taskTimeoutMs?: number;
  /** After a possibly-applied label/slip request: how long to watch the parcel for its file before asking again. */
  reconcileWaitMs?: number;
}

/** A local reference that has no Afosto id (yet): dead with a message, retried from the Sync screen. */
function unresolved(what: string): RemoteError {
  return new RemoteError({ remote: 'afosto', kind: 'validation', message: `${what} has no Afosto id (not pulled from Afosto, or its create has not gone through)` });
}

export function afostoPushes(client: () => Promise<AfostoClient | undefined>, repo: AfostoRepo, clock: Clock, o: AfostoPushOptions = {}): PushDef[] {
  const c = async (): Promise<AfostoClient> => {
    const x = await client();
    if (!x) throw new RemoteError({ remote: 'afosto', kind: 'network', message: 'Afosto is not configured' });
    return x;
  };
  const shipmentRemote = (localId: string): string => {
    const r = repo.shipmentRemoteId(localId);
    if (!r) throw unresolved(`shipment ${localId}`);
    return r;
  };
  const unitRemotes = (localIds: readonly string[]): string[] =>
    localIds.map((id) => {
      const u = repo.unitRemote(id);
      if (!u?.remoteId) throw unresolved(`shipment unit ${id}`);
      return u.remoteId;
    });
  const parcelRemote = (localId: string): string => {
    const r = repo.parcelRef(localId)?.remoteId;
    if (!r) throw unresolved(`parcel ${localId}`);
    return r;
  };

  const pickProgress: PushHandler<PickProgress> = async (op) => {
    const ref = repo.pickItemRef(op.entityId);
    if (!ref?.listRemoteId || !ref.unitRemoteId) throw unresolved(`pick list item ${op.entityId}`);
    const p = op.payload;
    await (await c()).updatePickItems(ref.listRemoteId, [
      {
        id: ref.unitRemoteId,
        is_handled: p.handled,
        ...(p.serviced !== undefined ? { is_serviced: p.serviced } : {}),
        ...(p.finished !== undefined ? { is_finished: p.finished } : {}),
        ...(p.position ? { position: p.position } : {}),
        ...(p.lotNumber ? { lot_number: p.lotNumber } : {}),
        ...(p.expiresAt ? { expires_at: p.expiresAt } : {}),
      },
    ]);
  };

  const shipmentMissing: PushHandler<ShipmentMissing> = async (op) => {
    const ship = shipmentRemote(op.entityId);
    const ids = unitRemotes(op.payload.units.map((u) => u.unitId));
    await (await c()).setMissing(ship, op.payload.units.map((u, k) => ({ id: ids[k] as string, is_missing: u.missing })));
  };

  const corrections =
    (kind: 'backorders' | 'overage'): PushHandler<CorrectionLines> =>
    async (op) => {
      const ship = shipmentRemote(op.entityId);
      const lines = op.payload.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, ...(l.description ? { description: l.description } : {}), ...(l.position ? { position: l.position } : {}) }));
      const cl = await c();
      await (kind === 'backorders' ? cl.setBackorders(ship, lines) : cl.setOverage(ship, lines));
    };

  const parcelCreate: PushHandler<ParcelCreatePayload> = async (op, attempt) => {
    const ref = repo.parcelRef(op.entityId);
    if (!ref) throw new RemoteError({ remote: 'afosto', kind: 'validation', message: `parcel ${op.entityId} does not exist locally` });
    if (ref.remoteId) return ref.remoteId; // an earlier attempt got through and was recorded
    if (!ref.shipmentId || !ref.shipmentRemoteId) throw unresolved(`shipment of parcel ${op.entityId}`);
    const itemIds = unitRemotes(op.payload.unitIds);
    const cl = await c();
    if (mayHaveCreated(attempt)) {
      // lcs parcels carry no client reference: found again through the shipment, as the parcel
      // holding our units — or, for an empty box, an empty parcel no local row knows yet.
      const found = itemIds.length ? await cl.findParcel(ref.shipmentRemoteId, itemIds) : await findEmptyParcel(cl, ref.shipmentRemoteId, repo);
      if (found) {
        repo.setParcelRemoteId(op.entityId, found.id, clock.now());
        return found.id;
      }
    }
    const created = await cl.createParcel({ shipment_id: ref.shipmentRemoteId, ...M.parcelSize(op.payload), ...(itemIds.length ? { item_ids: itemIds } : {}) });
    repo.setParcelRemoteId(op.entityId, created.id, clock.now());
    return created.id;
  };

  const parcelItems: PushHandler<ParcelItemsPayload> = async (op) => {
    const parcel = parcelRemote(op.entityId);
    const cl = await c();
    if (op.payload.add.length) await cl.addParcelItems(parcel, unitRemotes(op.payload.add));
    if (op.payload.remove.length) await cl.removeParcelItems(parcel, unitRemotes(op.payload.remove));
  };

  const parcelWeight: PushHandler<ParcelWeightPayload> = async (op) => {
    await (await c()).updateParcel(parcelRemote(op.entityId), M.parcelSize(op.payload));
  };

  const parcelState =
    (to: 'finished' | 'transit'): PushHandler<unknown> =>
    async (op) => {
      const parcel = parcelRemote(op.entityId);
      const cl = await c();
      await (to === 'finished' ? cl.parcelFinished(parcel) : cl.parcelTransit(parcel));
    };

  // Label / slip: POST …/label|slip → 204 + x-task-id → poll GET /mes/tasks/{id} → the file id
  // (label: parcel.label.file_id; slip: task.result, else parcel.file_id) → GET /cnt/files/{id} →
  // its url. The bytes go to remote_files (entity 'parcel', the local id) and to `onFile`.
  const document =
    (kind: 'label' | 'slip'): PushHandler<unknown> =>
    async (op, attempt) => {
      const parcel = parcelRemote(op.entityId);
      const cl = await c();
      let file: FetchedFile | undefined;
      if (mayHaveCreated(attempt)) {
        // the request may have gone through: use what the parcel already holds rather than
        // starting a second task (a task still running shows up on the next attempt)
        const until = clock.now() + (o.reconcileWaitMs ?? 5_000);
        for (;;) {
          const p = await cl.parcel(parcel);
          const fileId = kind === 'label' ? p.label?.file_id : p.file_id;
          if (fileId) {
            file = await cl.download(await cl.file(fileId));
            break;
          }
          if (clock.now() >= until) break;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      file ??= kind === 'label' ? await cl.labelFile(parcel, o.taskTimeoutMs) : await cl.slipFile(parcel, o.taskTimeoutMs);
      const format = M.fileFormat(file.meta.mime, file.bytes);
      repo.saveFile({ kind, entity: 'parcel', entityId: op.entityId, remoteFileId: file.meta.id, mime: file.meta.mime ?? null, format, bytes: file.bytes, at: clock.now() });
      if (kind === 'label') {
        const p = await cl.parcel(parcel);
        repo.labelDone(op.entityId, p.tracking_code || null, clock.now());
      }
      o.onFile?.({ kind, opId: attempt.opId, parcelId: op.entityId, fileId: file.meta.id, format, file });
      return file.meta.id;
    };

  const printJob: PushHandler<PrintJobPayload> = async (op, attempt) => {
    const cl = await c();
    const p = op.payload;
    if (mayHaveCreated(attempt)) {
      const found = await cl.findPrintJob(op.entityId, p.tag ? { tag: p.tag } : {});
      if (found) return found.id;
    }
    const job = await cl.queuePrintJob({ job: p.job, reference: op.entityId, hub_id: p.hubId, ...(p.tag ? { tag: p.tag } : {}), ...(p.description ? { description: p.description } : {}), ...(p.scheduleAt ? { schedule_at: p.scheduleAt } : {}) });
    return job.id;
  };

  const def = <P>(operation: string, schema: z.ZodType<P>, handler: PushHandler<P>): PushDef => ({ operation, schema, handler }) as PushDef;
  return [
    def(AFOSTO_OPS.pickProgress, pickProgressSchema, pickProgress),
    def(AFOSTO_OPS.shipmentMissing, shipmentMissingSchema, shipmentMissing),
    def(AFOSTO_OPS.shipmentBackorders, correctionLinesSchema, corrections('backorders')),
    def(AFOSTO_OPS.shipmentOverage, correctionLinesSchema, corrections('overage')),
    def(AFOSTO_OPS.parcelCreate, parcelCreateSchema, parcelCreate),
    def(AFOSTO_OPS.parcelItems, parcelItemsSchema, parcelItems),
    def(AFOSTO_OPS.parcelWeight, parcelWeightSchema, parcelWeight),
    def(AFOSTO_OPS.parcelFinished, emptySchema, parcelState('finished')),
    def(AFOSTO_OPS.parcelTransit, emptySchema, parcelState('transit')),
    def(AFOSTO_OPS.parcelLabel, emptySchema, document('label')),
    def(AFOSTO_OPS.parcelSlip, emptySchema, document('slip')),
    def(AFOSTO_OPS.printJob, printJobSchema, printJob),
  ];
}

/** An empty parcel of the shipment that no local row has adopted (lost-reply lookup of an empty create). */
async function findEmptyParcel(cl: AfostoClient, shipmentRemoteId: string, repo: AfostoRepo) {
  const ship = await cl.shipment(shipmentRemoteId);
  for (const nested of ship.parcels ?? []) {
    if (repo.isKnownParcel(nested.id)) continue;
    const p = await cl.parcel(nested.id);
    if ((p.items ?? []).length === 0) return p;
  }
  return undefined;
}
