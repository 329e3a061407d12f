/**
 * Dockside demo data generator — deterministic, lazy, pure (no I/O, no Electron, no test imports).
 *
 * Used by the remote simulator (src-main/sim) as the backing data of all five remote systems. It lives
 * beside the simulator, outside core (core never imports sim), so the app's demo mode can host both.
 *
 * ## API
 *
 * ```ts
 * import { createDemoDataset } from 'src-main/sim/generator';
 * const ds = createDemoDataset({ seed: 42, scale: 'small' });   // instant at any scale
 * ds.counts.orders;                  // 300 (small) / 100_000 (large)
 * ds.orders.get(17);                 // DemoOrder: number, lines (sku, qty), addresses, status
 * ds.persons.slice(0, 50);           // DemoPerson[]: names with diacritics, mixed-format phones
 * ds.products.get(3).ean13;          // valid EAN-13; .upcA, .position "A-01-04", .sku
 * ds.productByBarcode(ds.products.get(3).ean13); // EAN-13 / UPC-A → product
 * ds.afosto.shipments.get(17);       // wire-shaped Afosto LcsShipment of order 17
 * ds.ucs.persons.get(5);             // wire-shaped UCS µCRM Person (contacts = phones + e-mail)
 * ds.ultracart.tasks.get(0); ds.homs.orders.get(0); ds.opentaps.activities.get(0);
 * ```
 *
 * - **Deterministic**: same (seed, scale) → identical data; the seed may be a number or a string.
 * - **Lazy**: every collection is a `LazyList` (count + get(i) + slice); entity i is a pure
 *   function of (seed, i) computed on demand (per-index PRNG `rngFor(seed, kind, i)`), so the
 *   `large` scale (100k orders, 500k persons) costs nothing until read.
 * - **Scale-independent entities**: references only point at indexes that exist at every scale,
 *   so `large.orders.get(i)` equals `small.orders.get(i)` for every i < small count.
 * - **Stable ids**: ids encode (kind, index) (`uuidFor`, `hex24For`, numeric bases), so an id
 *   resolves back to its index without a table (`ids.ts`). Mutations belong in an overlay on top
 *   (`OverlayCollection` in overlay.ts), never in the generator.
 *
 * Wire-shaped generators live in afosto/, ucs.ts, ultracart.ts, homs.ts, opentaps.ts; the
 * system-neutral entities (catalogue, persons, companies, orders) in entities.ts.
 */
import * as afosto from './afosto/index';
import { AGENTS } from './agents';
import { genCompany, genOrder, genPerson, genProduct, orderIndexFromNumber, ORDERS_PER_BLOCK, blockStatus, type DemoCompany, type DemoOrder, type DemoPerson, type DemoProduct } from './entities';
import * as homs from './homs';
import { lazyList, type LazyList } from './lazy';
import * as opentaps from './opentaps';
import { seedToInt } from './prng';
import * as ucs from './ucs';
import * as ultracart from './ultracart';

export type DemoScale = 'small' | 'large';

export interface DemoCounts {
  products: number;
  persons: number;
  companies: number;
  orders: number;
  calls: number;
  ultracartTasks: number;
  homsOrders: number;
  opentapsActivities: number;
}

/** Persons >= 2*orders+20 and companies = persons/5 keep every reference valid at every scale. */
export const SCALES: Record<DemoScale, DemoCounts> = {
  small: { products: 240, persons: 800, companies: 160, orders: 300, calls: 200, ultracartTasks: 60, homsOrders: 80, opentapsActivities: 150 },
  large: { products: 5000, persons: 500_000, companies: 100_000, orders: 100_000, calls: 50_000, ultracartTasks: 20_000, homsOrders: 50_000, opentapsActivities: 50_000 },
};

export interface DemoDatasetOptions {
  seed?: number | string;
  scale?: DemoScale;
}

type Json = afosto.Json;

