// PackingService: the Pack capability behind the contract. Each step is one synchronous
// transaction (Outbox.transact): its scan_events row, the projection (pack_units, pack_parcels,
// parcel_units) and the Afosto ops it implies, so after any crash all of it exists or none does.
// Labels print after the commit; who prints a parcel's label is claimed in the store (own ZPL now,
// or the carrier label when the Afosto push brings it), so a close prints exactly one label.
import type {
  BoxType,
  LabelSource,
  PackCloseResult,
  PackParcel,
  PackResultCode,
  PackScanResult,
  PackSettings,
  PackShipment,
  PrintJobInfo,
  PrintRequest,
  SignInInput,
  User,
  WeightSource,
} from '../../../src-preload/contract';
import { afostoFileJobId } from '../connectors/afosto/printFiles';
import { AFOSTO_ENTITIES, AFOSTO_OPS, type AfostoFileEvent } from '../connectors/afosto/push';
import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import type { Clock } from '../platform/ports';
import { AppError, conflict, notFound } from '../rpc/errors';
import type { Enqueue, Outbox } from '../sync/outbox';
import { newId } from '../util/ids';
import { BOX_TYPES, boxType } from './boxTypes';
import { buildLines, closeRefusal, isShipmentClosed, isVerified, itemRefusal, labelModeFor, lineKey, overageLines, readPackCode, weightRefusal } from './domain';
import { DEFAULT_SHIP_FROM, packingSlipRequest, shippingLabelRequest } from './labels';
import { PackingRepo, type ParcelRow, type ScanEventRow, type ShipmentHead } from './repo';

/** What packing needs of the station capability (StationService). */
export interface PackingStation {
  identify(input: SignInInput): Promise<User>;
  audit(userId: string | null, action: string, entity: string, entityId: string, details: unknown): void;
}

/** What packing needs of printing (PrintService). */
export interface PackingPrinter {
  print(p: PrintRequest): Promise<PrintJobInfo>;
  reprint(id: string): PrintJobInfo;
}

export interface PackingDeps {
  db: Db;
  outbox: Outbox;
  clock: Clock;
  stationId: string;
  station: PackingStation;
  printing: PackingPrinter;
  /** Whether Afosto answers now (connected): the carrier label can come with the push. */
  afostoOnline: () => boolean;
  /** The shipment a tote (sorting label) holds, from picking; absent: totes are not known here. */
  toteShipment?: (code: string) => string | undefined;
  /** Language of printed documents. */
  lang?: () => 'en' | 'cs';
  /** After a committed change of a shipment (app.ts emits `packing.changed`). */
  onChanged?: (shipmentId: string) => void;
  /**
   * How long a close waits for the carrier label before printing Dockside's own instead (Afosto
   * went away after the close). The carrier label that comes later does not print. Default 20 s.
   */
  carrierWaitMs?: number;
  logger?: Logger;
}

type ReadAs = ScanEventRow['readAs'];
type Who = string | null;

/** The order line of a pack line key (lineKey): null for a `product:` / `sku:` key. */
const orderLineOf = (lineId: string): string | null => (lineId.startsWith('product:') || lineId.startsWith('sku:') ? null : lineId);

function refusal(reason: PackResultCode, message: string): AppError {
  return conflict(message, { reason });
}

interface Loaded {
  head: ShipmentHead;
  view: PackShipment;
  parcels: ParcelRow[];
  units: ReturnType<PackingRepo['units']>;
  packedIds: Set<string>;
}

