/** Handling (pick) lists: list, create from shipments, search, get, delete, unit updates and list state. */
import { afosto as A, uuidFor } from '../generator/index';
import { json, type Json } from '../http';
import { boolMatch, constraintsOf, CREATED, err, notFound, paged, paging, parse } from './protocol';
import { ListCreate, ListItemUpdate, ListState, SearchBody } from './schemas';
import type { AfostoSim } from './sim';

export function registerPickLists(sim: AfostoSim): void {
  const { r, ds, seed, nowIso, lists, listPresent, shipments, listView, shipmentIndexFromUnit, updateUnits } = sim;
  let listCounter = ds.counts.orders;
  r.get('/lcs/lists', (ctx) => {
    const { offset, size } = paging(ctx);
    return paged(ctx, lists.list(offset, size).map((l) => listView(l, false)), lists.size);
  });
  r.post('/lcs/lists', (ctx) => {
    const p = parse(ctx, ListCreate);
    if (!p.ok) return p.reply;
    const invalid: string[] = [];
    const ships: Json[] = [];
    p.value.shipments.forEach((s, k) => {
      const sh = shipments.get(s.id);
      if (!sh || sh.is_canceled || sh.list_id) invalid.push(`shipments.${k}.id`);
      else ships.push(sh);
    });
    if (invalid.length) return err(400, 'Shipment unknown, cancelled or already listed', { invalid });
    const now = nowIso();
    const labels = p.value.shipments.map((s, k) => ({ shipment_id: s.id, label: s.label ?? `T${k + 1}` }));
    const l = lists.create((j) => ({
      id: uuidFor(seed, 'list', CREATED + j),
      number: `L-${String(++listCounter + 1).padStart(6, '0')}`,
      sub: null,
      location_id: uuidFor(seed, 'location', 0),
      shipments: ships.map((s) => s.id),
      is_outbound: true,
      is_in_progress: false,
      is_on_hold: false,
      is_cancelled: false,
      is_finished: false,
      started_at: null,
      finished_at: null,
      due_at: p.value.due_at ?? null,
      items: [],
      sorting_labels: labels,
      created_at: now,
      updated_at: now,
    }));
    for (const s of ships) {
      shipments.update(s.id, (x) => {
        x.list_id = l.id;
        for (const u of x.items) u.is_listed = true;
      });
    }
    const { number: _n, items: _i, sorting_labels: _sl, is_cancelled: _c, ...resp } = l;
    return json(200, { ...resp, is_assigned: !!l.sub });
  });
  r.post('/lcs/lists/search', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map, bad } = constraintsOf(p.value);
    const allowed = ['ids', 'sub', 'location_id', 'is_on_hold', 'is_in_progress', 'is_finished', 'is_assigned'];
    const unknown = [...map.keys()].filter((k) => !allowed.includes(k));
    if (bad.length || unknown.length) return err(400, 'Unsupported constraint', { invalid: [...bad, ...unknown] });
    const { offset, size } = paging(ctx);
    const match = (h: Json): boolean =>
      (!map.get('ids')?.length || map.get('ids')!.includes(h.id)) &&
      (!map.get('sub')?.length || map.get('sub')!.includes(h.sub)) &&
      (!map.get('location_id')?.length || map.get('location_id')!.includes(h.location_id)) &&
      boolMatch(map.get('is_on_hold'), !!h.is_on_hold) &&
      boolMatch(map.get('is_in_progress'), !!h.is_in_progress) &&
      boolMatch(map.get('is_finished'), !!h.is_finished) &&
      boolMatch(map.get('is_assigned'), !!h.sub);
    const hits: number[] = [];
    const ids = map.get('ids');
    if (ids?.length) {
      for (const id of ids) {
        const j = lists.indexOf(id);
        if (j !== null && match(lists.getAt(j))) hits.push(j);
      }
    } else {
      const touched = new Map<number, Json>([...lists.touched()]);
      const deleted = new Set(lists.changes().deleted);
      for (let j = 0; j < lists.nextIndex; j++) {
        const h = touched.get(j) ?? (j < listPresent.length ? A.afostoListHeader(seed, listPresent[j] as number) : null);
        if (!h || deleted.has(h.id)) continue;
        if (match(h)) hits.push(j);
      }
    }
    return paged(ctx, hits.slice(offset, offset + size).map((j) => listView(lists.getAt(j), true)), hits.length);
  });
  r.get('/lcs/lists/:id', (ctx) => {
    const l = lists.get(ctx.params.id as string);
    return l ? json(200, listView(l, true)) : notFound('Handling list');
  });
  r.delete('/lcs/lists/:id', (ctx) => {
    const l = lists.get(ctx.params.id as string);
    if (!l) return notFound('Handling list');
    lists.remove(l.id);
    for (const sid of l.shipments) shipments.update(sid, (x) => void (x.list_id = null));
    return { status: 204 };
  });
  r.put('/lcs/lists/:id/items', (ctx) => {
    const id = ctx.params.id as string;
    const l = lists.get(id);
    if (!l) return notFound('Handling list');
    const p = parse(ctx, ListItemUpdate);
    if (!p.ok) return p.reply;
    const invalid = p.value.map((u, k) => (l.shipments.includes(shipments.getAt(shipmentIndexFromUnit(u.id) ?? -1)?.id) ? null : `${k}.id`)).filter(Boolean) as string[];
    if (invalid.length) return err(400, 'Item is not on this handling list', { invalid });
    let success = 0;
    for (const u of p.value) {
      success += updateUnits([u.id], (x) => {
        if (u.is_handled !== undefined) x.is_handled = u.is_handled;
        if (u.is_serviced !== undefined) x.is_serviced = u.is_serviced;
        if (u.is_finished !== undefined) x.is_finished = u.is_finished;
        if (u.position !== undefined) x.position = u.position;
        if (u.lot_number !== undefined) x.lot_number = u.lot_number;
        if (u.expires_at !== undefined) x.expires_at = u.expires_at;
      }).success;
    }
    lists.update(id, (x) => {
      const ships = (x.shipments as string[]).map((sid) => shipments.get(sid)).filter(Boolean) as Json[];
      const units = ships.filter((s) => !s.is_canceled).flatMap((s) => s.items as Json[]);
      const anyHandled = units.some((u) => u.is_handled);
      const allHandled = units.length > 0 && units.every((u) => u.is_handled || u.is_missing);
      if (anyHandled && !x.started_at) x.started_at = nowIso();
      x.is_in_progress = anyHandled && !allHandled;
      x.is_finished = allHandled;
      x.finished_at = allHandled ? (x.finished_at ?? nowIso()) : null;
      x.updated_at = nowIso();
    });
    // documented as 204 with a body {"success": n}; a 204 carries no body on the wire
    void success;
    return { status: 204 };
  });
  r.put('/lcs/lists/:id/state', (ctx) => {
    const p = parse(ctx, ListState);
    if (!p.ok) return p.reply;
    const l = lists.update(ctx.params.id as string, (x) => {
      if (p.value.is_on_hold !== undefined) x.is_on_hold = p.value.is_on_hold;
      if (p.value.sub !== undefined) x.sub = p.value.sub || null;
      x.updated_at = nowIso();
    });
    return l ? { status: 204 } : notFound('Handling list');
  });
}
