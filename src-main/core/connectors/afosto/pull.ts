// What Dockside pulls from Afosto, in dependency order (a later resource finds the rows of an
// earlier one): positions → products/barcodes → orders+lines → shipments+units → pick lists+items
// → parcels+units → printers, hubs. Every list is paged as the reference documents it (the client
// does the x-page / x-count part); the document offers no "updated since" filter anywhere in lcs
// or odr, so every resource is a sweep: the cursor is the next page, null after the last. What a
// sweep skips is the per-record detail call: order items and shipment units are read again only
// when the listed record changed (orders: updated_at; shipments: the listed header's digest).
import type { ApplyContext, PullPage, PullResource } from '../../sync/types';
import { newId } from '../../util/ids';
import type { AfostoClient, Page } from './client';
import * as M from './mappers';
import type { AfostoRepo } from './repo';
import type * as S from './schemas';

export interface AfostoPullOptions {
  /** `x-page-size` for most lists (the document's default is 25). */
  pageSize?: number;
  /** `x-page-size` for orders: each order costs one more call for its items. */
  orderPageSize?: number;
  /** Detail calls in flight at once (order items, shipment units): the document has no bulk read. */
  detailConcurrency?: number;
  /**
   * Told after a chunk committed, with the local ids of the pick lists and shipments it changed
   * (each id once per chunk; nothing when a sweep found everything as stored). The composition
   * root turns them into picking.changed / packing.changed, so open screens re-read.
   */
  onApplied?: (changed: AfostoApplied) => void;
}

/** What one applied chunk changed: local pick_lists ids, local shipments ids. */
export interface AfostoApplied {
  pickLists: string[];
  shipments: string[];
}

type Item = { sku: string; position?: string | null | undefined; code?: string | undefined };
export type ProductItem = Item;
/** `lines` null: the order is unchanged since its lines were last read, and they were not read again. */
export type OrderWithLines = S.Order & { lines: S.OrderGroup[] | null };
/** `detail` null: the listed header is as it was when the detail was last applied; not read again. */
export type ShipmentRead = { id: string; digest: string; detail: S.Shipment | null };

const pageOf = <T>(p: Page<T>): PullPage<T> => ({
  items: p.items,
  cursor: p.next !== undefined ? String(p.next) : null,
  done: p.next === undefined,
  ...(p.total !== undefined ? { total: p.total } : {}),
});

/** Products of SKUs met during one apply, so each SKU is looked up once per chunk. */
function productCache(repo: AfostoRepo, now: number) {
  const ids = new Map<string, string>();
  return (sku: string, name?: string | null): string => {
    let id = ids.get(sku);
    if (id === undefined) {
      id = repo.product(sku, name, now);
      ids.set(sku, id);
    }
    return id;
  };
}

/**
 * Collects the ids a chunk changes; reports them once, after the chunk's transaction commits (a
 * rolled-back chunk reports nothing). One per apply call, i.e. per chunk.
 */
function changedIds(ctx: ApplyContext, kind: keyof AfostoApplied, report: AfostoPullOptions['onApplied']): Set<string> {
  const ids = new Set<string>();
  if (report) {
    ctx.db.afterCommit(() => {
      if (ids.size > 0) report({ pickLists: [], shipments: [], [kind]: [...ids] });
    });
  }
  return ids;
}

/**
 * `dbOf` is the local database outside apply (fetchPage reads which orders changed since their
 * lines were read); `repoOf` gives the repo for a Db.
 */
