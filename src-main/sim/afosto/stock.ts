/** WMS stock: stock rows per SKU (searchable, settable) and the inventory units behind them. */
import { afosto as A, indexFromUuid, uuidFor } from '../generator/index';
import { json, type Json } from '../http';
import { constraintsOf, err, notFound, paged, paging, parse } from './protocol';
import { SearchBody, StockPut } from './schemas';
import type { AfostoSim } from './sim';

export function registerStock(sim: AfostoSim): void {
  const { r, ds, seed, stockOverlay, location } = sim;
  const stockRow = (p: number): Json => {
    const base = ds.afosto.stock.get(p);
    return stockOverlay.get(base.sku) ?? base;
  };
  r.post('/wms/inventory', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map, bad } = constraintsOf(p.value);
    const allowed = ['sku', 'position', 'location_id', 'claim_id', 'is_managed', 'state', 'is_tracking_inventory'];
    const unknown = [...map.keys()].filter((k) => !allowed.includes(k));
    if (bad.length || unknown.length) return err(400, 'Unsupported constraint', { invalid: [...bad, ...unknown] });
    const skus = map.get('sku');
    let rows: Json[];
    if (skus?.length) rows = skus.map((s) => ds.productBySku(s)).filter(Boolean).map((pr) => stockRow(pr!.index));
    else rows = ds.products.slice(0, ds.counts.products).map((pr) => stockRow(pr.index));
    rows = rows.filter((row) => (!map.get('position')?.length || map.get('position')!.includes(row.position)) && (!map.get('location_id')?.length || map.get('location_id')!.includes(row.location_id)));
    const { offset, size } = paging(ctx);
    return paged(ctx, rows.slice(offset, offset + size), rows.length);
  });
  r.put('/wms/inventory', (ctx) => {
    const p = parse(ctx, StockPut);
    if (!p.ok) return p.reply;
    if (!location(p.value.location_id) && p.value.location_id !== uuidFor(seed, 'location', 0)) return err(400, 'Unknown location', { invalid: ['location_id'] });
    const invalid = p.value.items.map((it, k) => (ds.productBySku(it.sku) ? null : `items.${k}.sku`)).filter(Boolean) as string[];
    if (invalid.length) return err(400, 'Unknown sku', { invalid });
    const out = p.value.items.map((it) => {
      const pr = ds.productBySku(it.sku)!;
      const cur = stockRow(pr.index);
      const row = { ...cur, position: it.position ?? cur.position, lot_number: it.lot_number ?? cur.lot_number, expires_at: it.expires_at ?? cur.expires_at, total: it.quantity, available: Math.max(0, it.quantity - cur.reserved - cur.claimed) };
      stockOverlay.set(it.sku, row);
      return row;
    });
    return json(200, out);
  });
  const unitTotals = (): Int32Array => {
    const acc = new Int32Array(ds.counts.products + 1);
    for (let pidx = 0; pidx < ds.counts.products; pidx++) acc[pidx + 1] = (acc[pidx] as number) + stockRow(pidx).total;
    return acc;
  };
  r.get('/wms/inventory', (ctx) => {
    const acc = unitTotals();
    const total = acc[ds.counts.products] as number;
    const { offset, size } = paging(ctx);
    const out: Json[] = [];
    let pidx = 0;
    for (let k = offset; k < Math.min(total, offset + size); k++) {
      while ((acc[pidx + 1] as number) <= k) pidx++;
      const row = stockRow(pidx);
      out.push(A.afostoInventoryItem(seed, pidx, k - (acc[pidx] as number), row.reserved));
    }
    return json(200, out, { 'x-count': String(total), 'x-page': String(paging(ctx).page) });
  });
  r.get('/wms/inventory/:id', (ctx) => {
    const i = indexFromUuid(seed, 'inventory', ctx.params.id as string);
    if (i === null || i < 1_000_000_000) return notFound('Inventory item');
    const pidx = Math.floor((i - 1_000_000_000) / 64);
    const u = (i - 1_000_000_000) % 64;
    if (pidx >= ds.counts.products || u >= stockRow(pidx).total) return notFound('Inventory item');
    return json(200, A.afostoInventoryItem(seed, pidx, u, stockRow(pidx).reserved));
  });
}