export interface DemoDataset {
  seed: number;
  scale: DemoScale;
  counts: DemoCounts;
  products: LazyList<DemoProduct>;
  persons: LazyList<DemoPerson>;
  companies: LazyList<DemoCompany>;
  orders: LazyList<DemoOrder>;
  productBySku(sku: string): DemoProduct | undefined;
  productByBarcode(code: string): DemoProduct | undefined;
  orderByNumber(number: string): DemoOrder | undefined;
  afosto: {
    orders: LazyList<Json>;
    orderItems(orderIndex: number): Json[];
    /** one shipment per order, same index */
    shipments: LazyList<Json>;
    /** order indexes that have a parcel (ascending); parcel of order i = parcel(i) */
    parcelOrderIndexes(): Int32Array;
    parcel(orderIndex: number): Json;
    /** block indexes that have a pick list (ascending); list of block b = list(b) */
    listBlockIndexes(): Int32Array;
    list(block: number): Json;
    claims: LazyList<Json>;
    claimItems(orderIndex: number): Json[];
    contacts: LazyList<Json>;
    organisations: LazyList<Json>;
    locations: LazyList<Json>;
    methods: LazyList<Json>;
    hubs: LazyList<Json>;
    printers: LazyList<Json>;
    jobs: LazyList<Json>;
    stock: LazyList<Json>;
  };
  ucs: {
    groups: Json[];
    roles: Json[];
    teams: Json[];
    queues: LazyList<Json>;
    users: Json[];
    userSummaries: Json[];
    memberships: Json[];
    personSummaries: LazyList<Json>;
    persons: LazyList<Json>;
    companySummaries: LazyList<Json>;
    companies: LazyList<Json>;
    calls: LazyList<{ cdr: Json; personIndex: number | null; queueId: number }>;
    shared: Record<string, Json>;
    status: Json;
  };
  ultracart: { tasks: LazyList<Json>; users: Json[]; groups: Json[]; tags: string[]; me: Json };
  homs: { orders: LazyList<Json>; users: Json[] };
  opentaps: { activities: LazyList<Json>; agentContacts: Json[] };
}

function memo<T>(f: () => T): () => T {
  let v: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      v = f();
      done = true;
    }
    return v as T;
  };
}

