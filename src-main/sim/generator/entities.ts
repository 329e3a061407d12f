/**
 * System-neutral demo entities: catalogue, persons (customers), companies and orders.
 * Each is a pure function of (seed, index); references between them only point at indexes that
 * exist at every scale (see `SCALES` in index.ts), so entity i is identical in `small` and `large`.
 */
import { makeEan13, makeUpcA } from './barcode';
import { ANCHOR_MS, iso, uuidFor } from './ids';
import { COLOURS, COMPANY_STEMS, COUNTRY_WEIGHTS, POOLS, PRODUCT_CATEGORIES, type Country } from './names';
import { fixedPhone, mobilePhone, type DemoPhone } from './phone';
import { rngFor, type Rng } from './prng';

/** Orders only reference products in [0, CORE_PRODUCTS): present at every scale. */
export const CORE_PRODUCTS = 240;

export interface DemoAddress {
  country: Country;
  street: string;
  houseNumber: number;
  houseNumberSuffix: string;
  city: string;
  postalCode: string;
  givenName: string;
  familyName: string;
  organisation: string | null;
}

export interface DemoProduct {
  index: number;
  sku: string;
  /** English name, e.g. "Ceramic mug, blue" */
  name: string;
  /** Czech name with diacritics, e.g. "Keramický hrnek modrý" */
  nameCs: string;
  /** EAN-13 (valid check digit) */
  ean13: string;
  /** UPC-A (valid check digit) for about a third of the catalogue */
  upcA: string | null;
  /** bin position "A-01-03" (zone-aisle-shelf); walk order = lexical order */
  position: string;
  hsCode: string;
  /** grams */
  weight: number;
  /** cents (EUR) */
  price: number;
  /** units on hand at the main location */
  stock: number;
}

export interface DemoPersonPhone extends DemoPhone {
  label: string;
  /** true when this is the shared switchboard of the person's company */
  shared: boolean;
}

export interface DemoPerson {
  index: number;
  /** Afosto contact id (also used as UCS µCRM person external_id) */
  id: string;
  customerNumber: string;
  country: Country;
  gender: 'm' | 'f';
  title: string | null;
  givenName: string;
  additionalName: string | null;
  familyName: string;
  email: string;
  phones: DemoPersonPhone[];
  address: DemoAddress;
  companyIndex: number | null;
  companyRole: string | null;
  vip: boolean;
  createdAt: string;
}

export interface DemoCompany {
  index: number;
  /** Afosto organisation id (also UCS company external_id) */
  id: string;
  name: string;
  country: Country;
  cocNumber: string;
  switchboard: DemoPhone;
  email: string;
  address: DemoAddress;
  createdAt: string;
}

export type DemoOrderStatus = 'new' | 'picking' | 'packed' | 'shipped' | 'cancelled';

export interface DemoOrderLine {
  reference: string;
  productIndex: number;
  sku: string;
  description: string;
  quantity: number;
  price: number;
  hsCode: string;
  giftwrap: boolean;
}

export interface DemoOrder {
  index: number;
  id: string;
  number: string;
  customerIndex: number;
  status: DemoOrderStatus;
  lines: DemoOrderLine[];
  shippingAddress: DemoAddress;
  billingAddress: DemoAddress;
  carrier: string;
  createdAt: string;
  dueAt: string;
  total: number;
  tags: string[];
}

export function asciiFold(s: string): string {
  return s
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '')
    .toLowerCase();
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

// ---------------------------------------------------------------- catalogue

export function productPosition(i: number): string {
  const zone = String.fromCharCode(65 + (Math.floor(i / 400) % 26));
  const aisle = (Math.floor(i / 20) % 20) + 1;
  const shelf = (i % 20) + 1;
  return `${zone}-${pad(aisle, 2)}-${pad(shelf, 2)}`;
}

const EAN_PREFIX = ['859', '858', '40', '87'];

export function genProduct(seed: number, i: number): DemoProduct {
  const r = rngFor(seed, 'product', i);
  const cat = PRODUCT_CATEGORIES[i % PRODUCT_CATEGORIES.length] as (typeof PRODUCT_CATEGORIES)[number];
  const col = r.pick(COLOURS);
  const [code, en, cs, hs, [wmin, wmax]] = cat;
  const series = Math.floor(i / PRODUCT_CATEGORIES.length) + 1;
  return {
    index: i,
    sku: `${code}-${pad(i + 1, 5)}-${col[0]}`,
    name: `${en} ${series > 1 ? `No. ${series} ` : ''}`.trim() + `, ${col[1]}`,
    nameCs: `${cs} ${col[2]}${series > 1 ? ` č. ${series}` : ''}`,
    ean13: makeEan13(EAN_PREFIX[i % 4] as string, 100000 + i),
    upcA: i % 3 === 1 ? makeUpcA(r.int(10000, 99999), i) : null,
    position: productPosition(i),
    hsCode: hs,
    weight: r.int(wmin, wmax),
    price: r.int(39, 1490) * 10 + 9,
    stock: r.chance(0.08) ? 0 : r.int(1, 40),
  };
}

