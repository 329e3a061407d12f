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

/** Every unit of order i with its line and product, in line order: the walk all unit lists share. */
export function orderUnits<T>(
  seed: number,
  i: number,
  make: (unit: { order: DemoOrder; line: DemoOrder['lines'][number]; lineIndex: number; unit: number; index: number; position: string }) => T,
): T[] {
  const order = genOrder(seed, i);
  const out: T[] = [];
  order.lines.forEach((line, lineIndex) => {
    const position = genProduct(seed, line.productIndex).position;
    for (let unit = 0; unit < line.quantity; unit++) {
      out.push(make({ order, line, lineIndex, unit, index: unitIndex(i, lineIndex, unit), position }));
    }
  });
  return out;
}

export function shipmentUnits(seed: number, i: number): Json[] {
  return orderUnits(seed, i, ({ order, line: l, lineIndex, unit, index, position }) => ({
    id: uuidFor(seed, 'shipmentItem', index),
    reference: l.reference,
    sku: l.sku,
    position,
    order_item_id: uuidFor(seed, 'orderItem', index),
    claim_item_id: uuidFor(seed, 'claimItem', index),
    description: l.description,
    ...unitState(seed, order, lineIndex, unit),
    hs_code: l.hsCode,
    service: l.giftwrap ? [{ option: 'giftwrap', configuration: [{ key: 'packing_paper', value: 'red' }] }] : [],
  }));
}
