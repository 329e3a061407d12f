/**
 * Order units: every unit of an order line has its own id (order item, shipment item, claim item,
 * inventory unit), indexed by (order, line, unit); plus a shipment's units with their handling state.
 */
import { genOrder, genProduct, type DemoOrder } from '../entities';
import { uuidFor } from '../ids';
import { rngFor } from '../prng';
import type { Json } from './json';

export const UNITS_PER_LINE = 8; // max units per order line (quantity <= 3 in generated data)
export const LINES_PER_ORDER = 8;
export const UNITS_PER_ORDER = UNITS_PER_LINE * LINES_PER_ORDER;

export function unitIndex(orderIndex: number, line: number, unit: number): number {
  return orderIndex * UNITS_PER_ORDER + line * UNITS_PER_LINE + unit;
}

function unitFlag(seed: number, order: number, line: number, unit: number, what: string, p: number): boolean {
  return rngFor(seed, `unit-${what}`, unitIndex(order, line, unit)).chance(p);
}

export interface UnitState {
  is_listed: boolean;
  is_handled: boolean;
  is_boxed: boolean;
  is_in_transit: boolean;
  is_finished: boolean;
  is_missing: boolean;
}

function unitState(seed: number, o: DemoOrder, li: number, u: number): UnitState {
  const s = o.status;
  const listed = s !== 'new' && s !== 'cancelled';
  const handled = s === 'packed' || s === 'shipped' || (s === 'picking' && unitFlag(seed, o.index, li, u, 'handled', 0.5));
  return {
    is_listed: listed,
    is_handled: handled,
    is_boxed: s === 'packed' || s === 'shipped',
    is_in_transit: s === 'shipped',
    is_finished: s === 'shipped',
    is_missing: false,
  };
}

export function shipmentUnits(seed: number, i: number): Json[] {
  const o = genOrder(seed, i);
  const out: Json[] = [];
  o.lines.forEach((l, li) => {
    const prod = genProduct(seed, l.productIndex);
    for (let u = 0; u < l.quantity; u++) {
      out.push({
        id: uuidFor(seed, 'shipmentItem', unitIndex(i, li, u)),
        reference: l.reference,
        sku: l.sku,
        position: prod.position,
        order_item_id: uuidFor(seed, 'orderItem', unitIndex(i, li, u)),
        claim_item_id: uuidFor(seed, 'claimItem', unitIndex(i, li, u)),
        description: l.description,
        ...unitState(seed, o, li, u),
        hs_code: l.hsCode,
        service: l.giftwrap ? [{ option: 'giftwrap', configuration: [{ key: 'packing_paper', value: 'red' }] }] : [],
      });
    }
  });
  return out;
}