// ---------------------------------------------------------------- people

function address(r: Rng, country: Country, givenName: string, familyName: string, organisation: string | null): DemoAddress {
  const pool = POOLS[country];
  const [city, postal] = r.pick(pool.cities);
  return {
    country,
    street: r.pick(pool.streets),
    houseNumber: r.int(1, 220),
    houseNumberSuffix: r.chance(0.1) ? r.pick(['a', 'b', 'A', '/12']) : '',
    city,
    postalCode: postal,
    givenName,
    familyName,
    organisation,
  };
}

const ROLES: Record<Country, readonly string[]> = {
  CZ: ['jednatel', 'nákupčí', 'účetní', 'majitel', 'skladník'],
  SK: ['konateľ', 'nákupca', 'účtovníčka', 'majiteľ'],
  DE: ['Geschäftsführer', 'Einkäufer', 'Buchhaltung', 'Inhaber'],
  NL: ['directeur', 'inkoper', 'administratie', 'eigenaar'],
};

export function genCompany(seed: number, c: number): DemoCompany {
  const r = rngFor(seed, 'company', c);
  const stem = COMPANY_STEMS[c % COMPANY_STEMS.length] as string;
  // the stem hints at the language; keep names plausible for the country
  const country: Country = /ä|ö|ü|ß|Bäck|Schl|Reise|Metz|Gärt|Kaff/.test(stem)
    ? 'DE'
    : /Brouw|Fiets|Bloem|Druk|Kaas|Softw/.test(stem)
      ? 'NL'
      : /Vinár|Stolár/.test(stem)
        ? 'SK'
        : 'CZ';
  const pool = POOLS[country];
  const round = Math.floor(c / COMPANY_STEMS.length);
  const name = `${stem}${round > 0 ? ` ${round + 1}` : ''} ${r.pick(pool.companySuffix)}`;
  const [city, postal, area] = r.pick(pool.cities);
  return {
    index: c,
    id: uuidFor(seed, 'organisation', c),
    name,
    country,
    cocNumber: r.digits(8),
    switchboard: fixedPhone(r, country, area),
    email: `info@${asciiFold(stem).replace(/\./g, '-')}${round > 0 ? round + 1 : ''}.${country === 'DE' ? 'de' : country === 'NL' ? 'nl' : country === 'SK' ? 'sk' : 'cz'}`,
    address: { country, street: r.pick(pool.streets), houseNumber: r.int(1, 90), houseNumberSuffix: '', city, postalCode: postal, givenName: '', familyName: '', organisation: name },
    createdAt: iso(ANCHOR_MS - 900 * 86400_000 + c * 3_600_000),
  };
}

/** Company index of person i, or null. Persons 5c..5c+4 may belong to company c. */
export function personCompanyIndex(seed: number, i: number): number | null {
  return rngFor(seed, 'person-company', i).chance(0.35) ? Math.floor(i / 5) : null;
}

export function genPerson(seed: number, i: number): DemoPerson {
  const r = rngFor(seed, 'person', i);
  const country = r.weighted(COUNTRY_WEIGHTS);
  const pool = POOLS[country];
  const gender: 'm' | 'f' = r.chance(0.5) ? 'm' : 'f';
  const givenName = r.pick(gender === 'm' ? pool.male : pool.female);
  const sur = r.pick(pool.surnames);
  const familyName = gender === 'm' ? sur[0] : sur[1];
  const additionalName = r.chance(0.05) ? r.pick(gender === 'm' ? pool.male : pool.female) : null;
  const title = country === 'CZ' || country === 'SK' ? (r.chance(0.1) ? r.pick(['Ing.', 'Mgr.', 'MUDr.', 'Bc.']) : null) : country === 'DE' && r.chance(0.05) ? 'Dr.' : null;
  const companyIndex = personCompanyIndex(seed, i);
  const [, , area] = r.pick(pool.cities);
  const phones: DemoPersonPhone[] = [];
  const mobileLabel = { CZ: 'mobil', SK: 'mobil', DE: 'Handy', NL: 'mobiel' }[country];
  const homeLabel = { CZ: 'domů', SK: 'domov', DE: 'privat', NL: 'thuis' }[country];
  if (r.chance(0.92)) phones.push({ ...mobilePhone(r, country), label: mobileLabel, shared: false });
  if (r.chance(0.25) || phones.length === 0) phones.push({ ...fixedPhone(r, country, area), label: homeLabel, shared: false });
  if (r.chance(0.05)) phones.push({ ...mobilePhone(r, country), label: mobileLabel + ' 2', shared: false });
  let companyRole: string | null = null;
  let org: string | null = null;
  if (companyIndex !== null) {
    const company = genCompany(seed, companyIndex);
    companyRole = r.pick(ROLES[company.country]);
    org = company.name;
    phones.push({ ...company.switchboard, label: { CZ: 'kancelář', SK: 'kancelária', DE: 'Büro', NL: 'kantoor' }[country], shared: true });
  }
  const email = `${asciiFold(givenName)}.${asciiFold(familyName)}${i}@${r.pick(pool.emailDomains)}`;
  return {
    index: i,
    id: uuidFor(seed, 'contact', i),
    customerNumber: String(10000 + i),
    country,
    gender,
    title,
    givenName,
    additionalName,
    familyName,
    email,
    phones,
    address: address(r, country, givenName, familyName, org),
    companyIndex,
    companyRole,
    vip: r.chance(0.04),
    createdAt: iso(ANCHOR_MS - 730 * 86400_000 + i * 60_000),
  };
}

