/**
 * Afosto wire-shaped demo entities (field names as in the Afosto API reference, seed 002).
 * Everything is a pure function of (seed, index) and of the neutral entities in entities.ts.
 */
import {
  genCompany,
  genOrder,
  genPerson,
  genProduct,
  ORDERS_PER_BLOCK,
  blockStatus,
  type DemoAddress,
  type DemoOrder,
} from './entities';
import type { DemoPhone } from './phone';
import { ANCHOR_MS, iso, shortHash, uuidFor } from './ids';
import { orderTime as orderTimeMs } from './entities';
import { rngFor } from './prng';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Json = any;

export const UNITS_PER_LINE = 8; // max units per order line (quantity <= 3 in generated data)
export const LINES_PER_ORDER = 8;
export const UNITS_PER_ORDER = UNITS_PER_LINE * LINES_PER_ORDER;

export function unitIndex(orderIndex: number, line: number, unit: number): number {
  return orderIndex * UNITS_PER_ORDER + line * UNITS_PER_LINE + unit;
}

export function relAddress(seed: number, index: number, a: DemoAddress, createdAt: string): Json {
  return {
    id: uuidFor(seed, 'address', index),
    country_code: a.country,
    administrative_area: '',
    locality: a.city,
    dependent_locality: '',
    postal_code: a.postalCode,
    sorting_code: '',
    address_line_1: `${a.street} ${a.houseNumber}${a.houseNumberSuffix}`,
    address_line_2: '',
    thoroughfare: a.street,
    premise_number: a.houseNumber,
    premise_number_suffix: a.houseNumberSuffix,
    organisation: a.organisation ?? '',
    given_name: a.givenName,
    additional_name: '',
    family_name: a.familyName,
    created_at: createdAt,
  };
}

export function relPhone(seed: number, index: number, p: DemoPhone, createdAt: string): Json {
  return {
    id: uuidFor(seed, 'phone', index),
    country_code: p.country,
    number: p.e164,
    national: p.national,
    type: p.type,
    created_at: createdAt,
  };
}

/** address indexes: person i home = 4i; order-specific shipping = 4*(1e9)+order; company = 2e9+c */
export const ADDRESS_BASE_ORDER = 4_000_000_000;
export const ADDRESS_BASE_COMPANY = 2_000_000_000;
export const PHONE_BASE_COMPANY = 3_000_000_000;

export function afostoOrganisation(seed: number, c: number): Json {
  const co = genCompany(seed, c);
  return {
    id: co.id,
    version: shortHash(`${co.id}:1`),
    name: co.name,
    file_id: null,
    coc_number: co.cocNumber,
    account_manager: '',
    administration: { email: co.email },
    tags: [],
    metadata: {},
    registrations: [{ country_code: co.country, number: co.cocNumber, verification: { is_pending: false, is_valid: true, country_code: co.country, name: co.name, type: 'coc', metadata: {}, verified_at: co.createdAt } }],
    payment_settings: {
      post_payment: { spending_limit: 500000, current_due_amount: 0, due_after: 14, iban: [] },
      invoice: { is_expected_through_post_mail: false, is_expected_through_email: true, is_expected_at_delivery: false },
    },
    phone_numbers: { primary: relPhone(seed, PHONE_BASE_COMPANY + c, co.switchboard, co.createdAt), secondary: [] },
    billing: { primary: relAddress(seed, ADDRESS_BASE_COMPANY + c, co.address, co.createdAt), secondary: [] },
    shipping: { primary: relAddress(seed, ADDRESS_BASE_COMPANY + c, co.address, co.createdAt), secondary: [] },
    created_at: co.createdAt,
    updated_at: co.createdAt,
    deleted_at: null,
  };
}

export function afostoContact(seed: number, i: number): Json {
  const p = genPerson(seed, i);
  const phones = p.phones.map((ph, k) => relPhone(seed, i * 8 + k, ph, p.createdAt));
  const addr = relAddress(seed, 4 * i, p.address, p.createdAt);
  return {
    id: p.id,
    version: shortHash(`${p.id}:1`),
    email: p.email,
    is_guest: rngFor(seed, 'guest', i).chance(0.1),
    audience: 'default',
    tags: p.vip ? ['vip'] : [],
    given_name: p.givenName,
    additional_name: p.additionalName ?? '',
    family_name: p.familyName,
    organisations: { primary: p.companyIndex === null ? null : afostoOrganisation(seed, p.companyIndex), secondary: [] },
    billing: { primary: addr, secondary: [] },
    shipping: { primary: addr, secondary: [] },
    phone_numbers: { primary: phones[0] ?? null, secondary: phones.slice(1) },
    metadata: { customer_number: p.customerNumber },
    created_at: p.createdAt,
    updated_at: p.createdAt,
    deleted_at: null,
  };
}

export const LOCATIONS = [
  { name: 'Sklad Praha-Hostivař', city: 'Praha' },
  { name: 'Magazijn Tilburg', city: 'Tilburg' },
];

export function afostoLocation(seed: number, i: number): Json {
  const l = LOCATIONS[i] ?? LOCATIONS[0]!;
  return {
    id: uuidFor(seed, 'location', i),
    name: l.name,
    reference: uuidFor(seed, 'location', 1000 + i),
    address_id: uuidFor(seed, 'address', ADDRESS_BASE_COMPANY - 10 + i),
    is_disabled: false,
    created_at: iso(ANCHOR_MS - 1000 * 86400_000),
    updated_at: iso(ANCHOR_MS - 1000 * 86400_000),
  };
}

