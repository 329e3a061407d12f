/** Parcels (lcs): list, search, create from shipment units, update, delete, add/remove items, transit and finished. */
import { uuidFor } from '../generator/index';
import { json, type Json } from '../http';
import { boolMatch, constraintsOf, CREATED, err, notFound, paged, paging, parse } from './protocol';
import { Ids, ParcelCreate, ParcelUpdate, SearchBody } from './schemas';
import type { AfostoSim } from './sim';

export function registerParcels(sim: AfostoSim): void {
  const { r, ds, seed, nowIso, parcels, parcelsByShipment, shipments, updateUnits, findUnit, shipmentIndexFromUnit } = sim;
  let parcelCounter = ds.counts.orders;
  r.get('/lcs/parcels', (ctx) => {
    const { offset, size } = paging(ctx);
    return paged(ctx, parcels.list(offset, size), parcels.size);
  });
  r.post('/lcs/search/parcels', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map, bad } = constraintsOf(p.value);
    const unknown = [...map.keys()].filter((k) => k !== 'ids' && k !== 'is_delivered');
    if (bad.length || unknown.length) return err(400, 'Unsupported constraint', { invalid: [...bad, ...unknown] });
    const hits: Json[] = [];
    const ids = map.get('ids');
    const ok = (x: Json): boolean => boolMatch(map.get('is_delivered'), !!x.is_delivered);
    if (ids?.length) for (const id of ids) {
      const x = parcels.get(id);
      if (x && ok(x)) hits.push(x);
    }
    else for (const x of parcels.values()) if (ok(x)) hits.push(x);
    const { offset, size } = paging(ctx);
    return paged(ctx, hits.slice(offset, offset + size), hits.length);
  });
  const parcelItem = (u: Json): Json => ({ id: u.id, sku: u.sku, quantity: 1, description: u.description });
  r.post('/lcs/parcels', (ctx) => {
    const p = parse(ctx, ParcelCreate);
    if (!p.ok) return p.reply;
    const b = p.value;
    const s = shipments.get(b.shipment_id);
    if (!s) return err(400, 'Unknown shipment', { invalid: ['shipment_id'] });
    if (s.is_canceled) return err(400, 'Shipment is cancelled', { invalid: ['shipment_id'] });
    const units: Json[] = [];
    const invalid: string[] = [];
    (b.item_ids ?? []).forEach((id, k) => {
      const u = (s.items as Json[]).find((x) => x.id === id);
      if (!u) invalid.push(`item_ids.${k}`);
      else units.push(u);
    });
    if (invalid.length) return err(400, 'Item not in shipment', { invalid });
    const now = nowIso();
    const parcel = parcels.create((j) => ({
      id: uuidFor(seed, 'parcel', CREATED + j),
      number: `PRC-${String(++parcelCounter).padStart(7, '0')}`,
      weight: b.weight ?? 0,
      length: b.length ?? 0,
      width: b.width ?? 0,
      height: b.height ?? 0,
      tracking_code: b.tracking_code ?? '',
      tracking_url: b.tracking_url ?? '',
      position: '',
      // no `label` until a label task writes one: the document types it as an object, so never null
      shipment_id: s.id,
      count: units.length,
      items: units.map(parcelItem),
      is_in_transit: false,
      is_delivered: false,
      is_outbound: s.is_outbound,
      is_finished: false,
      file_id: null,
      ship_at: s.ship_at ?? null,
      in_transit_at: null,
      finished_at: null,
      created_at: now,
      updated_at: now,
    }));
    const j = parcels.indexOf(parcel.id) as number;
    parcelsByShipment.set(s.id, new Set([...(parcelsByShipment.get(s.id) ?? []), j]));
    updateUnits(units.map((u) => u.id), (u) => void (u.is_boxed = true));
    return json(200, parcel);
  });
  r.get('/lcs/parcels/:id', (ctx) => {
    const x = parcels.get(ctx.params.id as string);
    return x ? json(200, x) : notFound('Parcel');
  });
  r.put('/lcs/parcels/:id', (ctx) => {
    const p = parse(ctx, ParcelUpdate);
    if (!p.ok) return p.reply;
    return parcels.update(ctx.params.id as string, (x) => void Object.assign(x, p.value, { updated_at: nowIso() })) ? { status: 204 } : notFound('Parcel');
  });
  r.delete('/lcs/parcels/:id', (ctx) => {
    const x = parcels.get(ctx.params.id as string);
    if (!x) return notFound('Parcel');
    parcels.remove(x.id);
    updateUnits(x.items.map((u: Json) => u.id), (u) => void (u.is_boxed = false));
    return { status: 204 };
  });
  r.post('/lcs/parcels/:id/items', (ctx) => {
    const p = parse(ctx, Ids);
    if (!p.ok) return p.reply;
    const x = parcels.get(ctx.params.id as string);
    if (!x) return notFound('Parcel');
    let success = 0;
    let failed = 0;
    parcels.update(x.id, (pc) => {
      for (const id of p.value.ids) {
        const u = findUnit(id);
        const s = u ? shipments.getAt(shipmentIndexFromUnit(id) as number) : undefined;
        if (!u || !s || s.id !== pc.shipment_id || pc.items.some((it: Json) => it.id === id)) {
          failed++;
          continue;
        }
        pc.items.push(parcelItem(u));
        success++;
      }
      pc.count = pc.items.length;
      pc.updated_at = nowIso();
    });
    updateUnits(p.value.ids.filter((id) => findUnit(id)), (u) => void (u.is_boxed = true));
    return json(200, { success, failed });
  });
  r.delete('/lcs/parcels/:id/items', (ctx) => {
    const p = parse(ctx, Ids);
    if (!p.ok) return p.reply;
    const x = parcels.get(ctx.params.id as string);
    if (!x) return notFound('Parcel');
    const present = new Set(x.items.map((it: Json) => it.id));
    const removing = p.value.ids.filter((id) => present.has(id));
    parcels.update(x.id, (pc) => {
      pc.items = pc.items.filter((it: Json) => !removing.includes(it.id));
      pc.count = pc.items.length;
      pc.updated_at = nowIso();
    });
    updateUnits(removing, (u) => void (u.is_boxed = false));
    return json(200, { success: removing.length, failed: p.value.ids.length - removing.length });
  });
  r.put('/lcs/parcels/:id/transit', (ctx) => {
    const x = parcels.update(ctx.params.id as string, (pc) => void Object.assign(pc, { is_in_transit: true, in_transit_at: pc.in_transit_at ?? nowIso(), updated_at: nowIso() }));
    if (!x) return notFound('Parcel');
    updateUnits(x.items.map((u: Json) => u.id), (u) => void (u.is_in_transit = true));
    return { status: 204 };
  });
  r.put('/lcs/parcels/:id/finished', (ctx) => {
    const x = parcels.update(ctx.params.id as string, (pc) => void Object.assign(pc, { is_finished: true, finished_at: pc.finished_at ?? nowIso(), updated_at: nowIso() }));
    if (!x) return notFound('Parcel');
    updateUnits(x.items.map((u: Json) => u.id), (u) => void (u.is_finished = true));
    return { status: 204 };
  });
}
