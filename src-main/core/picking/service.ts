// Picking: loads a list and its log, asks the domain what a scan or step means, and writes the
// scan event and the Afosto operations it implies in ONE transaction (Outbox.transact) — so it
// works the same offline: the ops wait in the outbox until Afosto answers.
import type { PickListFilter, PickListSummary, PickListView, PickResultCode, PickStepResult, ShortReason } from '../../../src-preload/contract';
import { classify, type Classified } from '../../../src-preload/scanning';
import { AFOSTO_ENTITIES, AFOSTO_OPS, type CorrectionLines, type PickProgress, type ShipmentMissing } from '../connectors/afosto/push';
import type { Db } from '../db/database';
import type { Clock } from '../platform/ports';
import { notFound } from '../rpc/errors';
import type { Enqueue, Outbox } from '../sync/outbox';
import { newId } from '../util/ids';
import * as D from './domain';
import { PickingRepo, type ListHead, type ScanRow } from './repo';

export interface PickingDeps {
  db: Db;
  outbox: Outbox;
  clock: Clock;
  stationId: string;
  /** Told after a list changed (committed). */
  onChanged?: (listId: string) => void;
}

/** Lists in these states take scans; finished and cancelled ones are read-only. */
const WORKABLE = new Set(['open', 'in_progress', 'on_hold']);
const ACTIVE = ['open', 'in_progress', 'on_hold'];

interface Loaded {
  head: ListHead;
  units: D.PickUnit[];
  events: D.PickEvent[];
  state: D.WalkState;
}

type ReadAs = ScanRow['readAs'];

export class PickingService {
  readonly repo: PickingRepo;

  constructor(private readonly d: PickingDeps) {
    this.repo = new PickingRepo(d.db);
  }

  list(f: PickListFilter): { lists: PickListSummary[]; assignees: string[] } {
    const now = this.d.clock.now();
    const day = new Date(now);
    day.setHours(0, 0, 0, 0);
    const dayStart = day.getTime();
    const due = f.due === 'overdue' ? { dueFrom: null, dueBefore: now } : f.due === 'today' ? { dueFrom: dayStart, dueBefore: dayStart + 86_400_000 } : { dueFrom: null, dueBefore: null };
    const states = f.state === 'all' ? null : f.state === 'active' ? ACTIVE : [f.state];
    const heads = this.repo.lists({ states, assignee: f.assignee, text: f.text, limit: f.limit, ...due });
    const ids = heads.map((h) => h.id);
    const units = this.repo.unitCounts(ids);
    const ships = this.repo.shipmentCounts(ids);
    const events = this.repo.eventsOfLists(ids);
    const lists = heads.map((h): PickListSummary => {
      const u = units.get(h.id);
      const total = u?.n ?? 0;
      const t = D.tally(events.get(h.id) ?? [], u ?? { handled: [], missing: [] });
      return {
        ...this.headView(h),
        shipments: ships.get(h.id) ?? 0,
        progress: { total, picked: t.picked, short: t.short, remaining: total - t.picked - t.short, linesLeft: null },
      };
    });
    return { lists, assignees: this.repo.assignees() };
  }

  open(listId: string): PickListView {
    return this.view(this.load(listId));
  }

  scan(listId: string, raw: string, userId: string | null): PickStepResult {
    const l = this.load(listId);
    const c = classify(raw);
    if (c.kind === 'command') {
      if (c.command === 'UNDO') return this.apply(l, D.decideUndo(l.state), raw, 'command', userId);
      // NEXT is SKIP: the current line goes to the end of the walk, whether or not some of it is
      // picked (its rest comes back). Never a short: that needs a reason and tells Afosto missing.
      if (c.command === 'SKIP' || c.command === 'NEXT') return this.apply(l, D.decideSkip(l.state), raw, 'command', userId);
      // a scanned CMD:SHORT without a reason: the shelf is empty (the screen asks for the reason before it sends one)
      if (c.command === 'SHORT') return this.apply(l, D.decideShort(l.state, 'not_found'), raw, 'command', userId);
      return this.apply(l, refusal(l.state, 'unknown_command'), raw, 'command', userId);
    }
    const r = this.resolve(c);
    return this.apply(l, D.decideScan(l.state, r), raw, r.readAs, userId, r);
  }

