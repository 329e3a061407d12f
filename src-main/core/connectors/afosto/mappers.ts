// Pure mapping from Afosto's shapes to Dockside's local rows. No I/O: the repo writes what these
// return. Afosto states are boolean flags; Dockside keeps one status word per row (below).
import { createHash } from 'node:crypto';
import type * as S from './schemas';

/** Epoch ms of an Afosto timestamp (RFC 3339 assumed), or null. */
export function toMs(t: string | null | undefined): number | null {
  if (!t) return null;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ms : null;
}

export type OrderStatus = 'cancelled' | 'finished' | 'in_fulfilment' | 'confirmed' | 'accepted' | 'new';

/** OdrOrderState flags → one status, the most advanced flag winning. */
export function orderStatus(o: S.Order): OrderStatus {
  const s = o.state;
  if (s?.is_canceled) return 'cancelled';
  if (s?.is_finished) return 'finished';
  const f = s?.progress?.fulfilment;
  if (f && f !== 'pending') return 'in_fulfilment';
  if (s?.is_confirmed) return 'confirmed';
  if (s?.is_accepted) return 'accepted';
  return 'new';
}

export interface OrderRow {
  remoteId: string;
  number: string;
  status: OrderStatus;
  contactId: string | null;
  channel: string | null;
  placedAt: number | null;
}

export function orderRow(o: S.Order): OrderRow {
  return {
    remoteId: o.id,
    number: o.number,
    status: orderStatus(o),
    contactId: o.settings?.contact?.id ?? null,
    channel: o.channel_id ?? null,
    placedAt: toMs(o.created_at),
  };
}

export interface LineRow {
  /** OdrGroup has no id of its own: (order, sku) names the line; the reference is kept. */
  remoteId: string;
  sku: string;
  name: string;
  quantity: number;
}

/** OdrGroup lines (grouped by SKU) → order lines; empty or zero-quantity groups are dropped. */
export function orderLines(groups: readonly S.OrderGroup[]): LineRow[] {
  const bySku = new Map<string, LineRow>();
  for (const g of groups) {
    const q = Math.max(g.quantity, g.ids.length);
    if (q <= 0) continue;
    const prev = bySku.get(g.sku);
    if (prev) prev.quantity += q;
    else bySku.set(g.sku, { remoteId: g.reference || g.sku, sku: g.sku, name: g.description || g.sku, quantity: q });
  }
  return [...bySku.values()];
}

export type ShipmentStatus = 'cancelled' | 'finished' | 'in_transit' | 'labeled' | 'packed' | 'picked' | 'listed' | 'open';

export function shipmentStatus(s: S.Shipment | S.ListedShipment): ShipmentStatus {
  const x = s as S.Shipment;
  if (s.is_canceled) return 'cancelled';
  if (s.is_finished) return 'finished';
  if (s.is_in_transit) return 'in_transit';
  if (x.is_labeled) return 'labeled';
  if (x.is_boxed) return 'packed';
  if (x.is_handled) return 'picked';
  if (s.is_listed) return 'listed';
  return 'open';
}

/**
 * A digest of a shipment's listed header (GET /lcs/shipments): its detail is read again only when
 * this changes. The whole header counts, not only `updated_at`: the document does not say what
 * moves `updated_at`, and the flags the list shows (in transit, finished, listed, complete) follow
 * parcels and units.
 */
export function listedDigest(s: S.ListedShipment): string {
  return createHash('sha1').update(JSON.stringify(s)).digest('base64url').slice(0, 22);
}

export type PickListStatus = 'cancelled' | 'finished' | 'on_hold' | 'in_progress' | 'open';

export function pickListStatus(l: S.ListedPickList | S.PickList): PickListStatus {
  if (l.is_cancelled) return 'cancelled';
  if (l.is_finished) return 'finished';
  if (l.is_on_hold) return 'on_hold';
  if (l.is_in_progress) return 'in_progress';
  return 'open';
}

export type ParcelStatus = 'finished' | 'delivered' | 'in_transit' | 'labeled' | 'open';

export function parcelStatus(p: S.Parcel): ParcelStatus {
  if (p.is_finished) return 'finished';
  if (p.is_delivered) return 'delivered';
  if (p.is_in_transit) return 'in_transit';
  if (p.label?.file_id) return 'labeled';
  return 'open';
}

export type BarcodeKind = 'ean13' | 'ean8' | 'upca' | 'gtin14' | 'code128';

/** The map's keys are bare codes: the kind follows from length (all digits) or is code128. */
export function barcodeKind(code: string): BarcodeKind {
  if (!/^\d+$/.test(code)) return 'code128';
  switch (code.length) {
    case 13:
      return 'ean13';
    case 12:
      return 'upca';
    case 8:
      return 'ean8';
    case 14:
      return 'gtin14';
    default:
      return 'code128';
  }
}

/** Zone = the part of a position code before its first separator (`A-01-03` → A, `A3.32435` → A3). */
export function zoneOf(code: string): string | null {
  const m = /^([^-.\s/]+)[-.\s/]/.exec(code);
  return m ? (m[1] as string) : null;
}

/** Walk order as a sortable string: Afosto's integer `sorting` zero-padded, else the code. */
export function positionSortKey(p: S.Position): string {
  const n = typeof p.sorting === 'number' ? p.sorting : typeof p.sorting === 'string' && /^\d+$/.test(p.sorting) ? Number(p.sorting) : null;
  return n !== null ? `${String(n).padStart(10, '0')}|${p.code}` : `~|${p.code}`;
}

/** Parcel dimensions as Afosto's LcsParcelModel takes them (no unit is documented: grams / cm assumed). */
export interface ParcelSize {
  weight?: number | undefined;
  length?: number | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

export function parcelSize(p: ParcelSize): ParcelSize {
  const out: ParcelSize = {};
  for (const k of ['weight', 'length', 'width', 'height'] as const) if (p[k] !== undefined) out[k] = p[k];
  return out;
}

/** File format by mime type or by content (ZPL starts with ^XA, PDF with %PDF). */
export function fileFormat(mime: string | null | undefined, bytes: Uint8Array): 'zpl' | 'pdf' | 'other' {
  const head = Buffer.from(bytes.subarray(0, 16)).toString('latin1').trimStart();
  if (mime?.includes('pdf') || head.startsWith('%PDF')) return 'pdf';
  if (mime?.includes('zpl') || head.startsWith('^XA') || head.startsWith('~')) return 'zpl';
  return 'other';
}

/** Paging cursor of a resource that walks several lists in turn (`{i: list index, p: page}`). */
export interface MultiCursor {
  i: number;
  p: number;
}

export function readMultiCursor(c: string | null): MultiCursor {
  if (!c) return { i: 0, p: 1 };
  try {
    const v = JSON.parse(c) as Partial<MultiCursor>;
    if (Number.isInteger(v.i) && Number.isInteger(v.p) && (v.i as number) >= 0 && (v.p as number) >= 1) return { i: v.i as number, p: v.p as number };
  } catch {
    /* a cursor from an older build: start over */
  }
  return { i: 0, p: 1 };
}

/** Page cursor of a single paged list: the next page's number. */
export function readPage(c: string | null): number {
  const n = c && /^\d+$/.test(c) ? Number(c) : 1;
  return n >= 1 ? n : 1;
}
