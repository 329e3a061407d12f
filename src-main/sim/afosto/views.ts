/** Views computed on read (so cross-links between shipments, units, parcels and lists stay consistent) and unit updates. */
import { afosto as A, indexFromUuid, searchSorted } from '../generator/index';
import type { Json } from '../http';
import type { AfostoStore } from './store';

export function createViews(sim: AfostoStore) {
  const { ds, seed, nowIso, shipments, parcels, parcelPresent, parcelsByShipment } = sim;
  const shipmentIndexFromUnit = (unitId: string): number | null => {
    const u = indexFromUuid(seed, 'shipmentItem', unitId);
    return u === null ? null : Math.floor(u / A.UNITS_PER_ORDER);
  };
  const liveParcelsOf = (shipmentId: string): Json[] => {
    const out: Json[] = [];
    const i = indexFromUuid(seed, 'shipment', shipmentId);
    if (i !== null && i < ds.counts.orders) {
      const j = searchSorted(parcelPresent, i);
      if (j >= 0) {
        const p = parcels.getAt(j);
        if (p) out.push(p);
      }
    }
    for (const j of parcelsByShipment.get(shipmentId) ?? []) {
      const p = parcels.getAt(j);
      if (p) out.push(p);
    }
    return out;
  };
  const shipmentView = (s: Json): Json => {
    const ps = liveParcelsOf(s.id);
    const units: Json[] = s.items ?? [];
    const all = (f: string): boolean => units.length > 0 && units.every((u) => u[f] || u.is_missing);
    return {
      ...s,
      is_handled: all('is_handled'),
      is_boxed: all('is_boxed'),
      is_listed: all('is_listed'),
      is_labeled: ps.length > 0 && ps.every((p) => p.label && p.label.file_id !== undefined && p.label.reference),
      is_in_transit: ps.length > 0 && ps.every((p) => p.is_in_transit),
      is_finished: s.is_finished || (ps.length > 0 && ps.every((p) => p.is_finished)),
      is_complete: units.length > 0 && units.every((u) => u.is_boxed && !u.is_missing),
      is_overcomplete: (s.overage ?? []).length > 0,
      parcels: ps,
    };
  };
  const listedShipment = (s: Json): Json => A.listedShipment(shipmentView(s));
  const listView = (l: Json, detailed: boolean): Json => {
    const ships = (l.shipments as string[]).map((id) => shipments.get(id)).filter((s): s is Json => !!s);
    const labels = new Map<string, string>((l.sorting_labels ?? []).map((x: Json) => [x.shipment_id, x.label]));
    if (detailed) return { ...l, items: A.listGroupedItems(ships, labels) };
    // GET /lcs/lists: items are the shipment units themselves
    const { sorting_labels: _s, ...rest } = l;
    return { ...rest, items: ships.flatMap((s) => (s.is_canceled ? [] : s.items)) };
  };
  const updateUnits = (unitIds: string[], fn: (u: Json) => void): { success: number; failed: number } => {
    const byShipment = new Map<number, string[]>();
    let failed = 0;
    for (const id of unitIds) {
      const i = shipmentIndexFromUnit(id);
      if (i === null) {
        failed++;
        continue;
      }
      byShipment.set(i, [...(byShipment.get(i) ?? []), id]);
    }
    let success = 0;
    for (const [i, ids] of byShipment) {
      const s = shipments.getAt(i);
      if (!s) {
        failed += ids.length;
        continue;
      }
      for (const id of ids) {
        const u = (s.items as Json[]).find((x) => x.id === id);
        if (!u) failed++;
        else {
          fn(u);
          success++;
        }
      }
      s.updated_at = nowIso();
      shipments.putAt(i, s);
    }
    return { success, failed };
  };
  const findUnit = (id: string): Json | undefined => {
    const i = shipmentIndexFromUnit(id);
    if (i === null) return undefined;
    return (shipments.getAt(i)?.items as Json[] | undefined)?.find((u) => u.id === id);
  };
  const location = (id: string): Json | undefined => ds.afosto.locations.slice(0, 100).find((l: Json) => l.id === id);
  return { shipmentIndexFromUnit, liveParcelsOf, shipmentView, listedShipment, listView, updateUnits, findUnit, location };
}

export type AfostoViews = ReturnType<typeof createViews>;