export class PackingService {
  private readonly repo: PackingRepo;
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly d: PackingDeps) {
    this.repo = new PackingRepo(d.db, d.stationId);
  }

  // ---- reads ------------------------------------------------------------------------------------

  shipment(shipmentId: string): PackShipment {
    return this.load(shipmentId).view;
  }

  boxTypes(): BoxType[] {
    return [...BOX_TYPES];
  }

  settings(): PackSettings {
    const s = this.repo.settings();
    return { labelSource: s?.labelSource ?? 'carrier', shipFrom: s?.shipFrom ?? DEFAULT_SHIP_FROM };
  }

  setSettings(patch: Partial<PackSettings>, by: Who): PackSettings {
    const next = { ...this.settings(), ...patch };
    this.d.db.tx(() => {
      this.repo.saveSettings(next);
      this.d.station.audit(by, 'packing.settings', 'station', this.d.stationId, next);
    });
    return next;
  }

  // ---- opening ----------------------------------------------------------------------------------

  /** Open the shipment a code names (order number, slip barcode, shipment id, tote). */
  open(code: string, by: Who): PackShipment {
    const id = this.shipmentOf(code.trim());
    if (!id) throw notFound('Shipment', { reason: 'unknown_code' });
    this.d.outbox.transact(() => this.log({ by, raw: code, readAs: 'order', shipmentId: id, result: 'ok', details: { code: 'shipment_opened' } }));
    return this.shipment(id);
  }

  /** Everything the scanner sends on the Pack screen. A refusal is an answer (ok:false), not an error. */
  async scan(raw: string, shipmentId: string | null, by: Who): Promise<PackScanResult> {
    const code = readPackCode(raw);
    if (code.kind === 'command') return this.command(raw, code.command, shipmentId, by);
    if (code.kind === 'box') {
      if (!shipmentId) return this.refused(raw, 'parcel', null, 'no_shipment', by);
      const box = boxType(code.box);
      if (!box) return this.refused(raw, 'parcel', shipmentId, 'unknown_box', by);
      try {
        return this.stepResult(raw, 'parcel', shipmentId, () => this.openParcelTx(shipmentId, box, raw, 'parcel', by), 'parcel_opened', { sku: box.code, name: box.name });
      } catch (e) {
        return this.refusedFrom(e, raw, shipmentId, by);
      }
    }
    if (code.kind === 'badge') return this.refused(raw, 'unknown', shipmentId, 'unknown_code', by);

    // An item when a shipment is open (products win over shipment codes there); else a shipment code.
    const product = shipmentId ? this.repo.product(code.codes, code.text) : undefined;
    if (!product) {
      const other = this.shipmentOf(code.text);
      if (other) {
        this.d.outbox.transact(() => this.log({ by, raw, readAs: 'order', shipmentId: other, result: 'ok', details: { code: 'shipment_opened' } }));
        return this.result(true, 'shipment_opened', raw, 'order', this.shipment(other));
      }
      if (!shipmentId && this.repo.product(code.codes, code.text)) return this.refused(raw, code.readAs, null, 'no_shipment', by);
      return this.refused(raw, 'unknown', shipmentId, 'unknown_code', by);
    }
    // The decision reads only the product's units and the current parcel (indexed); the whole
    // shipment is read once, for the answer.
    const sid = shipmentId as string;
    if (isShipmentClosed(this.repo.head(sid)?.status ?? '')) return this.refused(raw, code.readAs, sid, 'shipment_closed', by, { sku: product.sku, name: product.name });
    const ofProduct = this.repo.unitsOfProduct(sid, product.id);
    const free = ofProduct.find((u) => !u.packed);
    const parcelId = this.repo.currentParcel(sid);
    const first = free ?? ofProduct[0];
    const lineId = first ? lineKey(first.orderLineId, first.productId, product.sku) : null;
    const no = itemRefusal({ unitsOfProduct: ofProduct.length, freeUnit: !!free, openParcel: !!parcelId });
    if (no || !free || !parcelId || !lineId) {
      return this.refused(raw, code.readAs, sid, no ?? 'unknown_code', by, { lineId, sku: product.sku, name: product.name });
    }
    this.d.outbox.transact((enqueue) => {
      const eventId = this.log({ by, raw, readAs: code.readAs, shipmentId: sid, result: 'ok', quantity: 1, details: { code: 'item_verified', unitId: free.unitId, parcelId, productId: product.id } });
      this.repo.packUnit({ unitId: free.unitId, shipmentId: sid, parcelId, lineId, orderLineId: free.orderLineId, productId: free.productId, eventId }, this.now());
      enqueue({ remote: 'afosto', entity: AFOSTO_ENTITIES.parcel, entityId: parcelId, operation: AFOSTO_OPS.parcelItems, payload: { add: [free.unitId], remove: [] } });
    });
    return { ...this.result(true, 'item_verified', raw, code.readAs, this.shipment(sid)), lineId, sku: product.sku, name: product.name };
  }

  // ---- parcels ----------------------------------------------------------------------------------

  openParcel(shipmentId: string, boxCode: string | undefined, by: Who): PackShipment {
    const box = boxCode === undefined ? null : boxType(boxCode);
    if (box === undefined) throw refusal('unknown_box', `Unknown box type ${boxCode}`);
    this.openParcelTx(shipmentId, box, box ? box.barcode : 'KEY:NEWPARCEL', box ? 'parcel' : 'command', by);
    return this.shipment(shipmentId);
  }

  moveItem(i: { shipmentId: string; lineId: string; fromParcelId: string; toParcelId: string; quantity: number }, by: Who): PackShipment {
    const from = this.openParcelOf(i.fromParcelId, i.shipmentId);
    const to = this.openParcelOf(i.toParcelId, i.shipmentId);
    if (from.parcelId === to.parcelId) throw refusal('parcel_not_open', 'Choose another parcel to move to');
    const units = this.repo.unitsOfLineInParcel(from.parcelId, i.lineId, i.quantity);
    if (units.length < i.quantity) throw refusal('too_many', `The parcel holds ${units.length} of this line`);
    this.d.outbox.transact((enqueue) => {
      this.log({ by, raw: 'KEY:MOVE', readAs: 'command', shipmentId: i.shipmentId, result: 'ok', quantity: units.length, details: { code: 'item_moved', lineId: i.lineId, from: from.parcelId, to: to.parcelId, units: units.map((u) => u.unitId) } });
      const orderLineId = orderLineOf(i.lineId);
      for (const u of units) this.repo.moveUnit(u.unitId, from.parcelId, to.parcelId, orderLineId, u.productId);
      const ids = units.map((u) => u.unitId);
      enqueue({ remote: 'afosto', entity: AFOSTO_ENTITIES.parcel, entityId: from.parcelId, operation: AFOSTO_OPS.parcelItems, payload: { add: [], remove: ids } });
      enqueue({ remote: 'afosto', entity: AFOSTO_ENTITIES.parcel, entityId: to.parcelId, operation: AFOSTO_OPS.parcelItems, payload: { add: ids, remove: [] } });
    });
    return this.shipment(i.shipmentId);
  }

  /**
   * Takes back the last item verified into this shipment, wherever it was moved since: a
   * compensating scan event (result undo, compensates the item's event), the unit out of its
   * parcel, and Afosto's parcel_items remove — one transaction. Repeated, it walks back further.
   * Refused when nothing is packed, or when that unit's parcel is closed (its label is out; an
   * undo does not reopen a box).
   */
  undo(shipmentId: string, by: Who, raw = 'KEY:UNDO'): PackScanResult {
    if (!this.repo.head(shipmentId)) throw notFound('Shipment', { reason: 'unknown_code' });
    const last = this.repo.lastPacked(shipmentId);
    if (!last) return this.refused(raw, 'command', shipmentId, 'nothing_to_undo', by);
    if (this.repo.parcelRef(last.parcelId)?.closedAt !== null) return this.refused(raw, 'command', shipmentId, 'parcel_not_open', by);
    this.d.outbox.transact((enqueue) => {
      this.log({ by, raw, readAs: 'command', shipmentId, result: 'undo', compensates: last.eventId, quantity: -1, details: { code: 'undone', unitId: last.unitId, parcelId: last.parcelId, lineId: last.lineId } });
      this.repo.unpackUnit(last.unitId, last.parcelId, orderLineOf(last.lineId), last.productId);
      enqueue({ remote: 'afosto', entity: AFOSTO_ENTITIES.parcel, entityId: last.parcelId, operation: AFOSTO_OPS.parcelItems, payload: { add: [], remove: [last.unitId] } });
    });
    const view = this.shipment(shipmentId);
    const line = view.lines.find((l) => l.id === last.lineId);
    return { ...this.result(true, 'undone', raw, 'command', view), lineId: last.lineId, sku: line?.sku ?? null, name: line?.name ?? null };
  }

  setWeight(parcelId: string, grams: number, source: WeightSource, by: Who): PackShipment {
    const ref = this.openParcelOf(parcelId);
    const no = weightRefusal(grams);
    if (no) throw refusal(no, 'A parcel cannot weigh 0 g');
    this.d.outbox.transact((enqueue) => {
      this.log({ by, raw: source === 'scale' ? 'SCALE' : 'KEY:WEIGHT', readAs: 'command', shipmentId: ref.shipmentId, result: 'ok', quantity: grams, details: { code: 'weight_set', parcelId, grams, source } });
      this.repo.setWeight(parcelId, grams, source, this.now());
      enqueue({ remote: 'afosto', entity: AFOSTO_ENTITIES.parcel, entityId: parcelId, operation: AFOSTO_OPS.parcelWeight, payload: { weight: grams } });
    });
    return this.shipment(ref.shipmentId);
  }

  /**
   * Close a parcel and print its label: own ZPL at once (offline, or the station says so), or the
   * carrier label when the parcel_label push brings it. With the last parcel, the packing slip too.
   */
  async closeParcel(parcelId: string, by: Who, raw = 'KEY:CLOSE'): Promise<PackCloseResult> {
    const ref = this.repo.parcelRef(parcelId);
    if (!ref) throw notFound('Parcel', { reason: 'parcel_not_open' });
    const f = this.load(ref.shipmentId);
    const parcel = f.view.parcels.find((p) => p.id === parcelId) as PackParcel;
    const no = closeRefusal({ open: parcel.status === 'open', units: parcel.count, weightGrams: parcel.weightGrams, labelsAllowed: f.view.labelsAllowed });
    if (no) throw refusal(no, `The parcel cannot close yet (${no})`);
    const mode: LabelSource = labelModeFor(this.settings().labelSource, this.d.afostoOnline());
    const last = f.view.parcels.every((p) => p.id === parcelId || p.status === 'closed');
    const sid = ref.shipmentId;
    this.d.outbox.transact((enqueue) => {
      this.log({ by, raw, readAs: 'command', shipmentId: sid, result: 'ok', details: { code: 'parcel_closed', parcelId, labelMode: mode, last } });
      if (!this.repo.close(parcelId, mode, last ? mode : null, this.now())) throw refusal('parcel_not_open', 'The parcel is closed already');
      if (mode === 'own') this.repo.claimLabel(parcelId, 'own', null, this.now());
      if (last && mode === 'own') this.repo.claimSlip(parcelId, 'own', null);
      const op = (operation: string, payload: unknown = {}) => enqueue({ remote: 'afosto', entity: AFOSTO_ENTITIES.parcel, entityId: parcelId, operation, payload });
      op(AFOSTO_OPS.parcelLabel);
      if (last) {
        op(AFOSTO_OPS.parcelSlip);
        this.shipmentCorrections(f, enqueue);
      }
      op(AFOSTO_OPS.parcelFinished);
    });
    let labelJob: PrintJobInfo | null = null;
    let slipJob: PrintJobInfo | null = null;
    if (mode === 'own') {
      labelJob = await this.printOwnLabel(parcelId, sid);
      if (last) slipJob = await this.printOwnSlip(parcelId, sid);
    } else {
      this.waitForCarrier(parcelId, sid);
    }
    return { shipment: this.shipment(sid), labelJob, labelSource: mode, slipJob };
  }

  /** A supervisor lets an unverified shipment's labels print, with a reason (audit log + scan log). */
  async override(input: ({ pin: string } | { badge: string }) & { shipmentId: string; reason: string }, by: Who): Promise<PackShipment> {
    const { shipmentId, reason } = input;
    this.load(shipmentId); // NOT_FOUND before asking for credentials
    const method = 'pin' in input ? 'pin' : 'badge';
    let supervisor: User;
    try {
      supervisor = await this.d.station.identify('pin' in input ? { pin: input.pin } : { badge: input.badge });
    } catch (e) {
      // station answers UNAUTHORIZED (a sign-in failure); for the packer's session it is FORBIDDEN
      if (e instanceof AppError && e.code === 'UNAUTHORIZED') throw new AppError('FORBIDDEN', e.message, e.details);
      throw e;
    }
    if (supervisor.role !== 'supervisor' || !supervisor.active) {
      throw new AppError('FORBIDDEN', 'Only a supervisor may override', { reason: 'not_supervisor' });
    }
    const f = this.load(shipmentId);
    const missing = f.view.lines.filter((l) => l.state !== 'done').map((l) => ({ sku: l.sku, expected: l.expected, verified: l.verified }));
    this.d.outbox.transact(() => {
      this.log({ by, raw: `OVERRIDE:${method}`, readAs: 'command', shipmentId, result: 'override', details: { supervisor: supervisor.id, method, reason, lines: missing } });
      this.repo.setOverride(shipmentId, { userId: supervisor.id, method, reason }, this.now());
      this.d.station.audit(supervisor.id, 'packing.override', 'shipment', shipmentId, { packer: by, method, reason, lines: missing });
    });
    return this.shipment(shipmentId);
  }

  /**
   * Print a parcel's label again (default: the parcel closed last here) through printing's reprint;
   * a closed parcel with no label out yet (carrier label not come, printer missing) gets ours now.
   */
  async reprint(parcelId: string | undefined, by: Who, raw = 'KEY:REPRINT'): Promise<PrintJobInfo> {
    const target = parcelId ?? this.repo.lastClosed();
    const ref = target ? this.repo.parcelRef(target) : undefined;
    if (!ref) throw notFound('Label', { reason: 'nothing_to_reprint' });
    let job: PrintJobInfo | null;
    if (ref.labelJobId) {
      job = this.d.printing.reprint(ref.labelJobId);
    } else {
      // closed but no label out yet (carrier label not come, or the printer was missing): print ours now
      if (ref.closedAt === null) throw notFound('Label', { reason: 'nothing_to_reprint' });
      const claimed = this.d.db.tx(() => this.repo.claimLabel(ref.parcelId, 'own', null, this.now()) || ref.labelSource === 'own');
      if (!claimed) throw notFound('Label', { reason: 'nothing_to_reprint' });
      job = await this.printOwnLabel(ref.parcelId, ref.shipmentId);
      if (!job) throw conflict('No label printer', { reason: 'printer_missing' });
    }
    this.d.outbox.transact(() => this.log({ by, raw, readAs: 'command', shipmentId: ref.shipmentId, result: 'ok', details: { code: 'reprinted', parcelId: ref.parcelId, jobId: job.id } }));
    return job;
  }

  /**
   * `onFile` of the Afosto connector, wrapped: a carrier label (or slip) for a parcel packed here
   * prints only if no label was printed for it yet (own ZPL while offline wins, and the carrier
   * file that arrives later is kept but not printed). Files of other parcels pass through.
   */
  gateAfostoFiles(inner: (f: AfostoFileEvent) => void): (f: AfostoFileEvent) => void {
    return (f) => {
      const ref = this.repo.parcelRef(f.parcelId);
      if (!ref) return inner(f);
      const jobId = afostoFileJobId(f.kind, f.opId);
      const mine = this.d.db.tx(() => {
        if (f.kind === 'label') {
          if (ref.closedAt === null) return false; // a label asked for by someone else before the close: the close asks again
          return this.repo.claimLabel(f.parcelId, 'carrier', jobId, this.now()) || (ref.labelSource === 'carrier' && ref.labelJobId === jobId);
        }
        if (ref.slipMode === null) return false; // not the last parcel: the slip comes with the last one
        return this.repo.claimSlip(f.parcelId, 'carrier', jobId) || (ref.slipSource === 'carrier' && ref.slipJobId === jobId);
      });
      if (mine) {
        if (f.kind === 'label') this.clearTimer(f.parcelId);
        inner(f);
      } else {
        this.d.logger?.info('carrier file kept, not printed (a label was printed already)', { kind: f.kind, parcelId: f.parcelId });
      }
      this.d.onChanged?.(ref.shipmentId);
    };
  }

  /** Stop the carrier-label timers (core closing). */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  // ---- internals --------------------------------------------------------------------------------

  private async command(raw: string, command: string, shipmentId: string | null, by: Who): Promise<PackScanResult> {
    if (command === 'REPRINT') {
      try {
        const job = await this.reprint(undefined, by, raw);
        return { ...this.result(true, 'reprinted', raw, 'command', shipmentId ? this.shipment(shipmentId) : null), jobs: [job] };
      } catch (e) {
        return this.refusedFrom(e, raw, shipmentId, by);
      }
    }
    if (command === 'CANCEL') return this.result(true, 'closed_view', raw, 'command', null);
    if (!shipmentId) return this.refused(raw, 'command', null, command === 'NEWPARCEL' || command === 'DONE' || command === 'UNDO' ? 'no_shipment' : 'unknown_command', by);
    if (command === 'UNDO') return this.undo(shipmentId, by, raw);
    if (command === 'NEWPARCEL') {
      try {
        return this.stepResult(raw, 'command', shipmentId, () => this.openParcelTx(shipmentId, null, raw, 'command', by), 'parcel_opened');
      } catch (e) {
        return this.refusedFrom(e, raw, shipmentId, by);
      }
    }
    if (command === 'DONE') {
      const current = this.shipment(shipmentId).currentParcelId;
      if (!current) return this.refused(raw, 'command', shipmentId, 'no_open_parcel', by);
      try {
        const r = await this.closeParcel(current, by, raw);
        // closed, but our label could not be queued (no label printer): the packer must act
        const noLabel = r.labelSource === 'own' && !r.labelJob;
        return { ...this.result(!noLabel, noLabel ? 'printer_missing' : 'parcel_closed', raw, 'command', r.shipment), jobs: [r.labelJob, r.slipJob].filter((j): j is PrintJobInfo => !!j) };
      } catch (e) {
        return this.refusedFrom(e, raw, shipmentId, by);
      }
    }
    return this.refused(raw, 'command', shipmentId, 'unknown_command', by);
  }

  private openParcelTx(shipmentId: string, box: BoxType | null, raw: string, readAs: ReadAs, by: Who): void {
    const head = this.repo.head(shipmentId);
    if (!head) throw notFound('Shipment', { reason: 'unknown_code' });
    if (isShipmentClosed(head.status)) throw refusal('shipment_closed', 'This shipment has left or was cancelled');
    this.d.outbox.transact((enqueue) => {
      const id = newId();
      const seq = this.repo.insertParcel({ id, shipmentId, orderId: head.orderId, box }, this.now());
      this.log({ by, raw, readAs, shipmentId, result: 'ok', details: { code: 'parcel_opened', parcelId: id, seq, box: box?.code ?? null } });
      const size = box ? { length: box.lengthCm, width: box.widthCm, height: box.heightCm } : {};
      enqueue({ remote: 'afosto', entity: AFOSTO_ENTITIES.parcel, entityId: id, operation: AFOSTO_OPS.parcelCreate, payload: { unitIds: [], ...size } });
    });
  }

  /**
   * With the last parcel: what Afosto must know of a shipment that leaves unlike its order —
   * units never packed (an override) are flagged missing; units packed above what it holds are overage.
   */
  private shipmentCorrections(f: Loaded, enqueue: Enqueue): void {
    const missing = f.units.filter((u) => !f.packedIds.has(u.unitId));
    if (missing.length) {
      enqueue({ remote: 'afosto', entity: AFOSTO_ENTITIES.shipment, entityId: f.view.id, operation: AFOSTO_OPS.shipmentMissing, payload: { units: missing.map((u) => ({ unitId: u.unitId, missing: true })) } });
    }
    const over = overageLines(f.view.lines);
    if (over.length) enqueue({ remote: 'afosto', entity: AFOSTO_ENTITIES.shipment, entityId: f.view.id, operation: AFOSTO_OPS.shipmentOverage, payload: { lines: over } });
  }

  private async printOwnLabel(parcelId: string, shipmentId: string): Promise<PrintJobInfo | null> {
    const f = this.load(shipmentId);
    try {
      const job = await this.d.printing.print(shippingLabelRequest(f.view, f.head, parcelId, this.settings().shipFrom, this.lang()));
      this.d.db.tx(() => this.repo.setLabelJob(parcelId, job.id, this.now()));
      this.changed(shipmentId);
      return job;
    } catch (e) {
      // the close stands; the label prints with CMD:REPRINT once a label printer is set
      this.d.logger?.warn('own label not printed', { parcelId, error: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }

  private async printOwnSlip(parcelId: string, shipmentId: string): Promise<PrintJobInfo | null> {
    const f = this.load(shipmentId);
    try {
      const job = await this.d.printing.print(packingSlipRequest(f.view, f.head, this.settings().shipFrom, this.lang()));
      this.d.db.tx(() => this.repo.setSlipJob(parcelId, job.id));
      return job;
    } catch (e) {
      this.d.logger?.warn('own packing slip not printed', { parcelId, error: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }

  /** Carrier mode: if Afosto's label has not come within carrierWaitMs, ours prints (and theirs will not). */
  private waitForCarrier(parcelId: string, shipmentId: string): void {
    this.clearTimer(parcelId);
    const t = setTimeout(() => {
      this.timers.delete(parcelId);
      const claimed = this.d.db.tx(() => this.repo.claimLabel(parcelId, 'own', null, this.now()));
      if (claimed) void this.printOwnLabel(parcelId, shipmentId);
    }, this.d.carrierWaitMs ?? 20_000);
    t.unref?.();
    this.timers.set(parcelId, t);
  }

  private clearTimer(parcelId: string): void {
    const t = this.timers.get(parcelId);
    if (t) clearTimeout(t);
    this.timers.delete(parcelId);
  }

  /** A parcel that must be open and (optionally) of the given shipment. */
  private openParcelOf(parcelId: string, shipmentId?: string) {
    const ref = this.repo.parcelRef(parcelId);
    if (!ref || (shipmentId && ref.shipmentId !== shipmentId)) throw notFound('Parcel', { reason: 'parcel_not_open' });
    if (ref.closedAt !== null) throw refusal('parcel_not_open', 'The parcel is closed');
    return ref;
  }

  private shipmentOf(code: string): string | undefined {
    if (!code) return undefined;
    const ids = this.repo.shipmentsByCode(code);
    if (ids.length === 0) {
      const tote = this.d.toteShipment?.(code);
      return tote && this.repo.head(tote) ? tote : undefined;
    }
    if (ids.length === 1) return ids[0];
    // an order with several shipments: the first one not yet complete
    return ids.find((id) => !this.load(id).view.complete) ?? ids[0];
  }

  private load(shipmentId: string): Loaded {
    const head = this.repo.head(shipmentId);
    if (!head) throw notFound('Shipment', { reason: 'unknown_code' });
    const units = this.repo.units(shipmentId);
    const packed = this.repo.packed(shipmentId);
    const parcels = this.repo.parcels(shipmentId);
    const override = this.repo.override(shipmentId);
    const lines = buildLines(units, packed);
    const byParcel = new Map<string, Map<string, { lineId: string; sku: string; name: string; quantity: number }>>();
    for (const p of packed) {
      const m = byParcel.get(p.parcelId) ?? new Map();
      byParcel.set(p.parcelId, m);
      const u = m.get(p.lineId) ?? { lineId: p.lineId, sku: p.sku, name: p.name, quantity: 0 };
      u.quantity++;
      m.set(p.lineId, u);
    }
    const views: PackParcel[] = parcels.map((p) => {
      const us = [...(byParcel.get(p.id)?.values() ?? [])];
      return {
        id: p.id,
        seq: p.seq,
        status: p.closedAt === null ? 'open' : 'closed',
        boxType: p.boxType,
        lengthCm: p.lengthCm,
        widthCm: p.widthCm,
        heightCm: p.heightCm,
        weightGrams: p.weightGrams,
        weightSource: p.weightSource,
        units: us,
        count: us.reduce((n, u) => n + u.quantity, 0),
        labelSource: p.labelSource,
        labelJobId: p.labelJobId,
        trackingNumber: p.trackingNumber,
      };
    });
    const open = views.filter((p) => p.status === 'open');
    const verified = isVerified(lines);
    const labelsAllowed = verified || !!override;
    const view: PackShipment = {
      id: head.id,
      orderId: head.orderId,
      orderNumber: head.orderNumber,
      status: head.status,
      carrier: head.carrier,
      method: head.method,
      lines,
      parcels: views,
      currentParcelId: open.length ? (open[open.length - 1] as PackParcel).id : null,
      expectedTotal: lines.reduce((n, l) => n + l.expected, 0),
      verifiedTotal: lines.reduce((n, l) => n + l.verified, 0),
      verified,
      override: override ? { by: override.userId, byName: override.userName ?? '', reason: override.reason, at: override.at } : null,
      labelsAllowed,
      complete: labelsAllowed && views.length > 0 && open.length === 0,
    };
    return { head, view, parcels, units, packedIds: new Set(packed.map((p) => p.unitId)) };
  }

  private log(e: { by: Who; raw: string; readAs: ReadAs; shipmentId: string | null; result: ScanEventRow['result']; compensates?: string; quantity?: number; details: unknown }): string {
    const id = newId();
    this.repo.scanEvent({ id, userId: e.by, at: this.now(), raw: e.raw.slice(0, 500), readAs: e.readAs, shipmentId: e.shipmentId, quantity: e.quantity ?? 0, result: e.result, compensates: e.compensates ?? null, details: e.details });
    if (e.shipmentId && e.result !== 'error') this.d.db.afterCommit(() => this.changed(e.shipmentId as string));
    return id;
  }

  private changed(shipmentId: string): void {
    this.d.onChanged?.(shipmentId);
  }

  private stepResult(raw: string, readAs: ReadAs, shipmentId: string, step: () => void, code: PackResultCode, extra: { sku?: string; name?: string } = {}): PackScanResult {
    step();
    return { ...this.result(true, code, raw, readAs, this.shipment(shipmentId)), sku: extra.sku ?? null, name: extra.name ?? null };
  }

  private refused(raw: string, readAs: ReadAs, shipmentId: string | null, code: PackResultCode, by: Who, about: { lineId?: string | null; sku?: string; name?: string } = {}): PackScanResult {
    this.d.db.tx(() => this.log({ by, raw, readAs, shipmentId, result: 'error', details: { code, ...(about.sku ? { sku: about.sku } : {}) } }));
    const shipment = shipmentId ? this.shipment(shipmentId) : null;
    return { ...this.result(false, code, raw, readAs, shipment), lineId: about.lineId ?? null, sku: about.sku ?? null, name: about.name ?? null };
  }

  private refusedFrom(e: unknown, raw: string, shipmentId: string | null, by: Who): PackScanResult {
    const reason = e instanceof AppError ? (e.details as { reason?: PackResultCode } | undefined)?.reason : undefined;
    if (!reason) throw e;
    return this.refused(raw, 'command', shipmentId, reason, by);
  }

  private result(ok: boolean, code: PackResultCode, raw: string, readAs: ReadAs, shipment: PackShipment | null): PackScanResult {
    return { ok, code, raw, readAs, lineId: null, sku: null, name: null, shipment, jobs: [] };
  }

  private lang(): 'en' | 'cs' {
    return this.d.lang?.() ?? 'en';
  }

  private now(): number {
    return this.d.clock.now();
  }
}