  count(listId: string, quantity: number, userId: string | null): PickStepResult {
    const l = this.load(listId);
    return this.apply(l, D.decideCount(l.state, quantity), `KEY:COUNT:${quantity}`, 'command', userId);
  }

  short(listId: string, reason: ShortReason, userId: string | null): PickStepResult {
    const l = this.load(listId);
    return this.apply(l, D.decideShort(l.state, reason), `KEY:SHORT:${reason}`, 'command', userId);
  }

  undo(listId: string, userId: string | null): PickStepResult {
    const l = this.load(listId);
    return this.apply(l, D.decideUndo(l.state), 'KEY:UNDO', 'command', userId);
  }

  skip(listId: string, userId: string | null): PickStepResult {
    const l = this.load(listId);
    return this.apply(l, D.decideSkip(l.state), 'KEY:SKIP', 'command', userId);
  }

  /** For the pack bench: the shipment in a tote (codes are matched as printed, e.g. "T4", case-insensitive). */
  shipmentInTote(code: string): string | undefined {
    const tote = code.trim().toUpperCase();
    return /^T\d{1,4}$/.test(tote) ? this.repo.toteShipment(tote) : undefined;
  }

  // ---- internals ---------------------------------------------------------------------------

  private load(listId: string): Loaded {
    const head = this.repo.head(listId);
    if (!head) throw notFound('Pick list', { listId });
    this.repo.ensureTotes(listId);
    const units = this.repo.units(listId).sort(D.walkOrder);
    const events = this.repo.events(listId);
    return { head, units, events, state: D.fold(D.groupLines(units), events) };
  }

  /** What a code is in this store: a position (text codes), a product by barcode / GS1 GTIN / SKU. */
  private resolve(c: Classified): D.Resolved & { readAs: ReadAs } {
    const none = { position: null, product: null, lot: null, expiry: null };
    const byBarcode = (codes: string[]) => {
      for (const code of codes) {
        const b = this.repo.barcode(code);
        if (b) return b;
      }
      return undefined;
    };
    if (c.kind === 'gs1') {
      const gtin = c.gtin;
      const lot = c.elements.find((e) => e.ai === '10')?.value ?? null;
      const expiry = c.elements.find((e) => e.ai === '17')?.date ?? null;
      // the GTIN-14 of AI (01), or the EAN-13 / UPC-A it pads (leading zeros)
      const b = gtin ? byBarcode([gtin, ...(gtin.startsWith('0') ? [gtin.slice(1)] : []), ...(gtin.startsWith('00') ? [gtin.slice(2)] : [])]) : undefined;
      return { ...none, product: b ?? null, lot, expiry, readAs: b ? 'gs1' : 'unknown' };
    }
    if (c.kind === 'ean13' || c.kind === 'ean8' || c.kind === 'upca') {
      const b = byBarcode([c.code, c.gtin, ...(c.kind === 'upca' ? [`0${c.code}`] : [])]);
      return { ...none, product: b ?? null, readAs: b ? 'product' : 'unknown' };
    }
    const code = c.code.trim();
    const pos = this.repo.position(code);
    if (pos) return { ...none, position: pos, readAs: 'position' };
    const b = this.repo.barcode(code);
    if (b) return { ...none, product: b, readAs: 'product' };
    const p = this.repo.productBySku(code);
    if (p) return { ...none, product: { ...p, units: 1 }, readAs: 'product' };
    return { ...none, readAs: 'unknown' };
  }

