/**
 * The Afosto simulator's state: overlay collections on top of the demo dataset (so reads stay lazy
 * and only changes are stored) plus the small in-memory tables (hubs, printers, jobs, files, stock, barcode map).
 */
import { indexFromUuid, iso, OverlayCollection, searchSorted, type Kind } from '../generator/index';
import type { Json } from '../http';
import { TokenStore, type SimState } from '../state';
import type { StoredFile } from './files';
import { CREATED } from './protocol';

export function createAfostoStore(state: SimState) {
  const ds = state.ds;
  const seed = state.seed;
  const tokens = new TokenStore(() => state.now());
  const nowIso = (): string => iso(state.now());

  const uuidIndex = (kind: Kind) => (id: string) => indexFromUuid(seed, kind, id);
  const orders = new OverlayCollection<Json>({ baseCount: ds.counts.orders, gen: (i) => ds.afosto.orders.get(i), indexOf: uuidIndex('order') });
  const orderItemsOverlay = new Map<string, Json[]>();
  const shipments = new OverlayCollection<Json>({ baseCount: ds.counts.orders, gen: (i) => ds.afosto.shipments.get(i), indexOf: uuidIndex('shipment') });
  const parcelPresent = ds.afosto.parcelOrderIndexes();
  const parcels = new OverlayCollection<Json>({
    baseCount: parcelPresent.length,
    gen: (j) => ds.afosto.parcel(parcelPresent[j] as number),
    indexOf: (id) => {
      const i = indexFromUuid(seed, 'parcel', id);
      if (i === null) return null;
      if (i >= CREATED) return i - CREATED;
      const j = searchSorted(parcelPresent, i);
      return j < 0 ? null : j;
    },
  });
  const parcelsByShipment = new Map<string, Set<number>>(); // created parcels (positions)
  const listPresent = ds.afosto.listBlockIndexes();
  const lists = new OverlayCollection<Json>({
    baseCount: listPresent.length,
    gen: (j) => ds.afosto.list(listPresent[j] as number),
    indexOf: (id) => {
      const i = indexFromUuid(seed, 'list', id);
      if (i === null) return null;
      if (i >= CREATED) return i - CREATED;
      const j = searchSorted(listPresent, i);
      return j < 0 ? null : j;
    },
  });
  const claims = new OverlayCollection<Json>({ baseCount: ds.counts.orders, gen: (i) => ds.afosto.claims.get(i), indexOf: uuidIndex('claim') });
  const claimItemsOverlay = new Map<string, Json[]>();
  const contacts = new OverlayCollection<Json>({ baseCount: ds.counts.persons, gen: (i) => ds.afosto.contacts.get(i), indexOf: uuidIndex('contact') });
  const contactEmails = new Map<string, number>();
  const organisations = new OverlayCollection<Json>({ baseCount: ds.counts.companies, gen: (i) => ds.afosto.organisations.get(i), indexOf: uuidIndex('organisation') });
  const createdPhones = new Map<string, Json>();
  const createdAddresses = new Map<string, Json>();
  const hubs = new Map<string, Json>(ds.afosto.hubs.slice(0, 100).map((h: Json) => [h.id, h]));
  const printers = new Map<string, Json>(ds.afosto.printers.slice(0, 100).map((p: Json) => [p.id, p]));
  const jobs = new Map<string, Json>(ds.afosto.jobs.slice(0, 1000).map((j: Json) => [j.id, j]));
  const jobDue = new Map<string, number>();
  const files = new Map<string, StoredFile>();
  const stockOverlay = new Map<string, Json>();
  // the seed's example mapping (POST /cat/maps/collections/{id}/search → hits 978020137962)
  const mapKeys = new Map<string, { value: string; upserted_at: string }>([['978020137962', { value: '234.SKE-4255.ABC', upserted_at: iso(Date.UTC(2024, 0, 1)) }]]);
  const mapMisses = new Map<string, { count: number; last_miss_at: string }>();
  const idempotency = new Map<string, string>();
  return {
    state, ds, seed, tokens, nowIso, orders, orderItemsOverlay, shipments, parcelPresent, parcels,
    parcelsByShipment, listPresent, lists, claims, claimItemsOverlay, contacts, contactEmails, organisations,
    createdPhones, createdAddresses, hubs, printers, jobs, jobDue, files, stockOverlay, mapKeys, mapMisses,
    idempotency,
  };
}

export type AfostoStore = ReturnType<typeof createAfostoStore>;