export const METHODS: readonly (readonly [carrier: string, name: string, countries: readonly string[]])[] = [
  ['ppl', 'PPL', ['CZ', 'SK']],
  ['zasilkovna', 'Zásilkovna', ['CZ']],
  ['dpd', 'DPD', ['CZ', 'SK', 'DE', 'NL']],
  ['ceska_posta', 'Česká pošta', ['CZ']],
  ['packeta', 'Packeta', ['SK']],
  ['gls', 'GLS', ['SK', 'DE']],
  ['dhl', 'DHL', ['DE', 'NL']],
  ['hermes', 'Hermes', ['DE']],
  ['postnl', 'PostNL', ['NL']],
];

export function methodIndexByName(name: string): number {
  const i = METHODS.findIndex((m) => m[1] === name);
  return i < 0 ? 2 : i;
}

export function afostoMethod(seed: number, i: number): Json {
  const [code, name, countries] = METHODS[i]!;
  return {
    id: uuidFor(seed, 'method', i),
    carrier_code: code,
    name,
    label: name,
    description: `${name} – doručení na adresu`,
    max_weight: 31500,
    countries: countries.map((c, k) => ({ code: c, amount: 499 + k * 100 })),
    delivery_during: 'daytime',
    is_configured: true,
    is_same_day: false,
    is_sunday: false,
    is_carrier_location: code === 'zasilkovna' || code === 'packeta',
    is_neighbour_allowed: code === 'postnl' || code === 'dhl',
    provider_method_id: `${code}-std`,
    provider: 'default',
    is_enabled: true,
    priority: 100,
  };
}

export const HUBS = [
  { name: 'Hub balení Praha', description: 'Balicí linka 1–3' },
  { name: 'Hub kancelář', description: 'Kancelář a výdej' },
];

export function afostoHub(seed: number, i: number): Json {
  const h = HUBS[i]!;
  const t = iso(ANCHOR_MS - 300 * 86400_000);
  return {
    id: uuidFor(seed, 'hub', i),
    uuid: uuidFor(seed, 'hub', 100 + i),
    name: h.name,
    description: h.description,
    properties: [{ key: 'site', value: 'Praha-Hostivař' }],
    status: 'online',
    status_updated_at: iso(ANCHOR_MS),
    disabled_at: null,
    pubnub: { tokens: [{ key: `sub-c-${shortHash(`hub${i}`)}`, expires_at: iso(ANCHOR_MS + 365 * 86400_000) }] },
    integration: { id: uuidFor(seed, 'hub', 200 + i) },
    os_file_id: null,
    created_at: t,
    updated_at: t,
  };
}

export const PRINTERS: readonly { name: string; hub: number; encoding: 'zpl' | 'escpos' | 'pcl'; address: string; iface: 'usb' | 'ethernet' }[] = [
  { name: 'Zebra ZD421 – balení 1', hub: 0, encoding: 'zpl', address: '192.168.10.21', iface: 'ethernet' },
  { name: 'Zebra ZD421 – balení 2', hub: 0, encoding: 'zpl', address: '192.168.10.22', iface: 'ethernet' },
  { name: 'Epson TM-T20 – výdej', hub: 0, encoding: 'escpos', address: '/dev/usb/lp0', iface: 'usb' },
  { name: 'HP LaserJet – kancelář', hub: 1, encoding: 'pcl', address: '192.168.10.40', iface: 'ethernet' },
];

export function afostoPrinter(seed: number, i: number): Json {
  const p = PRINTERS[i]!;
  const t = iso(ANCHOR_MS - 200 * 86400_000);
  return {
    id: uuidFor(seed, 'printer', i),
    name: p.name,
    hub_id: uuidFor(seed, 'hub', p.hub),
    default_encoding: p.encoding,
    connection: { interface: p.iface, address: p.address },
    settings: p.encoding === 'zpl' ? { dpi: 203, width_mm: 102, height_mm: 152 } : {},
    inbox_id: null,
    disabled_at: null,
    created_at: t,
    updated_at: t,
  };
}

/** Historical print jobs (a fixed handful, all printed). */
export const JOB_COUNT = 12;
export function afostoJob(seed: number, i: number): Json {
  const parcelOrder = i * 4 + 1;
  const t = iso(ANCHOR_MS + i * 600_000);
  return {
    id: uuidFor(seed, 'job', i),
    job: `^XA^FO40,40^A0N,40,40^FDDemo label ${i + 1}^FS^XZ`,
    tag: i % 3 === 2 ? 'slip' : 'label',
    description: `Label ODR-${10000000 + parcelOrder + 1}`,
    artifact: null,
    reference: uuidFor(seed, 'parcel', parcelOrder),
    status: 'printed',
    hub_id: uuidFor(seed, 'hub', 0),
    schedule_at: t,
    printed_at: t,
    created_at: t,
    updated_at: t,
  };
}

// ---------------------------------------------------------------- orders

function unitFlag(seed: number, order: number, line: number, unit: number, what: string, p: number): boolean {
  return rngFor(seed, `unit-${what}`, unitIndex(order, line, unit)).chance(p);
}

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
    label: shipped ? { file_id: null, reference: tracking, label_text: `${o.carrier} ${tracking}`, requested_at: iso(t0) } : null,
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
