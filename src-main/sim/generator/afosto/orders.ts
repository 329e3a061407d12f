/** Orders (odr) and their item rows. */
import { genOrder, genPerson } from '../entities';
import { shortHash, uuidFor } from '../ids';
import { methodIndexByName } from './locations';
import { ADDRESS_BASE_ORDER } from './relations';
import { unitIndex } from './units';
import type { Json } from './json';

export function afostoOrder(seed: number, i: number): Json {
  const o = genOrder(seed, i);
  const cust = genPerson(seed, o.customerIndex);
  const sameAddr = o.shippingAddress.street === cust.address.street && o.shippingAddress.houseNumber === cust.address.houseNumber && o.shippingAddress.city === cust.address.city;
  const shipAddrId = uuidFor(seed, 'address', sameAddr ? 4 * o.customerIndex : ADDRESS_BASE_ORDER + i);
  const done = o.status === 'shipped';
  const cancelled = o.status === 'cancelled';
  const progress = {
    allocation: cancelled ? 'none' : 'complete',
    fulfilment: done ? 'complete' : o.status === 'new' ? 'pending' : cancelled ? 'none' : 'partial',
    billing: cancelled ? 'none' : 'complete',
  };
  return {
    id: o.id,
    number: o.number,
    state: {
      is_locked: true,
      is_accepted: !cancelled,
      is_confirmed: !cancelled,
      is_finished: done,
      is_canceled: cancelled,
      type: 'order',
      flow: [],
      progress,
    },
    settings: {
      contact: { id: cust.id, version: shortHash(`${cust.id}:1`) },
      organisation: cust.companyIndex === null ? null : { id: uuidFor(seed, 'organisation', cust.companyIndex), version: shortHash(`${uuidFor(seed, 'organisation', cust.companyIndex)}:1`) },
      phone_number_id: cust.phones.length ? uuidFor(seed, 'phone', o.customerIndex * 8) : null,
      coupons: [],
      due_at: o.dueAt,
      return_url: '',
      billing: { address_id: uuidFor(seed, 'address', 4 * o.customerIndex), method_code: 'ideal', issuer_code: '', provider_code: '' },
      shipping: {
        address_id: shipAddrId,
        source_address_id: null,
        method_id: uuidFor(seed, 'method', methodIndexByName(o.carrier)),
        spid: null,
        window: null,
        is_split_allowed: false,
      },
    },
    processing: { confirm: 'auto', allocation: 'auto', fulfilment: 'auto', capture: 'manual' },
    acceptances: [],
    calculations: [],
    client_id: 'dockside-demo',
    channel_id: uuidFor(seed, 'channel', 0),
    tags: o.tags,
    stack_id: uuidFor(seed, 'shipment', i),
    type: 'order',
    metadata: {},
    last_accepted_at: o.createdAt,
    last_confirmed_at: o.createdAt,
    last_canceled_at: cancelled ? o.createdAt : null,
    created_at: o.createdAt,
    updated_at: o.createdAt,
  };
}

/** `GET /odr/orders/{id}/items` rows (OdrGroup: one row per line with unit ids). */
export function afostoOrderItems(seed: number, i: number): Json[] {
  const o = genOrder(seed, i);
  return o.lines.map((l, li) => {
    const ids = Array.from({ length: l.quantity }, (_, u) => uuidFor(seed, 'orderItem', unitIndex(i, li, u)));
    return {
      sku: l.sku,
      reference: l.reference,
      description: l.description,
      quantity: l.quantity,
      ids,
      references: {
        orders: [
          {
            id: o.id,
            is_inbound: false,
            is_backordered: false,
            is_unavailable: false,
            warehouse: { claim_id: uuidFor(seed, 'claim', i), delivery_route_id: null, collect_route_id: null, is_reservation: o.status === 'new', address_id: '', transfer_id: null },
            shipments: o.status === 'cancelled' ? [] : [{ id: uuidFor(seed, 'shipment', i), is_inbound: false, is_missing: false }],
          },
        ],
        backorders: [],
        target: '',
      },
      filters: [],
    };
  });
}