export function afostoResources(dbOf: () => ApplyContext['db'], repoOf: (db: ApplyContext['db']) => AfostoRepo, o: AfostoPullOptions = {}): PullResource<unknown, AfostoClient>[] {
  const size = o.pageSize ?? 250;
  const orderSize = o.orderPageSize ?? 100;
  const conc = o.detailConcurrency ?? 8;
  // Fulfilment locations change rarely: read at most once a minute by the resources walking them.
  let locMemo: { at: number; ids: string[] } | undefined;
  const locations = async (client: AfostoClient): Promise<string[]> => {
    if (locMemo && Date.now() - locMemo.at < 60_000) return locMemo.ids;
    const ls = await client.all((q) => client.locations(q), { pageSize: 100 });
    locMemo = { at: Date.now(), ids: ls.filter((l) => !l.is_disabled).map((l) => l.id) };
    return locMemo.ids;
  };

  // GET /lcs/locations → GET /lcs/locations/{id}/positions (only x-page documented: short page ends)
  const positions: PullResource<S.Position, AfostoClient> = {
    remote: 'afosto',
    resource: 'positions',
    mode: 'sweep',
    async fetchPage(client, cursor) {
      const locs = await locations(client);
      const c = M.readMultiCursor(cursor);
      const loc = locs[c.i];
      if (loc === undefined) return { items: [], cursor: null, done: true };
      const p = await client.positions(loc, { page: c.p, pageSize: size });
      if (p.next !== undefined) return { items: p.items, cursor: JSON.stringify({ i: c.i, p: p.next }), done: false };
      const last = c.i + 1 >= locs.length;
      return { items: p.items, cursor: last ? null : JSON.stringify({ i: c.i + 1, p: 1 }), done: last };
    },
    apply(items, ctx) {
      const repo = repoOf(ctx.db);
      for (const p of items) repo.upsertPosition(p.code, M.zoneOf(p.code), M.positionSortKey(p));
    },
  };

  // The reference has no product catalogue: a product is its SKU (GET /lcs/locations/{id}/skus
  // gives SKU + default position), its codes come from the EAN/UPC → SKU map
  // (GET /cat/maps/collections → …/{id}/keys, x-count), its name from order/shipment descriptions.
  const products: PullResource<ProductItem, AfostoClient> = {
    remote: 'afosto',
    resource: 'products',
    mode: 'sweep',
    async fetchPage(client, cursor) {
      const locs = await locations(client);
      const c = M.readMultiCursor(cursor);
      if (c.i < locs.length) {
        const skus = await client.locationSkus(locs[c.i] as string);
        return { items: skus.map((s) => ({ sku: s.sku, position: s.position })), cursor: JSON.stringify({ i: c.i + 1, p: 1 }), done: false };
      }
      const cols = await client.all((q) => client.mapCollections(q), { pageSize: 100 });
      const col = cols[c.i - locs.length];
      if (!col) return { items: [], cursor: null, done: true };
      const p = await client.barcodes(col.id, { page: c.p, pageSize: size });
      const items = p.items.map((k) => ({ sku: k.value, code: k.key }));
      if (p.next !== undefined) return { items, cursor: JSON.stringify({ i: c.i, p: p.next }), done: false };
      const last = c.i - locs.length + 1 >= cols.length;
      return { items, cursor: last ? null : JSON.stringify({ i: c.i + 1, p: 1 }), done: last };
    },
    apply(items, ctx) {
      const repo = repoOf(ctx.db);
      const product = productCache(repo, ctx.now);
      for (const it of items) {
        const id = product(it.sku);
        if (it.code) repo.upsertBarcode(it.code, id, M.barcodeKind(it.code));
        const pos = repo.positionId(it.position);
        if (pos) repo.linkProductPosition(id, pos);
      }
    },
  };

  // GET /odr/orders (x-page only: short page ends) + GET /odr/orders/{id}/items per order.
  const orders: PullResource<OrderWithLines, AfostoClient> = {
    remote: 'afosto',
    resource: 'orders',
    mode: 'sweep',
    async fetchPage(client, cursor) {
      const p = await client.orders({ page: M.readPage(cursor), pageSize: orderSize });
      const repo = repoOf(dbOf());
      const items = await mapLimit(p.items, conc, async (order): Promise<OrderWithLines> => {
        const unchanged = !!order.updated_at && repo.linesAt(order.id) === order.updated_at;
        return { ...order, lines: unchanged ? null : await client.all((q) => client.orderItems(order.id, q), { pageSize: 100 }) };
      });
      return pageOf({ ...p, items });
    },
    apply(items, ctx) {
      const repo = repoOf(ctx.db);
      const product = productCache(repo, ctx.now);
      for (const o of items) {
        const row = M.orderRow(o);
        const lines = o.lines ? M.orderLines(o.lines) : null;
        const existing = repo.orderId(row.remoteId, row.number);
        if (existing === undefined) {
          const id = newId();
          repo.insertOrder(id, row, ctx.now);
          (lines ?? []).forEach((l, k) => repo.insertLine(id, k + 1, product(l.sku, l.name), l));
          if (lines) repo.setLinesAt(id, o.updated_at ?? null);
          continue;
        }
        if (ctx.isProtected('order', existing)) {
          ctx.conflict({ entity: 'order', entityId: existing, remoteId: row.remoteId, remoteData: o });
          continue;
        }
        repo.updateOrder(existing, row, ctx.now);
        ctx.resolved('order', existing);
        if (!lines) continue; // unchanged since its lines were read
        repo.setLinesAt(existing, o.updated_at ?? null);
        const have = new Map(repo.linesOf(existing).map((l) => [l.sku, l]));
        let next = Math.max(0, ...[...have.values()].map((l) => l.line_no)) + 1;
        for (const l of lines) {
          const cur = have.get(l.sku);
          if (cur) {
            repo.updateLine(cur.id, product(l.sku, l.name), l);
            have.delete(l.sku);
          } else repo.insertLine(existing, next++, product(l.sku, l.name), l);
        }
        for (const gone of have.values()) repo.deleteLine(gone.id);
      }
    },
  };

  // GET /lcs/shipments (x-count) + GET /lcs/shipments/{id} per shipment for its units, only for
  // shipments whose listed header changed since their detail was last applied (LcsListedShipment
  // carries updated_at and the state flags; the document has no "updated since" filter, so the
  // list itself is still swept). One local unit row per Afosto unit (remote_id = unit id): pushes
  // address units by that id.
  const shipments: PullResource<ShipmentRead, AfostoClient> = {
    remote: 'afosto',
    resource: 'shipments',
    mode: 'sweep',
    async fetchPage(client, cursor) {
      const p = await client.shipments({ page: M.readPage(cursor), pageSize: size });
      const seen = repoOf(dbOf()).shipmentReads(p.items.map((x) => x.id));
      const items = await mapLimit(p.items, conc, async (x): Promise<ShipmentRead> => {
        const digest = M.listedDigest(x);
        return { id: x.id, digest, detail: seen.get(x.id) === digest ? null : await client.shipment(x.id) };
      });
      return pageOf({ ...p, items });
    },
    apply(items, ctx) {
      const repo = repoOf(ctx.db);
      const product = productCache(repo, ctx.now);
      // a detail is read (non-null) only when the listed header changed: each applied one counts
      const changed = changedIds(ctx, 'shipments', o.onApplied);
      for (const { detail: s, digest } of items) {
        if (!s) continue; // unchanged since its detail was applied
        // local shipments belong to an order; an internal shipment without one is not mirrored
        const orderId = s.order_id ? repo.orderId(s.order_id) : undefined;
        if (orderId === undefined) {
          // without an order it never will be; with one not pulled yet, read it again next sweep
          if (!s.order_id) repo.setShipmentRead(s.id, digest);
          continue;
        }
        const status = M.shipmentStatus(s);
        const cur = repo.shipment(s.id);
        let id: string;
        if (!cur) {
          id = newId();
          repo.insertShipment(id, orderId, s.id, status, s.method_id ?? null, M.toMs(s.created_at) ?? ctx.now, ctx.now);
        } else {
          id = cur.id;
          if (ctx.isProtected('shipment', id)) {
            // not applied: no digest, so the next sweep reads it again
            ctx.conflict({ entity: 'shipment', entityId: id, remoteId: s.id, remoteData: s });
            continue;
          }
          repo.updateShipment(id, orderId, status, s.method_id ?? null, ctx.now);
          ctx.resolved('shipment', id);
        }
        const have = new Map<string, string>();
        if (cur) for (const u of repo.unitsOf(id)) if (u.remote_id) have.set(u.remote_id, u.id);
        for (const u of s.items) {
          const productId = product(u.sku, u.description);
          const lineId = repo.lineBySku(orderId, u.sku);
          const local = have.get(u.id);
          if (local) {
            repo.updateUnit(local, lineId, productId);
            have.delete(u.id);
          } else repo.insertUnit(id, lineId, productId, u.id);
        }
        for (const gone of have.values()) repo.deleteUnit(gone);
        repo.setShipmentRead(s.id, digest);
        changed.add(id);
      }
    },
  };

  // GET /lcs/lists (x-count): the listed form carries the units themselves. One local item per
  // unit (remote_id = unit id, quantity 1); rank = walk order of its position (positions pulled first).
  const pickLists: PullResource<S.ListedPickList, AfostoClient> = {
    remote: 'afosto',
    resource: 'pick_lists',
    mode: 'sweep',
    async fetchPage(client, cursor) {
      return pageOf(await client.pickLists({ page: M.readPage(cursor), pageSize: size }));
    },
    apply(items, ctx) {
      const repo = repoOf(ctx.db);
      const product = productCache(repo, ctx.now);
      const pos = new Map<string, { id: string | null; key: string }>();
      const position = (code: string | null | undefined): { id: string | null; key: string } => {
        if (!code) return { id: null, key: '~' };
        let p = pos.get(code);
        if (!p) {
          const row = repo.position(code);
          p = row ? { id: row.id, key: row.sort_key } : { id: null, key: `~|${code}` };
          pos.set(code, p);
        }
        return p;
      };
      // a sweep re-reads every list: only those whose head or items differ from the store count
      const changed = changedIds(ctx, 'pickLists', o.onApplied);
      for (const l of items) {
        const status = M.pickListStatus(l);
        const head = { number: l.number ?? null, dueAt: M.toMs(l.due_at) };
        let id = repo.pickListId(l.id);
        const isNew = id === undefined;
        let differs = isNew;
        if (id === undefined) {
          id = newId();
          repo.insertPickList(id, l.id, status, l.sub ?? null, M.toMs(l.created_at) ?? ctx.now, ctx.now, head);
        } else if (ctx.isProtected('pick_list', id)) {
          ctx.conflict({ entity: 'pick_list', entityId: id, remoteId: l.id, remoteData: l });
          continue;
        } else {
          differs = repo.updatePickList(id, status, l.sub ?? null, ctx.now, head);
          ctx.resolved('pick_list', id);
        }
        const units = [...l.items].sort((a, b) => cmp(position(a.position).key, position(b.position).key) || cmp(a.sku, b.sku) || cmp(a.id, b.id));
        const have = new Map<string, string>();
        if (!isNew) for (const u of repo.pickItemsOf(id)) if (u.remote_id) have.set(u.remote_id, u.id);
        units.forEach((u, k) => {
          const row = { lineId: repo.lineOfUnit(u.id), productId: product(u.sku, u.description), positionId: position(u.position).id, rank: k + 1, remoteId: u.id, handled: u.is_handled === true, missing: u.is_missing === true };
          const local = have.get(u.id);
          if (local === undefined) {
            differs = true;
            return repo.insertPickItem(id, row);
          }
          have.delete(u.id);
          if (ctx.isProtected('pick_list_item', local)) return ctx.conflict({ entity: 'pick_list_item', entityId: local, remoteId: u.id, remoteData: u });
          if (repo.updatePickItem(local, row)) differs = true;
          ctx.resolved('pick_list_item', local);
        });
        for (const gone of have.values()) if (!ctx.isProtected('pick_list_item', gone) && repo.deletePickItem(gone)) differs = true;
        if (differs) changed.add(id);
      }
    },
  };

  // GET /lcs/parcels (x-count). parcel_units has no remote id: replaced per parcel, one row per SKU.
  const parcels: PullResource<S.Parcel, AfostoClient> = {
    remote: 'afosto',
    resource: 'parcels',
    mode: 'sweep',
    async fetchPage(client, cursor) {
      return pageOf(await client.parcels({ page: M.readPage(cursor), pageSize: size }));
    },
    apply(items, ctx) {
      const repo = repoOf(ctx.db);
      const product = productCache(repo, ctx.now);
      // a parcel whose row or units differ from the store changes its shipment's Pack view
      const changed = changedIds(ctx, 'shipments', o.onApplied);
      for (const p of items) {
        const ship = p.shipment_id ? repo.shipment(p.shipment_id) : undefined;
        if (!ship) continue; // its shipment is not mirrored (no order): nor is the parcel
        const row = { shipmentId: ship.id, orderId: ship.order_id, weight: p.weight ?? null, tracking: p.tracking_code || null, status: M.parcelStatus(p), remoteId: p.id, createdAt: M.toMs(p.created_at) ?? ctx.now };
        const prev = repo.parcelState(p.id);
        // the shipment's is_labeled follows its parcels but is not in its listed header: a
        // parcel's new state makes the next sweep read the shipment's detail again (a parcel first
        // seen here was in the detail just read, unless it appeared in between: one sweep late)
        if (prev && prev.status !== row.status && p.shipment_id) repo.forgetShipmentRead(p.shipment_id);
        let id = prev?.id;
        let differs = id === undefined;
        if (id === undefined) {
          id = newId();
          repo.insertParcel(id, row, ctx.now);
        } else if (ctx.isProtected('parcel', id)) {
          ctx.conflict({ entity: 'parcel', entityId: id, remoteId: p.id, remoteData: p });
          continue;
        } else {
          differs = repo.updateParcel(id, row, ctx.now);
          ctx.resolved('parcel', id);
        }
        const bySku = new Map<string, { lineId: string | null; productId: string; quantity: number }>();
        for (const it of p.items ?? []) {
          const sku = it.sku ?? '';
          if (!sku) continue;
          const u = bySku.get(sku);
          if (u) u.quantity += it.quantity ?? 1;
          else bySku.set(sku, { lineId: repo.lineBySku(ship.order_id, sku), productId: product(sku, it.description), quantity: it.quantity ?? 1 });
        }
        if (repo.replaceParcelUnits(id, [...bySku.values()].filter((u) => u.quantity > 0))) differs = true;
        if (differs) changed.add(ship.id);
      }
    },
  };

  // GET /spl/printers, GET /spl/hubs (unpaged) → remote_records (no table of their own).
  const records = <T extends { id: string }>(resource: string, get: (c: AfostoClient) => Promise<T[]>): PullResource<T, AfostoClient> => ({
    remote: 'afosto',
    resource,
    mode: 'sweep',
    async fetchPage(client) {
      const items = await get(client);
      return { items, cursor: null, done: true, total: items.length };
    },
    apply(items, ctx) {
      const repo = repoOf(ctx.db);
      for (const x of items) repo.upsertRecord(resource, x.id, x, ctx.now);
    },
  });

  return [
    positions,
    products,
    orders,
    shipments,
    pickLists,
    parcels,
    records('printers', (c) => c.printers()),
    records('hubs', (c) => c.hubs()),
  ] as PullResource<unknown, AfostoClient>[];
}

/** `fn` over `xs` with at most `limit` calls in flight, results in input order. */
async function mapLimit<T, R>(xs: readonly T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(xs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await fn(xs[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, xs.length) }, worker));
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
