/** Catalogue: the EAN/UPC → SKU map collection (keys, upserts, lookups and misses). */
import { z } from 'zod';
import { iso } from '../generator/index';
import { json, type Json } from '../http';
import { notFound, paged, paging, parse } from './protocol';
import { MapKeys } from './schemas';
import type { AfostoSim } from './sim';

export function registerCatalogue(sim: AfostoSim): void {
  const { r, ds, nowIso, mapKeys, mapMisses } = sim;
  let mapLastUpsert: string | null = null;
  const COLLECTION = 'barcodes';
  const mapGet = (key: string): string | undefined => {
    const o = mapKeys.get(key);
    if (o) return o.value;
    return ds.productByBarcode(key)?.sku;
  };
  r.get('/cat/maps/collections', (ctx) => paged(ctx, [{ id: COLLECTION, last_upsert_at: mapLastUpsert, last_miss_at: [...mapMisses.values()].map((m) => m.last_miss_at).sort().pop() ?? null }], 1));
  r.get('/cat/maps/collections/:id', (ctx) => (ctx.params.id === COLLECTION ? json(200, { id: COLLECTION, last_upsert_at: mapLastUpsert, last_miss_at: [...mapMisses.values()].map((m) => m.last_miss_at).sort().pop() ?? null }) : notFound('Collection')));
  r.get('/cat/maps/collections/:id/keys', (ctx) => {
    if (ctx.params.id !== COLLECTION) return notFound('Collection');
    const rows: Json[] = [];
    for (const pr of ds.products) {
      rows.push({ key: pr.ean13, value: pr.sku, upserted_at: iso(Date.UTC(2024, 0, 1)) });
      if (pr.upcA) rows.push({ key: pr.upcA, value: pr.sku, upserted_at: iso(Date.UTC(2024, 0, 1)) });
    }
    for (const [key, v] of mapKeys) {
      const k = rows.findIndex((x) => x.key === key);
      if (k >= 0) rows[k] = { key, ...v };
      else rows.push({ key, ...v });
    }
    const { offset, size } = paging(ctx);
    return paged(ctx, rows.slice(offset, offset + size), rows.length);
  });
  r.put('/cat/maps/collections/:id/keys', (ctx) => {
    if (ctx.params.id !== COLLECTION) return notFound('Collection');
    const p = parse(ctx, MapKeys);
    if (!p.ok) return p.reply;
    mapLastUpsert = nowIso();
    for (const k of p.value) mapKeys.set(k.key, { value: k.value, upserted_at: mapLastUpsert });
    return { status: 204 };
  });
  r.post('/cat/maps/collections/:id/search', (ctx) => {
    if (ctx.params.id !== COLLECTION) return notFound('Collection');
    const p = parse(ctx, z.union([z.array(z.string()), z.object({ keys: z.array(z.string()) })]));
    if (!p.ok) return p.reply;
    const keys = Array.isArray(p.value) ? p.value : p.value.keys;
    const hits: Record<string, string> = {};
    const misses: string[] = [];
    for (const k of keys) {
      const v = mapGet(k);
      if (v) hits[k] = v;
      else {
        misses.push(k);
        mapMisses.set(k, { count: (mapMisses.get(k)?.count ?? 0) + 1, last_miss_at: nowIso() });
      }
    }
    return json(200, { hits, misses });
  });
  r.get('/cat/maps/collections/:id/misses', (ctx) => {
    if (ctx.params.id !== COLLECTION) return notFound('Collection');
    const rows = [...mapMisses].map(([key, m]) => ({ key, ...m }));
    const { offset, size } = paging(ctx);
    return paged(ctx, rows.slice(offset, offset + size), rows.length);
  });
}
