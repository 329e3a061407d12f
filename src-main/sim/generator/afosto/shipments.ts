/** Shipments (lcs): one per order, same index, in full and in the listed (summary) form. */
import { genOrder, genPerson, ORDERS_PER_BLOCK } from '../entities';
import { iso, shortHash, uuidFor } from '../ids';
import { methodIndexByName } from './locations';
import { afostoParcel, hasParcel } from './parcels';
import { ADDRESS_BASE_ORDER } from './relations';
import { shipmentUnits, type UnitState } from './units';
import type { Json } from './json';

export function afostoShipment(seed: number, i: number): Json {
  const o = genOrder(seed, i);
  const cust = genPerson(seed, o.customerIndex);
  const items = shipmentUnits(seed, i);
  const parcels = hasParcel(seed, i) && o.status !== 'cancelled' ? [afostoParcel(seed, i)] : [];
  const s = o.status;
  const all = (f: keyof UnitState): boolean => items.length > 0 && items.every((u: Json) => u[f]);
  const sameAddr = o.shippingAddress.street === cust.address.street && o.shippingAddress.houseNumber === cust.address.houseNumber && o.shippingAddress.city === cust.address.city;
  const t = Date.parse(o.createdAt);
  return {
    id: uuidFor(seed, 'shipment', i),
    number: `SHP-${String(i + 1).padStart(7, '0')}`,
    type: 'delivery',
    method_id: uuidFor(seed, 'method', methodIndexByName(o.carrier)),
    contact_id: cust.id,
    channel_id: uuidFor(seed, 'channel', 0),
    order_id: o.id,
    addressing: {
      to: { entity_type: 'address', entity_id: uuidFor(seed, 'address', sameAddr ? 4 * o.customerIndex : ADDRESS_BASE_ORDER + i), carrier: { is_carrier_location: false, carrier_location_reference: '' } },
      from: { entity_type: 'location', entity_id: uuidFor(seed, 'location', 0), carrier: { is_carrier_location: false, carrier_location_reference: '' } },
    },
    ship_at: iso(t + 4 * 3_600_000),
    estimated_ship_at: iso(t + 4 * 3_600_000),
    expected_at: iso(t + 28 * 3_600_000),
    stack_id: uuidFor(seed, 'shipment', i),
    is_editable: s === 'new',
    is_outbound: true,
    is_labeled: s === 'shipped',
    is_serviced: all('is_boxed'),
    is_complete: s === 'packed' || s === 'shipped',
    is_overcomplete: false,
    is_boxed: all('is_boxed'),
    is_handled: all('is_handled'),
    is_listed: all('is_listed'),
    is_finished: s === 'shipped',
    is_in_transit: s === 'shipped',
    is_canceled: s === 'cancelled',
    items,
    backorders: [],
    overage: [],
    parcels,
    secret: shortHash(`secret${i}${seed}`),
    prior_shipments: [],
    list_id: s === 'new' || s === 'cancelled' ? null : uuidFor(seed, 'list', Math.floor(i / ORDERS_PER_BLOCK)),
    created_at: o.createdAt,
    updated_at: o.createdAt,
  };
}

/** Listed (summary) form: no items/parcels/order_id and fewer flags. */
export function listedShipment(s: Json): Json {
  const { items: _i, backorders: _b, overage: _o, parcels: _p, order_id: _oi, is_labeled: _l, is_serviced: _s, is_boxed: _bx, is_handled: _h, ...rest } = s;
  return rest;
}
