/** Locations (with their SKUs and positions) and shipping methods. */
import { iso } from '../generator/index';
import { json, type Ctx, type Json } from '../http';
import { notFound, paged, paging, truthy } from './protocol';
import type { AfostoSim } from './sim';

export function registerLocations(sim: AfostoSim): void {
  const { r, ds, location } = sim;
  r.get('/lcs/locations', (ctx) => {
    const all = ds.afosto.locations.slice(0, 100).filter((l: Json) => (ctx.query.get('is_disabled') === null ? true : truthy(ctx.query.get('is_disabled')) === l.is_disabled) && (!ctx.query.get('address_id') || l.address_id === ctx.query.get('address_id')));
    const { offset, size } = paging(ctx);
    return paged(ctx, all.slice(offset, offset + size), all.length);
  });
  r.get('/lcs/locations/:id', (ctx) => {
    const l = location(ctx.params.id as string);
    return l ? json(200, l) : notFound('Location');
  });
  const skuRows = (): Json[] => ds.products.slice(0, ds.counts.products).map((p) => ({ sku: p.sku, position: p.position, created_at: iso(Date.UTC(2024, 0, 1)) }));
  r.get('/lcs/locations/:id/skus', (ctx) => (location(ctx.params.id as string) ? json(200, skuRows()) : notFound('Location')));
  r.get('/lcs/locations/:id/positions', (ctx) => {
    if (!location(ctx.params.id as string)) return notFound('Location');
    const byPos = new Map<string, Json[]>();
    for (const s of skuRows()) byPos.set(s.position, [...(byPos.get(s.position) ?? []), s]);
    const all = [...byPos.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, skus], k) => ({ code, sorting: k + 1, skus, created_at: iso(Date.UTC(2024, 0, 1)) }));
    const { offset, size } = paging(ctx);
    return paged(ctx, all.slice(offset, offset + size), all.length);
  });
  r.get('/lcs/locations/:id/positions/:code', (ctx) => {
    if (!location(ctx.params.id as string)) return notFound('Location');
    const skus = skuRows().filter((s) => s.position === ctx.params.code);
    return skus.length ? json(200, { code: ctx.params.code, sorting: 0, skus, created_at: iso(Date.UTC(2024, 0, 1)) }) : notFound('Position');
  });
  const methodsFor = (ctx: Ctx): Json[] => {
    const cc = ctx.query.get('country_code');
    return ds.afosto.methods.slice(0, 100).filter((m: Json) => !cc || m.countries.some((c: Json) => c.code === cc.toUpperCase()));
  };
  r.get('/lcs/methods', (ctx) => json(200, methodsFor(ctx)));
  r.get('/lcs/methods/:id', (ctx) => {
    const m = ds.afosto.methods.slice(0, 100).find((x: Json) => x.id === ctx.params.id);
    return m ? json(200, m) : notFound('Method');
  });
}
