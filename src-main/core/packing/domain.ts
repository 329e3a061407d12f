// The packing rules, pure: what a scanned code is on the Pack screen, whether an item is accepted,
// how lines are coloured, when a parcel may close and which label it gets. No I/O: the service
// feeds these from the repo and writes what they decide.
import type { LabelSource, PackLine, PackLineState, PackResultCode } from '../../../src-preload/contract';
import { BOX_PREFIX } from '../../../src-preload/contract';
import { classify, type Classified } from '../../../src-preload/scanning';

export function lineState(expected: number, verified: number): PackLineState {
  if (verified < expected) return 'missing';
  return verified === expected ? 'done' : 'over';
}

/** A shipment unit as the repo reads it with its line's facts. */
export interface UnitFact {
  lineId: string;
  productId: string | null;
  sku: string;
  name: string;
  imageUrl: string | null;
}

/** A verified unit (pack_units) with the line it was counted on. */
export interface PackedFact extends UnitFact {
  parcelId: string;
}

/** Lines in first-seen order: expected from the shipment's units, verified from what was packed. */
export function buildLines(units: readonly UnitFact[], packed: readonly PackedFact[]): PackLine[] {
  const by = new Map<string, PackLine>();
  const touch = (u: UnitFact): PackLine => {
    let l = by.get(u.lineId);
    if (!l) {
      l = { id: u.lineId, productId: u.productId, sku: u.sku, name: u.name, imageUrl: u.imageUrl, expected: 0, verified: 0, state: 'done' };
      by.set(u.lineId, l);
    }
    return l;
  };
  for (const u of units) touch(u).expected++;
  for (const p of packed) touch(p).verified++;
  for (const l of by.values()) l.state = lineState(l.expected, l.verified);
  return [...by.values()];
}

export const isVerified = (lines: readonly PackLine[]): boolean => lines.length > 0 && lines.every((l) => l.state === 'done');

/** The line key of a unit: its order line, else its product (a unit Afosto gave no order line). */
export const lineKey = (orderLineId: string | null, productId: string | null, sku: string): string =>
  orderLineId ?? (productId ? `product:${productId}` : `sku:${sku}`);

/** What a code on the Pack screen is, before any lookup. */
export type PackCode =
  | { kind: 'command'; command: string }
  | { kind: 'box'; box: string }
  | { kind: 'badge' }
  /** An item or a shipment code: `codes` are the barcode forms to look up, `readAs` for the log. */
  | { kind: 'code'; codes: string[]; text: string; readAs: 'product' | 'gs1' };

/** Retail codes are stored as printed (EAN-13, UPC-A, EAN-8) or as GTIN-14: every form is tried. */
function gtinForms(gtin14: string): string[] {
  const forms = [gtin14];
  if (gtin14.startsWith('0')) forms.push(gtin14.slice(1));
  if (gtin14.startsWith('00')) forms.push(gtin14.slice(2));
  if (gtin14.startsWith('000000')) forms.push(gtin14.slice(6));
  return forms;
}

export function readPackCode(raw: string): PackCode {
  const c: Classified = classify(raw);
  switch (c.kind) {
    case 'command':
      return { kind: 'command', command: c.command };
    case 'badge':
      return { kind: 'badge' };
    case 'gs1':
      return { kind: 'code', codes: c.gtin ? [...new Set([c.code, ...gtinForms(c.gtin)])] : [c.code], text: c.code, readAs: 'gs1' };
    case 'ean13':
    case 'ean8':
    case 'upca':
      return { kind: 'code', codes: [...new Set([c.code, ...gtinForms(c.gtin)])], text: c.code, readAs: 'product' };
    case 'sscc':
      return { kind: 'code', codes: [c.code], text: c.code, readAs: 'product' };
    default: {
      const text = c.code.trim();
      if (text.toUpperCase().startsWith(BOX_PREFIX)) return { kind: 'box', box: text.slice(BOX_PREFIX.length).trim().toUpperCase() };
      return { kind: 'code', codes: [text], text, readAs: 'product' };
    }
  }
}

/**
 * Whether one more unit of a product is accepted: it must belong to the shipment (wrong_item), have
 * a unit not yet verified (too_many), and a parcel must be open to take it (no_open_parcel).
 */
export function itemRefusal(f: { unitsOfProduct: number; freeUnit: boolean; openParcel: boolean }): PackResultCode | null {
  if (f.unitsOfProduct === 0) return 'wrong_item';
  if (!f.freeUnit) return 'too_many';
  if (!f.openParcel) return 'no_open_parcel';
  return null;
}

/** Afosto statuses of a shipment that has left (or will never leave): nothing more goes into it. */
const GONE = new Set(['cancelled', 'finished', 'in_transit']);
export const isShipmentClosed = (status: string): boolean => GONE.has(status);

export function weightRefusal(grams: number): PackResultCode | null {
  return grams <= 0 ? 'zero_weight' : null;
}

/**
 * Whether a parcel may close: open, holding items, weighed, and its shipment verified or
 * overridden (a close prints the label, and labels wait for verification).
 */
export function closeRefusal(p: { open: boolean; units: number; weightGrams: number | null; labelsAllowed: boolean }): PackResultCode | null {
  if (!p.open) return 'parcel_not_open';
  if (p.units === 0) return 'parcel_empty';
  if (!p.labelsAllowed) return 'shipment_not_verified';
  if (!p.weightGrams || p.weightGrams <= 0) return 'weight_required';
  return null;
}

/**
 * Which label a close prints: Afosto's carrier label only when the station wants it and Afosto is
 * reachable now (its push brings the file); otherwise Dockside's own ZPL, at once.
 */
export function labelModeFor(setting: LabelSource, afostoOnline: boolean): LabelSource {
  return setting === 'carrier' && afostoOnline ? 'carrier' : 'own';
}

/** Overage lines for Afosto (the whole set): the verified units above what the shipment expects. */
export function overageLines(lines: readonly PackLine[]): { sku: string; quantity: number; description: string }[] {
  return lines.filter((l) => l.verified > l.expected).map((l) => ({ sku: l.sku, quantity: l.verified - l.expected, description: l.name }));
}