export function createDemoDataset(opts: DemoDatasetOptions = {}): DemoDataset {
  const seed = seedToInt(opts.seed);
  const scale = opts.scale ?? 'small';
  const counts = SCALES[scale];
  const products = lazyList(counts.products, (i) => genProduct(seed, i));
  const skuIndex = memo(() => {
    const bySku = new Map<string, number>();
    const byCode = new Map<string, number>();
    for (let i = 0; i < counts.products; i++) {
      const p = genProduct(seed, i);
      bySku.set(p.sku, i);
      byCode.set(p.ean13, i);
      if (p.upcA) byCode.set(p.upcA, i);
    }
    return { bySku, byCode };
  });
  const parcelIdx = memo(() => {
    const out: number[] = [];
    for (let i = 0; i < counts.orders; i++) if (afosto.hasParcel(seed, i)) out.push(i);
    return Int32Array.from(out);
  });
  const listIdx = memo(() => {
    const out: number[] = [];
    const blocks = Math.ceil(counts.orders / ORDERS_PER_BLOCK);
    for (let b = 0; b < blocks; b++) if (blockStatus(seed, b) !== 'new') out.push(b);
    return Int32Array.from(out);
  });

  return {
    seed,
    scale,
    counts,
    products,
    persons: lazyList(counts.persons, (i) => genPerson(seed, i)),
    companies: lazyList(counts.companies, (i) => genCompany(seed, i)),
    orders: lazyList(counts.orders, (i) => genOrder(seed, i)),
    productBySku: (sku) => {
      const i = skuIndex().bySku.get(sku);
      return i === undefined ? undefined : genProduct(seed, i);
    },
    productByBarcode: (code) => {
      const i = skuIndex().byCode.get(code);
      return i === undefined ? undefined : genProduct(seed, i);
    },
    orderByNumber: (n) => {
      const i = orderIndexFromNumber(n);
      return i !== null && i < counts.orders ? genOrder(seed, i) : undefined;
    },
    afosto: {
      orders: lazyList(counts.orders, (i) => afosto.afostoOrder(seed, i)),
      orderItems: (i) => afosto.afostoOrderItems(seed, i),
      shipments: lazyList(counts.orders, (i) => afosto.afostoShipment(seed, i)),
      parcelOrderIndexes: parcelIdx,
      parcel: (i) => afosto.afostoParcel(seed, i),
      listBlockIndexes: listIdx,
      list: (b) => afosto.afostoList(seed, b, counts.orders) as Json,
      claims: lazyList(counts.orders, (i) => afosto.afostoClaim(seed, i)),
      claimItems: (i) => afosto.afostoClaimItems(seed, i),
      contacts: lazyList(counts.persons, (i) => afosto.afostoContact(seed, i)),
      organisations: lazyList(counts.companies, (i) => afosto.afostoOrganisation(seed, i)),
      locations: lazyList(afosto.LOCATIONS.length, (i) => afosto.afostoLocation(seed, i)),
      methods: lazyList(afosto.METHODS.length, (i) => afosto.afostoMethod(seed, i)),
      hubs: lazyList(afosto.HUBS.length, (i) => afosto.afostoHub(seed, i)),
      printers: lazyList(afosto.PRINTERS.length, (i) => afosto.afostoPrinter(seed, i)),
      jobs: lazyList(afosto.JOB_COUNT, (i) => afosto.afostoJob(seed, i)),
      stock: lazyList(counts.products, (i) => afosto.afostoStock(seed, i)),
    },
    ucs: {
      groups: structuredClone(ucs.UCS_GROUPS) as Json[],
      roles: structuredClone(ucs.UCS_ROLES) as Json[],
      teams: structuredClone(ucs.UCS_TEAMS) as Json[],
      queues: lazyList(ucs.UCS_QUEUE_DEFS.length, (k) => ucs.ucsQueue(seed, k)),
      users: ucs.ucsUsers(),
      userSummaries: ucs.ucsUserSummaries(),
      memberships: ucs.ucsMemberships(),
      personSummaries: lazyList(counts.persons, (i) => ucs.ucsPersonSummary(seed, i)),
      persons: lazyList(counts.persons, (i) => ucs.ucsPerson(seed, i)),
      companySummaries: lazyList(counts.companies, (c) => ucs.ucsCompanySummary(seed, c)),
      companies: lazyList(counts.companies, (c) => ucs.ucsCompany(seed, c, counts.persons)),
      calls: lazyList(counts.calls, (k) => ucs.ucsCall(seed, k)),
      shared: structuredClone(ucs.UCS_SHARED),
      status: structuredClone(ucs.UCS_STATUS),
    },
    ultracart: {
      tasks: lazyList(counts.ultracartTasks, (k) => ultracart.ucTask(seed, k)),
      users: structuredClone(ultracart.UC_USERS) as Json[],
      groups: structuredClone(ultracart.UC_GROUPS) as Json[],
      tags: [...ultracart.UC_TAGS],
      me: ultracart.ucUser(ultracart.UC_ME_INDEX),
    },
    homs: {
      orders: lazyList(counts.homsOrders, (i) => homs.homsOrder(seed, i)),
      users: structuredClone(homs.HOMS_USERS) as Json[],
    },
    opentaps: {
      activities: lazyList(counts.opentapsActivities, (k) => opentaps.otActivity(seed, k)),
      agentContacts: opentaps.otAgentContacts(seed),
    },
  };
}

export { AGENTS };
export type { DemoAgent } from './agents';
export type { DemoAddress, DemoCompany, DemoOrder, DemoOrderLine, DemoOrderStatus, DemoPerson, DemoPersonPhone, DemoProduct } from './entities';
export type { DemoPhone } from './phone';
export type { LazyList } from './lazy';
export { lazyList } from './lazy';
export { OverlayCollection, searchSorted, type OverlayChanges } from './overlay';
export { gtinCheckDigit, isValidGtin, makeEan13, makeUpcA } from './barcode';
export { hex24For, indexFromHex24, indexFromUuid, iso, uuidFor, KIND, ANCHOR_MS, type Kind } from './ids';
export { Rng, rngFor, seedToInt, mulberry32, hashString } from './prng';
export { afosto, homs, opentaps, ucs, ultracart };
export { CORE_PRODUCTS, ORDERS_PER_BLOCK, asciiFold, personDisplayName, orderIndexFromNumber } from './entities';
