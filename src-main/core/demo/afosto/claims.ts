/** WMS claims (stock reserved for an order) and their items. */
import { genOrder, genProduct } from '../entities';
import { iso, uuidFor } from '../ids';
import { unitIndex } from './units';
import type { Json } from './json';

export function afostoClaim(seed: number, i: number): Json {
  const o = genOrder(seed, i);
  return {
    id: uuidFor(seed, 'claim', i),
    location_id: uuidFor(seed, 'location', 0),
    target: o.id,
    reference: o.number,
    expires_at: o.status === 'new' ? iso(Date.parse(o.createdAt) + 7 * 86400_000) : null,
    created_at: o.createdAt,
    updated_at: o.createdAt,
  };
}

export function afostoClaimItems(seed: number, i: number): Json[] {
  const o = genOrder(seed, i);
  const out: Json[] = [];
  o.lines.forEach((l, li) => {
    const prod = genProduct(seed, l.productIndex);
    for (let u = 0; u < l.quantity; u++) {
      out.push({
        id: uuidFor(seed, 'claimItem', unitIndex(i, li, u)),
        inventory_item_id: uuidFor(seed, 'inventory', unitIndex(i, li, u)),
        position: prod.position,
        reference: l.reference,
        updated_at: o.createdAt,
      });
    }
  });
  return out;
}
