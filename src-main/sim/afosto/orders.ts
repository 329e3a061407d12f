/** Orders (odr): list/search, create (idempotent), update, items, tags, state changes, allocate/fulfil/cancel tasks. */
import { z } from 'zod';
import { orderIndexFromNumber, uuidFor } from '../generator/index';
import { header, json, type Ctx, type Json, type Reply } from '../http';
import { AFOSTO_CREDENTIALS } from './auth';
import { constraintsOf, err, notFound, paged, pagedNoCount, paging, parse } from './protocol';
import { OrderCreate, SearchBody } from './schemas';
import type { AfostoSim } from './sim';

export function registerOrders(sim: AfostoSim): void {
  const { r, ds, seed, nowIso, orders, orderItemsOverlay, shipments, idempotency, addTask } = sim;
  let orderCounter = ds.counts.orders;
  const orderByNumber = (n: string): Json | undefined => {
    const i = orderIndexFromNumber(n);
    if (i !== null) {
      const o = orders.getAt(i);
      if (o && o.number === n) return o;
    }
    for (const [, o] of orders.touched()) if (o.number === n) return o;
    return undefined;
  };
  r.get('/odr/orders', (ctx) => {
    const { offset, size } = paging(ctx);
    const number = ctx.query.get('number');
    if (number) {
      const o = orderByNumber(number);
      return pagedNoCount(ctx, o && offset === 0 ? [o] : []);
    }
    return pagedNoCount(ctx, orders.list(offset, size));
  });
  r.post('/odr/orders', (ctx) => {
    const key = header(ctx, 'x-idempotency-key');
    if (key && idempotency.has(key)) {
      const o = orders.get(idempotency.get(key) as string);
      if (o) return json(200, o);
    }
    const p = parse(ctx, OrderCreate);
    if (!p.ok) return p.reply;
    const b = p.value;
    const o = orders.create((i) => ({
      id: uuidFor(seed, 'order', i),
      number: `ODR-${10000000 + ++orderCounter}`,
      state: { is_locked: false, is_accepted: false, is_confirmed: false, is_finished: false, is_canceled: false, type: b.type ?? 'order', flow: [], progress: { allocation: 'pending', fulfilment: 'pending', billing: 'pending' } },
      settings: { contact: null, organisation: null, phone_number_id: null, coupons: [], due_at: null, return_url: '', billing: null, shipping: null, ...(b.settings ?? {}) },
      processing: { confirm: 'manual', allocation: 'manual', fulfilment: 'manual', capture: 'manual', ...(b.processing ?? {}) },
      acceptances: [],
      calculations: [],
      client_id: b.client_id ?? AFOSTO_CREDENTIALS.client_id,
      channel_id: b.channel_id ?? uuidFor(seed, 'channel', 0),
      tags: b.tags ?? [],
      stack_id: null,
      type: b.type ?? 'order',
      metadata: b.metadata ?? {},
      created_at: nowIso(),
      updated_at: nowIso(),
    }));
    orderItemsOverlay.set(o.id, []);
    if (key) idempotency.set(key, o.id);
    return json(200, o);
  });
  r.get('/odr/orders/:id', (ctx) => {
    const o = orders.get(ctx.params.id as string);
    return o ? json(200, o) : notFound('Order');
  });
  r.put('/odr/orders/:id', (ctx) => {
    const p = parse(ctx, OrderCreate);
    if (!p.ok) return p.reply;
    const o = orders.update(ctx.params.id as string, (x) => {
      if (p.value.settings) x.settings = { ...x.settings, ...p.value.settings };
      if (p.value.processing) x.processing = { ...x.processing, ...p.value.processing };
      if (p.value.tags) x.tags = p.value.tags;
      if (p.value.metadata) x.metadata = { ...(x.metadata ?? {}), ...p.value.metadata };
      x.updated_at = nowIso();
    });
    return o ? json(200, o) : notFound('Order');
  });
  r.get('/odr/orders/:id/items', (ctx) => {
    const id = ctx.params.id as string;
    const i = orders.indexOf(id);
    if (i === null) return notFound('Order');
    const all = orderItemsOverlay.get(id) ?? (i < ds.counts.orders ? ds.afosto.orderItems(i) : []);
    const { offset, size } = paging(ctx);
    return paged(ctx, all.slice(offset, offset + size), all.length);
  });
  r.post('/odr/search/orders', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map, bad } = constraintsOf(p.value);
    const unknown = [...map.keys()].filter((k) => k !== 'ids');
    if (bad.length || unknown.length) return err(400, 'Unsupported constraint', { invalid: [...bad, ...unknown] });
    const found = (map.get('ids') ?? []).map((id) => orders.get(id)).filter(Boolean) as Json[];
    const { offset, size } = paging(ctx);
    return paged(ctx, found.slice(offset, offset + size), found.length);
  });
  r.put('/odr/orders/:id/tags', (ctx) => {
    const p = parse(ctx, z.array(z.string()));
    if (!p.ok) return p.reply;
    return orders.update(ctx.params.id as string, (x) => void (x.tags = p.value)) ? { status: 204 } : notFound('Order');
  });
  const stateChange = (f: (s: Json) => void) => (ctx: Ctx) => (orders.update(ctx.params.id as string, (x) => void f(x.state)) ? ({ status: 204 } as Reply) : notFound('Order'));
  r.post('/odr/orders/:id/accept', stateChange((s) => (s.is_accepted = true)));
  r.post('/odr/orders/:id/confirm', stateChange((s) => (s.is_confirmed = true)));
  for (const op of ['allocate', 'fulfil'] as const) {
    r.post(`/odr/orders/:id/${op}`, (ctx) => {
      const id = ctx.params.id as string;
      if (!orders.has(id)) return notFound('Order');
      const t = addTask(`order.${op}`, `${op} order ${id}`, () => {
        orders.update(id, (x) => void (x.state.progress = { ...x.state.progress, [op === 'allocate' ? 'allocation' : 'fulfilment']: 'complete' }));
        return id;
      });
      return { status: 202, headers: { 'x-task-id': t.id } };
    });
  }
  r.post('/odr/orders/:id/cancel', (ctx) => {
    const id = ctx.params.id as string;
    const o = orders.get(id);
    if (!o) return notFound('Order');
    const shipped = o.state.is_finished;
    if (shipped && ctx.query.get('force') !== '1') return json(200, { is_accepted: false, warnings: ['Order has shipped parcels'] });
    const t = addTask('order.cancel', `cancel order ${id}`, () => {
      orders.update(id, (x) => void Object.assign(x.state, { is_canceled: true }));
      const i = orders.indexOf(id);
      if (i !== null && i < ds.counts.orders) shipments.update(uuidFor(seed, 'shipment', i), (s) => void (s.is_canceled = true));
      return id;
    });
    return json(200, { is_accepted: true, warnings: [] }, { 'x-task-id': t.id });
  });
}
