// The guided pick walk, pure: a list's units grouped into lines in walking order, the scan log
// folded into what is picked / short / skipped, and the decision for the next scan or step.
// No I/O: the service loads units and events, asks here, and writes what comes back.
import type { PickExpect, PickLine, PickListProgress, PickResultCode, ShortReason } from '../../../src-preload/contract';

/** One local pick_list_items row (one Afosto unit) with what the walk needs. */
export interface PickUnit {
  id: string;
  rank: number;
  productId: string;
  sku: string;
  name: string;
  positionId: string | null;
  positionCode: string | null;
  sortKey: string | null;
  /** The Afosto unit id (the same on shipment_units), null for a unit made locally. */
  remoteId: string | null;
  /** The local shipment_units row of the same Afosto unit, and its shipment. */
  shipmentUnitId: string | null;
  shipmentId: string | null;
  tote: string | null;
  /** 1 when Afosto says the unit is handled / missing (done elsewhere, or our own step pushed and pulled back). */
  remoteHandled: number;
  remoteMissing: number;
}

/** Units of one product at one position for one shipment: what the picker handles as one step. */
export interface Line {
  id: string;
  units: PickUnit[];
  productId: string;
  sku: string;
  name: string;
  positionId: string | null;
  positionCode: string | null;
  shipmentId: string | null;
  tote: string | null;
}

/** What a scan_events row of the pick context says (details JSON `k` and its fields). */
export type PickEventBody =
  | { k: 'position'; line: string; position: string }
  | { k: 'pick'; line: string; units: string[]; lot?: string; exp?: string }
  | { k: 'short'; line: string; units: string[]; reason: ShortReason }
  | { k: 'skip'; line: string }
  | { k: 'refused'; code: PickResultCode; line?: string }
  | { k: 'undo'; of: string };

export interface PickEvent {
  id: string;
  /** 'ok' | 'error' | 'undo' as stored. */
  result: string;
  compensates: string | null;
  body: PickEventBody;
}

/** Group units (already in walking order) into lines: same position, product and shipment. */
export function groupLines(units: readonly PickUnit[]): Line[] {
  const by = new Map<string, Line>();
  const out: Line[] = [];
  for (const u of units) {
    const key = `${u.positionId ?? ''}|${u.productId}|${u.shipmentId ?? ''}`;
    let l = by.get(key);
    if (!l) {
      l = { id: u.id, units: [], productId: u.productId, sku: u.sku, name: u.name, positionId: u.positionId, positionCode: u.positionCode, shipmentId: u.shipmentId, tote: u.tote };
      by.set(key, l);
      out.push(l);
    }
    l.units.push(u);
  }
  return out;
}

/** Walking order of units: position sort key (no position last), then rank. */
export function walkOrder(a: PickUnit, b: PickUnit): number {
  const ka = a.sortKey ?? '\uffff';
  const kb = b.sortKey ?? '\uffff';
  return ka < kb ? -1 : ka > kb ? 1 : a.rank - b.rank;
}

export interface LineState {
  picked: Set<string>;
  short: Set<string>;
  reason: ShortReason | null;
  /** This station picked some of it (a typed count needs one real product scan first). */
  scanned: boolean;
}

/** The list as the log says it is now. */
export interface WalkState {
  lines: Line[];
  byId: Map<string, Line>;
  of: Map<string, LineState>;
  /** Skipped line ids, oldest skip first. */
  skipped: string[];
  /** The position the picker stands at (last confirmed or picked at). */
  here: string | null;
  /** The last event undo would take back, if any. */
  undoable: PickEvent | null;
}

const UNDOABLE = new Set(['position', 'pick', 'short', 'skip']);

export function fold(lines: Line[], events: readonly PickEvent[]): WalkState {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const of = new Map<string, LineState>(lines.map((l) => [l.id, { picked: new Set(), short: new Set(), reason: null, scanned: false }]));
  const undone = new Set<string>();
  for (const e of events) if (e.compensates) undone.add(e.compensates);
  // Afosto's handled / missing flags count for units this station's log never picked or shorted:
  // for the others the log is newer than the last pull (an undo not yet pushed and pulled back).
  const touched = touchedUnits(events);
  for (const l of lines) {
    const ls = of.get(l.id) as LineState;
    for (const u of l.units) {
      if (touched.has(u.id)) continue;
      if (u.remoteHandled) ls.picked.add(u.id);
      else if (u.remoteMissing) ls.short.add(u.id);
    }
  }
  // units are found by their own id: a pull that regroups lines keeps what was picked
  const lineOfUnit = new Map<string, Line>();
  for (const l of lines) for (const u of l.units) lineOfUnit.set(u.id, l);
  const s: WalkState = { lines, byId, of, skipped: [], here: null, undoable: null };
  for (const e of events) {
    if (e.result !== 'ok' || undone.has(e.id)) continue;
    const b = e.body;
    if (!UNDOABLE.has(b.k)) continue;
    const line = 'line' in b && b.line ? (byId.get(b.line) ?? (b.k === 'pick' || b.k === 'short' ? lineOfUnit.get(b.units[0] ?? '') : undefined)) : undefined;
    if (!line) continue; // a line the pull has since removed
    s.undoable = e;
    switch (b.k) {
      case 'position':
        s.here = line.positionId;
        s.skipped = s.skipped.filter((x) => x !== line.id);
        break;
      case 'pick':
        for (const u of b.units) {
          const at = lineOfUnit.get(u);
          if (!at) continue;
          const ls = of.get(at.id) as LineState;
          ls.picked.add(u);
          ls.scanned = true;
        }
        s.here = line.positionId ?? s.here;
        break;
      case 'short':
        for (const u of b.units) {
          const at = lineOfUnit.get(u);
          if (!at) continue;
          const ls = of.get(at.id) as LineState;
          ls.short.add(u);
          ls.reason = b.reason;
        }
        break;
      case 'skip':
        s.skipped = [...s.skipped.filter((x) => x !== line.id), line.id];
        break;
    }
  }
  return s;
}

