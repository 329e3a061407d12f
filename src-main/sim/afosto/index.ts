/**
 * Afosto API simulator (the parts Dockside uses) — seed 002 + digest afosto.md.
 * Auth: `POST /iam/oauth/authorize` → JWT bearer (`Authorization: Bearer`). Errors:
 * `{code, message, reference, errors: {"invalid value": [], "required": []}}`.
 * Paging: request headers `x-page` / `x-page-size` → response `x-page`, plus `x-count` except on the three lists whose
 * document promises only `x-page` (GET /odr/orders, /rel/contacts, /wms/claims).
 * Async work (labels, slips, allocate, fulfil, cancel) answers with `x-task-id`; poll `/mes/tasks/{id}`.
 */
import type { OverlayCollection } from '../generator/index';
import type { Ctx, Json } from '../http';
import type { SimState, SystemModule } from '../state';
import { AFOSTO_CREDENTIALS, bearer, registerAuth } from './auth';
import { registerCatalogue } from './catalogue';
import { registerClaims } from './claims';
import { registerFiles } from './files';
import { registerLabels } from './labels';
import { registerPickLists } from './lists';
import { registerLocations } from './locations';
import { registerOrders } from './orders';
import { registerParcels } from './parcels';
import { registerPrintHubs, tickJobs } from './printHubs';
import { err } from './protocol';
import { registerRelations } from './relations';
import { createAfostoSim } from './sim';
import { registerShipments } from './shipments';
import { registerStock } from './stock';
import { registerTasks } from './tasks';

export { AFOSTO_CREDENTIALS } from './auth';

export function createAfosto(state: SimState): SystemModule {
  const sim = createAfostoSim(state);
  // registration order is route precedence among equally specific patterns: keep it
  registerAuth(sim);
  registerOrders(sim);
  registerPickLists(sim);
  registerShipments(sim);
  registerParcels(sim);
  registerLabels(sim);
  registerTasks(sim);
  registerFiles(sim);
  registerLocations(sim);
  registerPrintHubs(sim);
  registerStock(sim);
  registerClaims(sim);
  registerCatalogue(sim);
  registerRelations(sim);

  const { r, ds, tokens, orders, shipments, parcels, lists, claims, contacts, printers, jobs, tasks, files, stockOverlay, mapKeys, createdPhones, createdAddresses } = sim;
  return {
    name: 'afosto',
    prefix: '/afosto',
    router: r,
    hasTokens: true,
    credentials: { client_id: AFOSTO_CREDENTIALS.client_id, client_secret: AFOSTO_CREDENTIALS.client_secret, grant_type: AFOSTO_CREDENTIALS.grant_type },
    authenticate(ctx: Ctx) {
      const t = bearer(ctx);
      if (!t) return err(401, 'Unauthorized: missing bearer token');
      const c = tokens.check(t);
      if (!c.ok) return err(401, c.reason === 'expired' ? 'Unauthorized: token expired' : 'Unauthorized: invalid token');
      ctx.principal = c.info.sub;
      return null;
    },
    errorReply: (status, message) => err(status, message),
    expireTokens() {
      tokens.expireAll();
    },
    tick(now: number) {
      tickJobs(sim, now);
      sim.runDueTasks(now);
    },
    snapshot() {
      const ch = (c: OverlayCollection<Json>): Json => {
        const x = c.changes();
        return { count: c.size, created: x.created, updated: x.updated, deleted: x.deleted };
      };
      return {
        orders: ch(orders),
        shipments: ch(shipments),
        parcels: ch(parcels),
        lists: ch(lists),
        claims: ch(claims),
        contacts: ch(contacts),
        printers: [...printers.values()],
        queue: [...jobs.values()].filter((j) => !ds.afosto.jobs.slice(0, 1000).some((b: Json) => b.id === j.id)),
        tasks: [...tasks.values()].map((t) => ({ id: t.id, name: t.name, completed: t.completedAt !== null, result: t.result })),
        files: [...files.values()].map((f) => f.meta),
        stock: Object.fromEntries(stockOverlay),
        barcodeMap: Object.fromEntries(mapKeys),
        phoneNumbers: [...createdPhones.values()],
        addresses: [...createdAddresses.values()],
      };
    },
  };
}
