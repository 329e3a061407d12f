/** Handling (pick) lists: one per block of orders that is past `new`, with units grouped in walk order. */
import { blockStatus, ORDERS_PER_BLOCK, orderTime as orderTimeMs } from '../entities';
import { iso, uuidFor } from '../ids';
import { rngFor } from '../prng';
import { afostoShipment } from './shipments';
import type { Json } from './json';

/** Packer "sub" claims (JWT subject) that pick lists are assigned to. */
export const PACKERS = ['packer-anna', 'packer-tomas', 'packer-jurgen', 'packer-sanne'];

export function listGroupedItems(shipments: Json[], labels: Map<string, string>): Json[] {
  // group units by shipment + sku + position, rank by position walk order
  const groups = new Map<string, Json>();
  for (const sh of shipments) {
    if (sh.is_canceled) continue;
    for (const u of sh.items as Json[]) {
      const key = `${sh.id}|${u.sku}|${u.position}`;
      let g = groups.get(key);
      if (!g) {
        g = { ids: [], handled_ids: [], shipment_id: sh.id, sku: u.sku, description: u.description, position: u.position, quantity: 0, sorting_label: labels.get(sh.id) ?? '', rank: 0 };
        groups.set(key, g);
      }
      g.ids.push(u.id);
      if (u.is_handled) g.handled_ids.push(u.id);
      g.quantity++;
    }
  }
  const arr = [...groups.values()].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.sorting_label < b.sorting_label ? -1 : 1));
  arr.forEach((g, k) => (g.rank = k + 1));
  return arr;
}

/** Cheap list header (no shipments/items) for filtering large collections. */
export function afostoListHeader(seed: number, b: number): Json | null {
  const bs = blockStatus(seed, b);
  if (bs === 'new') return null;
  const t = orderTimeMs(b * ORDERS_PER_BLOCK) + 3_600_000;
  const r = rngFor(seed, 'list', b);
  return {
    id: uuidFor(seed, 'list', b),
    number: `L-${String(b + 1).padStart(6, '0')}`,
    sub: r.pick(PACKERS),
    location_id: uuidFor(seed, 'location', 0),
    is_outbound: true,
    is_in_progress: bs === 'picking',
    is_on_hold: false,
    is_cancelled: false,
    is_finished: bs !== 'picking',
    started_at: iso(t),
    finished_at: bs === 'picking' ? null : iso(t + 1_800_000),
    due_at: iso(t + 4 * 3_600_000),
    created_at: iso(t - 600_000),
    updated_at: iso(t),
  };
}

/** Pick list for block b (orders 4b..4b+3), or null if the block has no list (all new). */
export function afostoList(seed: number, b: number, orderCount: number): Json | null {
  const h = afostoListHeader(seed, b);
  if (!h) return null;
  const shipments: Json[] = [];
  for (let k = 0; k < ORDERS_PER_BLOCK; k++) {
    const i = b * ORDERS_PER_BLOCK + k;
    if (i >= orderCount) break;
    const sh = afostoShipment(seed, i);
    if (!sh.is_canceled) shipments.push(sh);
  }
  const labels = new Map<string, string>(shipments.map((s, k) => [s.id as string, `T${k + 1}`]));
  const { created_at, updated_at, ...head } = h;
  return {
    ...head,
    shipments: shipments.map((s) => s.id),
    items: listGroupedItems(shipments, labels),
    sorting_labels: shipments.map((s) => ({ shipment_id: s.id, label: labels.get(s.id) })),
    created_at,
    updated_at,
  };
}