export function remainingOf(s: WalkState, line: Line): number {
  const ls = s.of.get(line.id);
  return ls ? line.units.length - ls.picked.size - ls.short.size : 0;
}

/** Units of the line not yet picked nor short, in order. */
export function openUnits(s: WalkState, line: Line): PickUnit[] {
  const ls = s.of.get(line.id);
  return line.units.filter((u) => !ls?.picked.has(u.id) && !ls?.short.has(u.id));
}

/** Lines in the order the walk offers them: open lines in walking order, skipped ones after, then finished. */
export function walkLines(s: WalkState): Line[] {
  const skipped = new Set(s.skipped);
  const open = s.lines.filter((l) => remainingOf(s, l) > 0 && !skipped.has(l.id));
  const later = s.skipped.map((id) => s.byId.get(id) as Line).filter((l) => remainingOf(s, l) > 0);
  const done = s.lines.filter((l) => remainingOf(s, l) === 0);
  return [...open, ...later, ...done];
}

export function currentLine(s: WalkState): Line | null {
  const first = walkLines(s)[0];
  return first && remainingOf(s, first) > 0 ? first : null;
}

export function expectOf(s: WalkState): PickExpect | null {
  const l = currentLine(s);
  if (!l) return null;
  return { lineId: l.id, step: l.positionId !== null && s.here !== l.positionId ? 'position' : 'product' };
}

export function progressOf(s: WalkState): PickListProgress {
  let total = 0;
  let picked = 0;
  let short = 0;
  let linesLeft = 0;
  for (const l of s.lines) {
    const ls = s.of.get(l.id) as LineState;
    total += l.units.length;
    picked += ls.picked.size;
    short += ls.short.size;
    if (remainingOf(s, l) > 0) linesLeft++;
  }
  return { total, picked, short, remaining: total - picked - short, linesLeft };
}

export function lineView(s: WalkState, l: Line): PickLine {
  const ls = s.of.get(l.id) as LineState;
  return {
    id: l.id,
    sku: l.sku,
    name: l.name,
    position: l.positionCode,
    quantity: l.units.length,
    picked: ls.picked.size,
    short: ls.short.size,
    remaining: remainingOf(s, l),
    tote: l.tote,
    shipmentId: l.shipmentId,
    shortReason: ls.reason,
    skipped: s.skipped.includes(l.id) && remainingOf(s, l) > 0,
  };
}

/** What a scanned code resolved to in the store (the service looks it up). */
export interface Resolved {
  position: { id: string; code: string } | null;
  product: { id: string; sku: string; units: number } | null;
  lot: string | null;
  expiry: string | null;
}

/** A decision: the result code, the event to append (null: only a refusal is logged) and what was expected. */
export interface Decision {
  code: PickResultCode;
  ok: boolean;
  body: PickEventBody;
  line: Line | null;
  units: number;
  expected: { position: string | null; sku: string | null; name: string | null; remaining: number | null } | null;
}

const expectedOf = (s: WalkState, l: Line) => ({ position: l.positionCode, sku: l.sku, name: l.name, remaining: remainingOf(s, l) });

function refuse(s: WalkState, code: PickResultCode, line: Line | null): Decision {
  return { code, ok: false, body: line ? { k: 'refused', code, line: line.id } : { k: 'refused', code }, line, units: 0, expected: line ? expectedOf(s, line) : null };
}

function pick(s: WalkState, l: Line, n: number, lot: string | null, expiry: string | null): Decision {
  const rem = remainingOf(s, l);
  if (n > rem) return refuse(s, 'over_pick', l);
  const units = openUnits(s, l)
    .slice(0, n)
    .map((u) => u.id);
  return {
    code: 'picked',
    ok: true,
    body: { k: 'pick', line: l.id, units, ...(lot ? { lot } : {}), ...(expiry ? { exp: expiry } : {}) },
    line: l,
    units: n,
    expected: null,
  };
}

