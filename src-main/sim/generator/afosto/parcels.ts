/** Parcels: orders in packed/shipped blocks have one parcel each (same index as the order). */
import { blockStatus, genOrder, genProduct, ORDERS_PER_BLOCK } from '../entities';
import { iso, uuidFor } from '../ids';
import { rngFor } from '../prng';
import { shipmentUnits } from './units';
import type { Json } from './json';

/** Orders in packed/shipped blocks have exactly one parcel, with the same index as the order. */
export function hasParcel(seed: number, i: number): boolean {
  const bs = blockStatus(seed, Math.floor(i / ORDERS_PER_BLOCK));
  return bs === 'packed' || bs === 'shipped';
}

/** Parcel of order i (call only when hasParcel(seed, i)). */
export function afostoParcel(seed: number, i: number): Json {
  const o = genOrder(seed, i);
  const units = shipmentUnits(seed, i);
  const shipped = o.status === 'shipped';
  const r = rngFor(seed, 'parcel', i);
  const t0 = Date.parse(o.createdAt) + 3 * 3_600_000;
  const tracking = shipped ? `${asciiUpper(o.carrier)}${r.digits(11)}` : '';
  return {
    id: uuidFor(seed, 'parcel', i),
    number: `PRC-${String(i + 1).padStart(7, '0')}`,
    weight: units.reduce((s: number, u: Json) => s + productWeightBySku(seed, u.sku), 0) + 150,
    length: r.pick([20, 30, 40]),
    width: r.pick([15, 20, 30]),
    height: r.pick([10, 15, 20]),
    tracking_code: tracking,
    tracking_url: shipped ? `https://tracking.example.com/${encodeURIComponent(o.carrier)}/${tracking}` : '',
    position: shipped ? '' : `OUT-${r.int(1, 6)}`,
    // the document types `label` as an object; a parcel not yet labelled leaves it out (never null)
    ...(shipped ? { label: { file_id: null, reference: tracking, label_text: `${o.carrier} ${tracking}`, requested_at: iso(t0) } } : {}),
    shipment_id: uuidFor(seed, 'shipment', i),
    count: units.length,
    items: units.map((u: Json) => ({ id: u.id, sku: u.sku, quantity: 1, description: u.description })),
    is_in_transit: shipped,
    is_delivered: shipped && rngFor(seed, 'delivered', i).chance(0.7),
    is_outbound: true,
    is_finished: shipped,
    file_id: null,
    ship_at: iso(t0 + 3_600_000),
    in_transit_at: shipped ? iso(t0 + 3_600_000) : null,
    finished_at: shipped ? iso(t0 + 48 * 3_600_000) : null,
    created_at: iso(t0),
    updated_at: iso(t0),
  };
}

function asciiUpper(s: string): string {
  return s.normalize('NFD').replace(/[^A-Za-z]/g, '').slice(0, 2).toUpperCase();
}

export function productWeightBySku(seed: number, sku: string): number {
  const m = /^[A-Z]{3}-(\d{5})-/.exec(sku);
  return m ? genProduct(seed, Number(m[1]) - 1).weight : 250;
}
