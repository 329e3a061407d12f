/** WMS claims (stock reserved for an order) and their items. */
import { genOrder } from '../entities';
import { iso, uuidFor } from '../ids';
import { orderUnits } from './units';
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
  return orderUnits(seed, i, ({ order, line, index, position }) => ({
    id: uuidFor(seed, 'claimItem', index),
    inventory_item_id: uuidFor(seed, 'inventory', index),
    position,
    reference: line.reference,
    updated_at: order.createdAt,
  }));
}
