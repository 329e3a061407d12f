/** Shipments (lcs): list, create, get, update, cancel, positions, invoice, item corrections, missing units, search. */
import { randomUUID } from 'node:crypto';
import { afosto as A, uuidFor } from '../generator/index';
import { json, type Json } from '../http';
import { boolMatch, constraintsOf, err, notFound, paged, paging, parse } from './protocol';
import { Correction, Missing, SearchBody, ShipmentCreate, ShipmentUpdate } from './schemas';
import type { AfostoSim } from './sim';

export function registerShipments(sim: AfostoSim): void {
  const { r, ds, seed, nowIso, shipments, shipmentView, listedShipment } = sim;
  let shipmentCounter = ds.counts.orders;
  r.get('/lcs/shipments', (ctx) => {
    const { offset, size } = paging(ctx);
    return paged(ctx, shipments.list(offset, size).map(listedShipment), shipments.size);
  });
  r.post('/lcs/shipments', (ctx) => {
    const p = parse(ctx, ShipmentCreate);
    if (!p.ok) return p.reply;
    const b = p.value;
    if (b.items.some((it) => it.quantity > A.UNITS_PER_LINE) || b.items.length > A.LINES_PER_ORDER) return err(400, `At most ${A.LINES_PER_ORDER} lines of ${A.UNITS_PER_LINE} units per shipment in the simulator`, { invalid: ['items'] });
    const now = nowIso();
    const s = shipments.create((i) => {
      const items: Json[] = [];
      b.items.forEach((it, li) => {
        for (let u = 0; u < it.quantity; u++) {
          items.push({
            id: uuidFor(seed, 'shipmentItem', A.unitIndex(i, li, u)),
            reference: it.reference ?? null,
            sku: it.sku,
            position: it.position ?? ds.productBySku(it.sku)?.position ?? null,
            order_item_id: it.references?.[u]?.order_item_id ?? null,
            claim_item_id: it.references?.[u]?.claim_item_id ?? null,
            description: it.description ?? ds.productBySku(it.sku)?.name ?? '',
            is_listed: false,
            is_handled: false,
            is_boxed: false,
            is_in_transit: false,
            is_finished: false,
            is_missing: false,
            hs_code: it.hs_code ?? null,
            service: it.service ?? [],
          });
        }
      });
      return {
        id: uuidFor(seed, 'shipment', i),
        number: `SHP-${String(++shipmentCounter).padStart(7, '0')}`,
        type: b.type ?? 'delivery',
        method_id: b.method_id ?? null,
        contact_id: b.contact_id ?? null,
        channel_id: b.channel_id ?? null,
        order_id: b.order_id ?? null,
        addressing: b.addressing,
        ship_at: b.ship_at ?? null,
        estimated_ship_at: b.estimated_ship_at ?? null,
        expected_at: b.expected_at ?? null,
        stack_id: null,
        is_editable: true,
        is_outbound: b.is_outbound ?? true,
        is_canceled: false,
        is_finished: false,
        items,
        backorders: b.backorders ?? [],
        overage: b.overage ?? [],
        parcels: [],
        secret: randomUUID().slice(0, 8),
        prior_shipments: b.prior_shipments ?? [],
        list_id: null,
        created_at: now,
        updated_at: now,
      };
    });
    return json(200, shipmentView(s));
  });
  r.get('/lcs/shipments/:id', (ctx) => {
    const s = shipments.get(ctx.params.id as string);
    return s ? json(200, shipmentView(s)) : notFound('Shipment');
  });
  r.put('/lcs/shipments/:id', (ctx) => {
    const p = parse(ctx, ShipmentUpdate);
    if (!p.ok) return p.reply;
    const cur = shipments.get(ctx.params.id as string);
    if (!cur) return notFound('Shipment');
    if (!cur.is_editable) return err(400, 'Shipment is not editable', { invalid: Object.keys(p.value) });
    const s = shipments.update(cur.id, (x) => {
      const b = p.value;
      if (b.type) x.type = b.type;
      if (b.method_id) x.method_id = b.method_id;
      if (b.addressing?.to) x.addressing.to = b.addressing.to;
      if (b.addressing?.from) x.addressing.from = b.addressing.from;
      if (b.prior_shipments) x.prior_shipments = b.prior_shipments;
      if (b.expected_at) x.expected_at = b.expected_at;
      if (b.ship_at) x.ship_at = b.ship_at;
      x.updated_at = nowIso();
    });
    return json(200, shipmentView(s));
  });
  r.delete('/lcs/shipments/:id', (ctx) => (shipments.update(ctx.params.id as string, (x) => void Object.assign(x, { is_canceled: true, is_editable: false, updated_at: nowIso() })) ? { status: 204 } : notFound('Shipment')));
  r.put('/lcs/shipments/:id/positions', (ctx) =>
    shipments.update(ctx.params.id as string, (x) => {
      for (const u of x.items) u.position = ds.productBySku(u.sku)?.position ?? u.position;
    })
      ? { status: 204 }
      : notFound('Shipment'),
  );
  r.post('/lcs/shipments/:id/invoice', (ctx) => (shipments.has(ctx.params.id as string) ? { status: 204 } : notFound('Shipment')));
  for (const kind of ['backorders', 'overage'] as const) {
    r.put(`/lcs/shipments/:id/items/${kind}`, (ctx) => {
      const p = parse(ctx, Correction);
      if (!p.ok) return p.reply;
      const s = shipments.update(ctx.params.id as string, (x) => {
        x[kind] = p.value.map((c) => ({ sku: c.sku, quantity: c.quantity, description: c.description ?? ds.productBySku(c.sku)?.name ?? '', position: c.position ?? ds.productBySku(c.sku)?.position ?? '' }));
        x.updated_at = nowIso();
      });
      return s ? json(200, shipmentView(s)) : notFound('Shipment');
    });
  }
  r.put('/lcs/shipments/:id/items/missing', (ctx) => {
    const p = parse(ctx, Missing);
    if (!p.ok) return p.reply;
    const s = shipments.get(ctx.params.id as string);
    if (!s) return notFound('Shipment');
    const invalid = p.value.map((m, k) => ((s.items as Json[]).some((u) => u.id === m.id) ? null : `${k}.id`)).filter(Boolean) as string[];
    if (invalid.length) return err(400, 'Item not in shipment', { invalid });
    shipments.update(s.id, (x) => {
      for (const m of p.value) {
        const u = (x.items as Json[]).find((y) => y.id === m.id);
        if (u) u.is_missing = m.is_missing;
      }
      x.updated_at = nowIso();
    });
    return { status: 204 };
  });
  r.post('/lcs/search/shipments', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map, bad } = constraintsOf(p.value);
    const allowed = ['ids', 'secret', 'is_outbound', 'from_id', 'from_type', 'to_id', 'to_type', 'prior_ids'];
    const unknown = [...map.keys()].filter((k) => !allowed.includes(k));
    if (bad.length || unknown.length) return err(400, 'Unsupported constraint', { invalid: [...bad, ...unknown] });
    const match = (s: Json): boolean =>
      (!map.get('ids')?.length || map.get('ids')!.includes(s.id)) &&
      (!map.get('secret')?.length || map.get('secret')!.includes(s.secret)) &&
      boolMatch(map.get('is_outbound'), !!s.is_outbound) &&
      (!map.get('from_id')?.length || map.get('from_id')!.includes(s.addressing?.from?.entity_id)) &&
      (!map.get('from_type')?.length || map.get('from_type')!.includes(s.addressing?.from?.entity_type)) &&
      (!map.get('to_id')?.length || map.get('to_id')!.includes(s.addressing?.to?.entity_id)) &&
      (!map.get('to_type')?.length || map.get('to_type')!.includes(s.addressing?.to?.entity_type)) &&
      (!map.get('prior_ids')?.length || (s.prior_shipments ?? []).some((x: string) => map.get('prior_ids')!.includes(x)));
    const hits: Json[] = [];
    const ids = map.get('ids');
    if (ids?.length) for (const id of ids) {
      const s = shipments.get(id);
      if (s && match(s)) hits.push(s);
    }
    else for (const s of shipments.values()) if (match(s)) hits.push(s);
    const { offset, size } = paging(ctx);
    return paged(ctx, hits.slice(offset, offset + size).map(listedShipment), hits.length);
  });
}
