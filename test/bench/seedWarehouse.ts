// A large station store for the scan benches (issue 10, point 7): 100k products with barcodes and
// positions, 1M order lines in ~300k orders with their shipments and units, a few pick lists, and
// a handful of open "bench" shipments and pick lists with enough units to take hundreds of scans.
// The schema is the app's own (openDatabase runs every migration); the rows are written with
// prepared statements in large transactions. The result is cached in the OS temp dir under a key
// of SEED_VERSION + the schema (migration list), so a rerun copies a file instead of seeding.
//
//   npx tsx test/bench/seedWarehouse.ts [--fresh]   seeds (or finds) the cached file and says how long it took
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DB_FILE_NAME, openDatabase } from '../../src-main/core/db/database';
import { allMigrations } from '../../src-main/core/db/migrations';
import { gtinCheckDigit } from '../../src-main/sim/generator/barcode';
import { mulberry32 } from '../../src-main/sim/generator/prng';

/** Bump when the rows written here change: the cached file is then seeded again. */
export const SEED_VERSION = 5;

export interface SeedCounts {
  products: number;
  positions: number;
  orderLines: number;
  /** Open shipments with many units each, for scanning benches (packing). */
  benchShipments: number;
  /** Open pick lists with many items each, for scanning benches (picking). */
  benchPickLists: number;
}

export const LARGE: SeedCounts = { products: 100_000, positions: 20_000, orderLines: 1_000_000, benchShipments: 24, benchPickLists: 16 };

/** What a bench scans: each target's product barcodes with how many units are expected. */
export interface BenchLine {
  productId: string;
  sku: string;
  barcode: string;
  position: string;
  quantity: number;
}
export interface BenchShipment {
  orderNumber: string;
  orderId: string;
  shipmentId: string;
  shipmentRemoteId: string;
  lines: BenchLine[];
}
export interface BenchPickList {
  pickListId: string;
  remoteId: string;
  /** Afosto's list number (what a picker scans to open it). */
  number: string;
  /** Items in walking order (one row per unit in the store, grouped here by product). */
  lines: BenchLine[];
}

export interface SeedManifest {
  version: number;
  schema: string;
  counts: SeedCounts;
  rows: Record<string, number>;
  seedMs: number;
  /** A product barcode that belongs to no bench shipment (a wrong item for every target). */
  strangerBarcode: string;
  shipments: BenchShipment[];
  pickLists: BenchPickList[];
}

export interface SeededStore {
  /** The cached database file: copy it (copySeededStore) before writing to it. */
  file: string;
  manifest: SeedManifest;
  /** True when this call found the file cached instead of seeding it. */
  cached: boolean;
}

/** Key of the schema the file was made with: every migration's version and name. */
export function schemaKey(): string {
  return createHash('sha256')
    .update(allMigrations.map((m) => `${m.version}:${m.name}`).join('\n'))
    .digest('hex')
    .slice(0, 12);
}

function cacheDir(counts: SeedCounts, root?: string): string {
  const user = typeof process.getuid === 'function' ? `-${process.getuid()}` : '';
  const size = `${counts.products}p-${counts.orderLines}l`;
  return path.join(root ?? path.join(os.tmpdir(), `dockside-bench-store${user}`), `v${SEED_VERSION}-${schemaKey()}-${size}`);
}

/**
 * uuid v7-shaped ids (version 7, variant 10) from a fixed time and a running counter: valid for
 * any uuid check, and ascending, so every insert appends to the primary-key B-tree.
 */
function idMaker(baseMs: number): () => string {
  const time = baseMs.toString(16).padStart(12, '0');
  const head = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  let n = 0;
  return () => {
    const c = (n++).toString(16).padStart(15, '0');
    return `${head}${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6, 15)}000`;
  };
}

const ean13 = (n: number): string => {
  const body = '859' + String(n).padStart(9, '0');
  return body + String(gtinCheckDigit(body));
};
const upcA = (n: number): string => {
  const body = '07' + String(n).padStart(9, '0');
  return body + String(gtinCheckDigit(body));
};

const ADJ = ['Blue', 'Steel', 'Organic', 'Compact', 'Classic', 'Travel', 'Heavy', 'Mini', 'Pro', 'Eco', 'Deluxe', 'Soft'];
const NOUN = ['Mug', 'Lamp', 'Kettle', 'Towel', 'Notebook', 'Backpack', 'Bottle', 'Cable', 'Charger', 'Pillow', 'Candle', 'Helmet'];

/**
 * Writes the rows into a migrated, empty store at `file`. Durability is off while seeding (a
 * crash only means seeding again) and the journal is back to WAL at the end, as the app opens it.
 */
