/** WMS stock rows per product and the inventory units behind them. */
import { genProduct } from '../entities';
import { ANCHOR_MS, iso, uuidFor } from '../ids';
import { rngFor } from '../prng';
import type { Json } from './json';

/** Stock summary row (WmsStock) for product p at the main location. */
export function afostoStock(seed: number, p: number): Json {
  const prod = genProduct(seed, p);
  const reserved = rngFor(seed, 'reserved', p).int(0, Math.min(3, prod.stock));
  return {
    location_id: uuidFor(seed, 'location', 0),
    sku: prod.sku,
    position: prod.position,
    lot_number: null,
    expires_at: null,
    available: prod.stock - reserved,
    reserved,
    claimed: 0,
    transit: 0,
    missing: 0,
    backordered: 0,
    total: prod.stock,
  };
}

/** Inventory unit u of product p (u < stock). */
export function afostoInventoryItem(seed: number, p: number, u: number, reserved: number): Json {
  const prod = genProduct(seed, p);
  return {
    id: uuidFor(seed, 'inventory', 1_000_000_000 + p * 64 + u),
    sku: prod.sku,
    claim_id: null,
    location_id: uuidFor(seed, 'location', 0),
    metadata: {},
    state: u < reserved ? 'pending' : 'available',
    position: prod.position,
    lot_number: null,
    expires_at: null,
    created_at: iso(ANCHOR_MS - 30 * 86400_000),
    updated_at: iso(ANCHOR_MS - 30 * 86400_000),
  };
}