  /** Appends the step's scan event and its Afosto ops in one transaction; answers with the list after it. */
  private apply(l: Loaded, dec: D.Decision, raw: string, readAs: ReadAs, userId: string | null, r?: D.Resolved): PickStepResult {
    const closed = !WORKABLE.has(l.head.state);
    if (closed) dec = refusal(l.state, 'list_closed');
    const id = newId();
    const undoOf = dec.body.k === 'undo' ? l.events.find((e) => e.id === (dec.body as { of: string }).of) : undefined;
    const event: D.PickEvent = { id, result: !dec.ok ? 'error' : undoOf ? 'undo' : 'ok', compensates: undoOf?.id ?? null, body: dec.body };
    const after = D.fold(l.state.lines, [...l.events, event]);
    const quantity = dec.body.k === 'pick' ? dec.body.units.length : undoOf?.body.k === 'pick' ? -undoOf.body.units.length : 0;
    this.d.outbox.transact((enqueue) => {
      this.repo.insertEvent({ id, stationId: this.d.stationId, userId, at: this.d.clock.now(), raw, readAs, listId: l.head.id, quantity, result: event.result as ScanRow['result'], compensates: event.compensates, body: dec.body });
      if (dec.ok) this.enqueueOps(enqueue, l, after, undoOf ? undoOf.body : dec.body, !!undoOf);
    });
    this.d.onChanged?.(l.head.id);
    const lineAfter = dec.line ? D.lineView(after, dec.line) : null;
    return {
      ok: dec.ok,
      code: dec.code,
      readAs: r?.position?.code ?? r?.product?.sku ?? (readAs === 'command' ? raw : null),
      expected: dec.expected,
      units: dec.units,
      lot: r?.lot ?? null,
      expiry: r?.expiry ?? null,
      line: lineAfter,
      tote: dec.code === 'picked' ? (dec.line?.tote ?? null) : null,
      view: this.view({ ...l, events: [...l.events, event], state: after }),
    };
  }

  /** The Afosto ops of a pick or short pick, or of their undo (`reverse`): the same units flipped back. */
  private enqueueOps(enqueue: Enqueue, l: Loaded, after: D.WalkState, body: D.PickEventBody, reverse: boolean): void {
    if (body.k !== 'pick' && body.k !== 'short') return;
    const units = new Map(l.units.map((u) => [u.id, u]));
    const line = after.byId.get(body.line);
    if (body.k === 'pick') {
      for (const uid of body.units) {
        const u = units.get(uid);
        if (!u?.remoteId) continue; // made locally: Afosto does not know it
        const payload: PickProgress = reverse
          ? { handled: false }
          : { handled: true, ...(line?.positionCode ? { position: line.positionCode } : {}), ...(body.lot ? { lotNumber: body.lot } : {}), ...(body.exp ? { expiresAt: body.exp } : {}) };
        enqueue({ remote: 'afosto', entity: AFOSTO_ENTITIES.pickItem, entityId: uid, operation: AFOSTO_OPS.pickProgress, payload });
      }
      return;
    }
    const byShipment = new Map<string, string[]>();
    for (const uid of body.units) {
      const u = units.get(uid);
      if (!u?.shipmentId || !u.shipmentUnitId) continue;
      const xs = byShipment.get(u.shipmentId) ?? [];
      xs.push(u.shipmentUnitId);
      byShipment.set(u.shipmentId, xs);
    }
    for (const [shipmentId, unitIds] of byShipment) {
      const missing: ShipmentMissing = { units: unitIds.map((unitId) => ({ unitId, missing: !reverse })) };
      enqueue({ remote: 'afosto', entity: AFOSTO_ENTITIES.shipment, entityId: shipmentId, operation: AFOSTO_OPS.shipmentMissing, payload: missing });
      const lines: CorrectionLines = { lines: D.backordersOf(after, shipmentId) };
      enqueue({ remote: 'afosto', entity: AFOSTO_ENTITIES.shipment, entityId: shipmentId, operation: AFOSTO_OPS.shipmentBackorders, payload: lines });
    }
  }

  private headView(h: ListHead) {
    return { id: h.id, number: h.number, state: h.state as PickListSummary['state'], assignee: h.assignee, dueAt: h.dueAt };
  }

  private view(l: Loaded): PickListView {
    const s = l.state;
    return {
      ...this.headView(l.head),
      shipments: new Set(l.units.map((u) => u.shipmentId).filter((x) => x !== null)).size,
      progress: D.progressOf(s),
      lines: D.walkLines(s).map((x) => D.lineView(s, x)),
      expect: WORKABLE.has(l.head.state) ? D.expectOf(s) : null,
      totes: this.repo.totes(l.head.id),
      canUndo: s.undoable !== null && WORKABLE.has(l.head.state),
    };
  }
}

function refusal(s: D.WalkState, code: PickResultCode): D.Decision {
  const line = D.currentLine(s);
  return {
    code,
    ok: false,
    body: line ? { k: 'refused', code, line: line.id } : { k: 'refused', code },
    line,
    units: 0,
    expected: line ? { position: line.positionCode, sku: line.sku, name: line.name, remaining: D.remainingOf(s, line) } : null,
  };
}