async function seedInto(file: string, counts: SeedCounts): Promise<Omit<SeedManifest, 'seedMs'>> {
  const db = await openDatabase({ file, backupDir: path.join(path.dirname(file), 'backups') });
  const raw = db.raw;
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  raw.pragma('foreign_keys = OFF');
  raw.pragma('cache_size = -262144'); // 256 MB while seeding
  const rnd = mulberry32(20261126);
  const pick = (n: number): number => Math.floor(rnd() * n);
  const baseMs = Date.UTC(2026, 0, 1);
  const id = idMaker(baseMs);
  const rows: Record<string, number> = {};
  const count = (t: string, n = 1): void => void (rows[t] = (rows[t] ?? 0) + n);

  const ins = {
    position: raw.prepare('INSERT INTO positions (id, code, zone, sort_key, remote_id) VALUES (?, ?, ?, ?, ?)'),
    product: raw.prepare('INSERT INTO products (id, sku, name, description, weight_grams, image_url, remote_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    barcode: raw.prepare('INSERT INTO product_barcodes (code, product_id, kind, units) VALUES (?, ?, ?, ?)'),
    productPosition: raw.prepare('INSERT OR IGNORE INTO product_positions (product_id, position_id, quantity) VALUES (?, ?, ?)'),
    order: raw.prepare('INSERT INTO orders (id, number, remote_id, status, customer_name, email, ship_to, channel, placed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    line: raw.prepare('INSERT INTO order_lines (id, order_id, line_no, product_id, sku, name, quantity, remote_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    shipment: raw.prepare('INSERT INTO shipments (id, order_id, remote_id, status, carrier, method, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    unit: raw.prepare('INSERT INTO shipment_units (id, shipment_id, order_line_id, product_id, quantity, remote_id) VALUES (?, ?, ?, ?, 1, ?)'),
    list: raw.prepare('INSERT INTO pick_lists (id, remote_id, status, station_id, assigned_user_id, created_at, updated_at) VALUES (?, ?, ?, NULL, NULL, ?, ?)'),
    listItem: raw.prepare('INSERT INTO pick_list_items (id, pick_list_id, order_line_id, product_id, position_id, rank, quantity, remote_id) VALUES (?, ?, ?, ?, ?, ?, 1, ?)'),
  };
  // Columns later migrations added, filled where the schema has them.
  const hasColumn = (table: string, column: string): boolean => (raw.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column);
  const listNumber = hasColumn('pick_lists', 'number') && hasColumn('pick_lists', 'due_at') ? raw.prepare('UPDATE pick_lists SET number = ?, due_at = ? WHERE id = ?') : null;
  const inChunks = (total: number, size: number, fn: (i: number) => void): void => {
    for (let from = 0; from < total; from += size) {
      raw.transaction(() => {
        for (let i = from; i < Math.min(total, from + size); i++) fn(i);
      })();
    }
  };

  // Positions: zones A…T, aisles, shelves; walking order = their number.
  const positions: { id: string; code: string }[] = [];
  inChunks(counts.positions, 50_000, (i) => {
    const zone = String.fromCharCode(65 + (i % 20));
    const code = `${zone}-${String(Math.floor(i / 20 / 50) + 1).padStart(2, '0')}-${String((Math.floor(i / 20) % 50) + 1).padStart(2, '0')}`;
    const pid = id();
    positions.push({ id: pid, code });
    ins.position.run(pid, code, zone, `${String(i).padStart(10, '0')}|${code}`, `pos-${i}`);
    count('positions');
  });

  // Products: EAN-13 on each, a UPC-A on every fourth, a case GTIN-14 of 6 on every tenth; one or two positions.
  const products: { id: string; sku: string; name: string; ean: string; position: number }[] = [];
  inChunks(counts.products, 50_000, (i) => {
    const pid = id();
    const sku = `SKU-${String(i + 1).padStart(6, '0')}`;
    const name = `${ADJ[i % ADJ.length]} ${NOUN[Math.floor(i / ADJ.length) % NOUN.length]} ${i + 1}`;
    const ean = ean13(i + 1);
    const position = pick(counts.positions);
    products.push({ id: pid, sku, name, ean, position });
    ins.product.run(pid, sku, name, null, 50 + pick(4950), i % 3 === 0 ? `https://cdn.example.test/p/${i + 1}.jpg` : null, `prd-${i + 1}`, baseMs);
    ins.barcode.run(ean, pid, 'ean13', 1);
    count('products');
    count('product_barcodes');
    if (i % 4 === 0) {
      ins.barcode.run(upcA(i + 1), pid, 'upca', 1);
      count('product_barcodes');
    }
    if (i % 10 === 0) {
      const body = '1' + ean.slice(0, 12);
      ins.barcode.run(body + String(gtinCheckDigit(body)), pid, 'gtin14', 6);
      count('product_barcodes');
    }
    ins.productPosition.run(pid, positions[position]!.id, 1 + pick(200));
    count('product_positions');
    // A second position for every fifth product (ignored when it drew the first one again).
    if (i % 5 === 0) count('product_positions', ins.productPosition.run(pid, positions[pick(counts.positions)]!.id, pick(50)).changes);
  });

  // Orders of 1–6 lines (3.3 on average) until the line count is reached; the last few hundred are
  // still open (their shipment waits to be picked and packed), the rest finished long ago.
  const openFrom = counts.orderLines - 2_000;
  let lineCount = 0;
  let orderNo = 0;
  const openLines: { lineId: string; shipmentId: string; product: number; units: string[] }[] = [];
  type Written = { orderId: string; number: string; shipmentId: string; shipmentRemoteId: string; lineIds: string[]; unitRemoteIds: string[][] };
  const writeOrder = (lines: { product: number; quantity: number }[], status: 'finished' | 'confirmed', shipStatus: 'finished' | 'open'): Written => {
    const orderId = id();
    const n = ++orderNo;
    const number = `ODR-${20_000_000 + n}`;
    const placed = baseMs - (counts.orderLines - lineCount) * 30_000;
    ins.order.run(orderId, number, `ord-${n}`, status, `Customer ${n}`, `customer${n}@example.test`, `Street ${n % 500}, ${10000 + (n % 89999)} City`, 'web', placed, placed);
    count('orders');
    const shipmentId = id();
    const shipmentRemoteId = `shp-${n}`;
    ins.shipment.run(shipmentId, orderId, shipmentRemoteId, shipStatus, 'PPL', 'parcel', placed, placed);
    count('shipments');
    const lineIds: string[] = [];
    const unitRemoteIds: string[][] = [];
    lines.forEach((l, k) => {
      const p = products[l.product]!;
      const lineId = id();
      lineIds.push(lineId);
      ins.line.run(lineId, orderId, k + 1, p.id, p.sku, p.name, l.quantity, `${number}:${p.sku}`);
      count('order_lines');
      const units: string[] = [];
      for (let u = 0; u < l.quantity; u++) {
        units.push(`unit-${n}-${k + 1}-${u + 1}`);
        ins.unit.run(id(), shipmentId, lineId, p.id, units[u]);
        count('shipment_units');
      }
      unitRemoteIds.push(units);
      lineCount++;
    });
    return { orderId, number, shipmentId, shipmentRemoteId, lineIds, unitRemoteIds };
  };

  const CHUNK_LINES = 100_000;
  while (lineCount < counts.orderLines) {
    raw.transaction(() => {
      const stop = Math.min(counts.orderLines, lineCount + CHUNK_LINES);
      while (lineCount < stop) {
        const open = lineCount >= openFrom;
        const lines = Array.from({ length: Math.min(stop - lineCount, 1 + pick(6)) }, () => {
          const r = rnd();
          return { product: pick(counts.products), quantity: r < 0.8 ? 1 : r < 0.95 ? 2 : 3 };
        });
        const o = writeOrder(lines, open ? 'confirmed' : 'finished', open ? 'open' : 'finished');
        if (open) lines.forEach((l, k) => openLines.push({ lineId: o.lineIds[k]!, shipmentId: o.shipmentId, product: l.product, units: o.unitRemoteIds[k]! }));
      }
    })();
  }

  // A few ordinary open pick lists over the open orders' lines (one item per unit, walking order).
  // Afosto's list item is a shipment unit (the same unit id on both), hence `units`.
  const writeList = (items: { lineId: string; product: number; units: string[] }[], k: string): BenchPickList => {
    const pickListId = id();
    const remoteId = `lst-${k}`;
    const number = `L-${k.toUpperCase()}`;
    ins.list.run(pickListId, remoteId, 'open', baseMs, baseMs);
    if (listNumber) listNumber.run(number, baseMs + 86_400_000, pickListId);
    count('pick_lists');
    const sorted = [...items].sort((a, b) => products[a.product]!.position - products[b.product]!.position);
    let rank = 0;
    const lines: BenchLine[] = [];
    for (const it of sorted) {
      const p = products[it.product]!;
      for (const unit of it.units) {
        ins.listItem.run(id(), pickListId, it.lineId, p.id, positions[p.position]!.id, ++rank, unit);
        count('pick_list_items');
      }
      lines.push({ productId: p.id, sku: p.sku, barcode: p.ean, position: positions[p.position]!.code, quantity: it.units.length });
    }
    return { pickListId, remoteId, number, lines };
  };
  raw.transaction(() => {
    for (let k = 0; k < 10; k++) writeList(openLines.slice(k * 30, k * 30 + 30), `open-${k + 1}`);
  })();

  // The bench targets, of products that occur in no other target (so a barcode of one is a wrong
  // item for another): shipments of 12 lines × 4 units (a large order, not a pathological one) and
  // batch pick lists of four shipments × 3 lines × 4 units.
  const shipments: BenchShipment[] = [];
  const pickLists: BenchPickList[] = [];
  let nextBenchProduct = 0;
  const benchProducts = (n: number): number[] => Array.from({ length: n }, () => (nextBenchProduct += 997) % counts.products);
  raw.transaction(() => {
    for (let s = 0; s < counts.benchShipments; s++) {
      const lines = benchProducts(12).map((product) => ({ product, quantity: 4 }));
      const o = writeOrder(lines, 'confirmed', 'open');
      shipments.push({
        orderNumber: o.number,
        orderId: o.orderId,
        shipmentId: o.shipmentId,
        shipmentRemoteId: o.shipmentRemoteId,
        lines: lines.map((l) => {
          const p = products[l.product]!;
          return { productId: p.id, sku: p.sku, barcode: p.ean, position: positions[p.position]!.code, quantity: l.quantity };
        }),
      });
    }
    for (let s = 0; s < counts.benchPickLists; s++) {
      const items = [0, 1, 2, 3].flatMap(() => {
        const lines = benchProducts(3).map((product) => ({ product, quantity: 4 }));
        const o = writeOrder(lines, 'confirmed', 'open');
        return lines.map((l, k) => ({ lineId: o.lineIds[k]!, product: l.product, units: o.unitRemoteIds[k]! }));
      });
      pickLists.push(writeList(items, `bench-${s + 1}`));
    }
  })();
  const strangerBarcode = products[(nextBenchProduct += 997) % counts.products]!.ean;

  raw.pragma('foreign_keys = ON');
  const broken = raw.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) throw new Error(`seed broke ${broken.length} foreign keys, e.g. ${JSON.stringify(broken[0])}`);
  raw.exec('ANALYZE');
  raw.pragma('journal_mode = WAL');
  db.close();
  return { version: SEED_VERSION, schema: schemaKey(), counts, rows, strangerBarcode, shipments, pickLists };
}

/**
 * The large store, seeded once per SEED_VERSION and schema and then found in the temp dir. Seeding
 * writes into a temp name and renames it into place, so a half-seeded file is never found.
 */
export async function seededWarehouse(counts: SeedCounts = LARGE, opts: { fresh?: boolean; log?: (line: string) => void; cacheRoot?: string } = {}): Promise<SeededStore> {
  const dir = cacheDir(counts, opts.cacheRoot);
  const file = path.join(dir, DB_FILE_NAME);
  const manifestFile = path.join(dir, 'manifest.json');
  if (!opts.fresh && fs.existsSync(file) && fs.existsSync(manifestFile)) {
    return { file, manifest: JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as SeedManifest, cached: true };
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = fs.mkdtempSync(`${dir}.tmp-`);
  try {
    opts.log?.(`seeding ${counts.products.toLocaleString('en-US')} products and ${counts.orderLines.toLocaleString('en-US')} order lines into ${tmp}…`);
    const t0 = performance.now();
    const seeded = await seedInto(path.join(tmp, DB_FILE_NAME), counts);
    const manifest: SeedManifest = { ...seeded, seedMs: performance.now() - t0 };
    fs.writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify(manifest));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
    // Stores of this size from older seed versions or schemas are never read again (a gigabyte each).
    const size = path.basename(dir).replace(/^v\d+-[0-9a-f]+-/, '');
    for (const old of fs.readdirSync(path.dirname(dir))) {
      if (/^v\d+-[0-9a-f]+-/.test(old) && old.endsWith(`-${size}`) && old !== path.basename(dir)) fs.rmSync(path.join(path.dirname(dir), old), { recursive: true, force: true });
    }
    return { file, manifest, cached: false };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** A private copy of the seeded store as `<dataDir>/dockside.sqlite`, for a station to open and write. */
export function copySeededStore(store: SeededStore, dataDir: string): string {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const target = path.join(dataDir, DB_FILE_NAME);
  fs.copyFileSync(store.file, target);
  fs.chmodSync(target, 0o600);
  return target;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const store = await seededWarehouse(LARGE, { fresh: process.argv.includes('--fresh'), log: (l) => console.log(l) });
  const size = fs.statSync(store.file).size;
  console.log(
    `${store.cached ? 'cached' : 'seeded'}: ${store.file} (${(size / 1e6).toFixed(0)} MB), seeded in ${(store.manifest.seedMs / 1000).toFixed(1)} s\n` +
      Object.entries(store.manifest.rows)
        .map(([t, n]) => `  ${t}: ${n.toLocaleString('en-US')}`)
        .join('\n'),
  );
}
