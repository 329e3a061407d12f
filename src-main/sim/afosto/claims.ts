/** WMS claims (stock reservations): list, create, get, items, cancel, extend and confirm. */
import { z } from 'zod';
import { iso, uuidFor } from '../generator/index';
import { json } from '../http';
import { notFound, pagedNoCount, paging, parse } from './protocol';
import { ClaimCreate } from './schemas';
import type { AfostoSim } from './sim';

export function registerClaims(sim: AfostoSim): void {
  const { r, state, ds, seed, nowIso, claims, claimItemsOverlay } = sim;
  r.get('/wms/claims', (ctx) => {
    const { offset, size } = paging(ctx);
    return pagedNoCount(ctx, claims.list(offset, size));
  });
  r.post('/wms/claims', (ctx) => {
    const p = parse(ctx, ClaimCreate);
    if (!p.ok) return p.reply;
    const now = nowIso();
    const c = claims.create((i) => ({ id: uuidFor(seed, 'claim', i), location_id: p.value.location_id, target: null, reference: p.value.reference ?? null, expires_at: p.value.expires_at ?? iso(state.now() + 7 * 86400_000), created_at: now, updated_at: now }));
    claimItemsOverlay.set(c.id, []);
    return json(200, c);
  });
  r.get('/wms/claims/:id', (ctx) => {
    const c = claims.get(ctx.params.id as string);
    return c ? json(200, c) : notFound('Claim');
  });
  r.get('/wms/claims/:id/items', (ctx) => {
    const id = ctx.params.id as string;
    const i = claims.indexOf(id);
    if (i === null) return notFound('Claim');
    const all = claimItemsOverlay.get(id) ?? (i < ds.counts.orders ? ds.afosto.claimItems(i) : []);
    const { offset, size } = paging(ctx);
    return json(200, all.slice(offset, offset + size), { 'x-page': String(paging(ctx).page), 'x-count': String(all.length) });
  });
  r.post('/wms/claims/:id/cancel', (ctx) => (claims.update(ctx.params.id as string, (c) => void Object.assign(c, { expires_at: nowIso(), updated_at: nowIso(), is_cancelled: true })) ? { status: 204 } : notFound('Claim')));
  r.put('/wms/claims/:id/extend', (ctx) => {
    const p = parse(ctx, z.object({ expires_at: z.string() }));
    if (!p.ok) return p.reply;
    const c = claims.update(ctx.params.id as string, (x) => void Object.assign(x, { expires_at: p.value.expires_at, updated_at: nowIso() }));
    return c ? json(200, c) : notFound('Claim');
  });
  r.put('/wms/claims/:id/confirm', (ctx) => {
    const p = parse(ctx, z.object({ target_id: z.string() }));
    if (!p.ok) return p.reply;
    const c = claims.update(ctx.params.id as string, (x) => void Object.assign(x, { target: p.value.target_id, expires_at: null, updated_at: nowIso() }));
    return c ? json(200, c) : notFound('Claim');
  });
}