export function personDisplayName(p: DemoPerson): string {
  return [p.title, p.givenName, p.additionalName, p.familyName].filter(Boolean).join(' ');
}

// ---------------------------------------------------------------- orders

/** Orders come in blocks of 4 that share a pick list; the block's state drives its orders. */
export const ORDERS_PER_BLOCK = 4;

export type BlockStatus = 'new' | 'picking' | 'packed' | 'shipped';

export function blockStatus(seed: number, block: number): BlockStatus {
  return rngFor(seed, 'order-block', block).weighted<BlockStatus>([
    ['shipped', 45],
    ['new', 25],
    ['picking', 15],
    ['packed', 15],
  ]);
}

const CARRIERS: Record<Country, readonly string[]> = {
  CZ: ['PPL', 'Zásilkovna', 'DPD', 'Česká pošta'],
  SK: ['Packeta', 'DPD', 'GLS'],
  DE: ['DHL', 'DPD', 'Hermes'],
  NL: ['PostNL', 'DHL', 'DPD'],
};

export function orderTime(i: number): number {
  return ANCHOR_MS + i * 6 * 60_000;
}

export function genOrder(seed: number, i: number): DemoOrder {
  const r = rngFor(seed, 'order', i);
  const customerIndex = Math.floor(r.next() * (2 * i + 20));
  const customer = genPerson(seed, customerIndex);
  const bs = blockStatus(seed, Math.floor(i / ORDERS_PER_BLOCK));
  const status: DemoOrderStatus = bs !== 'shipped' && bs !== 'packed' && r.chance(0.04) ? 'cancelled' : bs;
  const nLines = r.weighted([
    [1, 45],
    [2, 30],
    [3, 15],
    [4, 10],
  ]);
  const lines: DemoOrderLine[] = [];
  const used = new Set<number>();
  for (let l = 0; l < nLines; l++) {
    let p = r.int(0, CORE_PRODUCTS - 1);
    while (used.has(p)) p = (p + 1) % CORE_PRODUCTS;
    used.add(p);
    const prod = genProduct(seed, p);
    lines.push({
      reference: `ln-${l + 1}`,
      productIndex: p,
      sku: prod.sku,
      description: prod.name,
      quantity: r.weighted([
        [1, 70],
        [2, 20],
        [3, 10],
      ]),
      price: prod.price,
      hsCode: prod.hsCode,
      giftwrap: r.chance(0.06),
    });
  }
  const t = orderTime(i) + r.int(0, 300) * 1000;
  const shippingAddress = r.chance(0.9)
    ? customer.address
    : address(r, customer.country, customer.givenName, customer.familyName, customer.address.organisation);
  return {
    index: i,
    id: uuidFor(seed, 'order', i),
    number: `ODR-${10000000 + i + 1}`,
    customerIndex,
    status,
    lines,
    shippingAddress,
    billingAddress: customer.address,
    carrier: r.pick(CARRIERS[shippingAddress.country]),
    createdAt: iso(t),
    dueAt: iso(t + 86400_000).slice(0, 10),
    total: lines.reduce((s, l) => s + l.price * l.quantity, 0),
    tags: customer.vip ? ['vip'] : r.chance(0.1) ? ['express'] : [],
  };
}

/** Number → index (null if not a generated order number). */
export function orderIndexFromNumber(number: string): number | null {
  const m = /^ODR-(\d{8})$/.exec(number);
  if (!m) return null;
  const i = Number(m[1]) - 10000001;
  return i >= 0 ? i : null;
}