/** A scanned position or product code. */
export function decideScan(s: WalkState, r: Resolved): Decision {
  const cur = currentLine(s);
  if (!cur) return refuse(s, 'nothing_to_pick', null);
  if (r.position) {
    const pos = r.position;
    if (cur.positionId === pos.id) return { code: 'position_ok', ok: true, body: { k: 'position', line: cur.id, position: pos.code }, line: cur, units: 0, expected: null };
    // a skipped line comes back when its position is scanned
    const back = s.skipped.map((id) => s.byId.get(id) as Line).find((l) => l.positionId === pos.id && remainingOf(s, l) > 0);
    if (back) return { code: 'came_back', ok: true, body: { k: 'position', line: back.id, position: pos.code }, line: back, units: 0, expected: null };
    return refuse(s, 'wrong_position', cur);
  }
  if (r.product) {
    if (cur.positionId !== null && s.here !== cur.positionId) return refuse(s, 'position_expected', cur);
    if (r.product.id !== cur.productId) return refuse(s, 'wrong_product', cur);
    return pick(s, cur, r.product.units, r.lot, r.expiry);
  }
  return refuse(s, 'unknown_code', cur);
}

/** A typed count: the current line's product must have been scanned at least once (never a blind count). */
export function decideCount(s: WalkState, n: number): Decision {
  const cur = currentLine(s);
  if (!cur) return refuse(s, 'nothing_to_pick', null);
  if (cur.positionId !== null && s.here !== cur.positionId) return refuse(s, 'position_expected', cur);
  if (!(s.of.get(cur.id) as LineState).scanned) return refuse(s, 'product_expected', cur);
  return pick(s, cur, n, null, null);
}

export function decideShort(s: WalkState, reason: ShortReason): Decision {
  const cur = currentLine(s);
  if (!cur) return refuse(s, 'nothing_to_pick', null);
  const units = openUnits(s, cur).map((u) => u.id);
  return { code: 'short_recorded', ok: true, body: { k: 'short', line: cur.id, units, reason }, line: cur, units: units.length, expected: null };
}

export function decideSkip(s: WalkState): Decision {
  const cur = currentLine(s);
  if (!cur) return refuse(s, 'nothing_to_pick', null);
  return { code: 'skipped', ok: true, body: { k: 'skip', line: cur.id }, line: cur, units: 0, expected: null };
}

export function decideUndo(s: WalkState): Decision {
  const e = s.undoable;
  if (!e) return refuse(s, 'nothing_to_undo', currentLine(s));
  const b = e.body;
  const line = 'line' in b && b.line ? (s.byId.get(b.line) ?? null) : null;
  const units = b.k === 'pick' || b.k === 'short' ? b.units.length : 0;
  return { code: 'undone', ok: true, body: { k: 'undo', of: e.id }, line, units, expected: null };
}

/**
 * The backorder lines of a shipment as the log says now: its short units per SKU (Afosto replaces
 * the whole set, so every short pick and every undo of one sends the full set again).
 */
export function backordersOf(s: WalkState, shipmentId: string): { sku: string; quantity: number; description: string; position?: string }[] {
  const by = new Map<string, { sku: string; quantity: number; description: string; position?: string }>();
  for (const l of s.lines) {
    if (l.shipmentId !== shipmentId) continue;
    const n = (s.of.get(l.id) as LineState).short.size;
    if (n === 0) continue;
    const prev = by.get(l.sku);
    if (prev) prev.quantity += n;
    else by.set(l.sku, { sku: l.sku, quantity: n, description: l.name, ...(l.positionCode ? { position: l.positionCode } : {}) });
  }
  return [...by.values()];
}

function touchedUnits(events: readonly PickEvent[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) if (e.body.k === 'pick' || e.body.k === 'short') for (const u of e.body.units) out.add(u);
  return out;
}

/** Picked and short units from the log and Afosto's handled units (the list screen: no lines loaded). */
export function tally(events: readonly PickEvent[], remote: { handled: readonly string[]; missing: readonly string[] } = { handled: [], missing: [] }): { picked: number; short: number } {
  const undone = new Set<string>();
  for (const e of events) if (e.compensates) undone.add(e.compensates);
  const touched = touchedUnits(events);
  let picked = remote.handled.filter((u) => !touched.has(u)).length;
  let short = remote.missing.filter((u) => !touched.has(u)).length;
  for (const e of events) {
    if (e.result !== 'ok' || undone.has(e.id)) continue;
    if (e.body.k === 'pick') picked += e.body.units.length;
    else if (e.body.k === 'short') short += e.body.units.length;
  }
  return { picked, short };
}
