// The Afosto client against the simulator over real HTTP: auth and its single refresh, each
// call's parsed result, paging exactly as the reference documents it, and Afosto's error style.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AfostoClient, afostoConfigSchema, type AfostoConfig } from '../../../../src-main/core/connectors/afosto/client';
import { RemoteError } from '../../../../src-main/core/connectors/shared/errors';
import type { RunningSim } from '../../../../src-main/sim/server';
import { addFault, afostoToken, call, withSim, type Json } from '../../../sim/helpers';

let sim: RunningSim;
let cfg: AfostoConfig;
beforeAll(async () => {
  sim = await withSim({ taskDelayMs: 30 });
  cfg = { baseUrl: sim.urls.afosto, clientId: sim.credentials.afosto.client_id, clientSecret: sim.credentials.afosto.client_secret };
});
afterAll(() => sim.close());
beforeEach(async () => {
  await call(`${sim.urls.control}/faults`, { method: 'DELETE' });
  await call(`${sim.urls.control}/requests`, { method: 'DELETE' });
});

const client = (c: AfostoConfig = cfg, o: ConstructorParameters<typeof AfostoClient>[1] = {}) => new AfostoClient(c, { taskPollMs: 20, ...o });
const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as RemoteError);
async function requests(path?: string): Promise<Json[]> {
  const r = await call(`${sim.urls.control}/requests?system=afosto&limit=1000`);
  return (r.json as Json[]).filter((x) => path === undefined || x.path === path);
}

describe('afosto auth', () => {
  it('the config takes client credentials or a pasted token', () => {
    expect(afostoConfigSchema.safeParse(cfg).success).toBe(true);
    expect(afostoConfigSchema.safeParse({ baseUrl: cfg.baseUrl, accessToken: 'x' }).success).toBe(true);
    expect(afostoConfigSchema.safeParse({ baseUrl: cfg.baseUrl }).success).toBe(false);
  });

  it('a burst of calls gets one token; after the tokens expire early, a burst of 401s renews once', async () => {
    const c = client();
    await Promise.all(Array.from({ length: 8 }, () => c.hubs()));
    expect(await requests('/iam/oauth/authorize')).toHaveLength(1);
    await call(`${sim.urls.control}/tokens/expire?system=afosto`, { method: 'POST' });
    const results = await Promise.all(Array.from({ length: 8 }, () => c.hubs()));
    expect(results.every((h) => h.length > 0)).toBe(true);
    expect(await requests('/iam/oauth/authorize')).toHaveLength(2);
    expect(await requests('/iam/jwt/extend')).toHaveLength(0);
  });

  it('a token_expiry fault mid-burst also costs exactly one token request', async () => {
    const c = client();
    await c.connect();
    await addFault(sim, { system: 'afosto', route: '/spl/hubs', kind: 'token_expiry' });
    await Promise.all(Array.from({ length: 6 }, () => c.hubs()));
    expect(await requests('/iam/oauth/authorize')).toHaveLength(2);
  });

  it('extends a live token with iam/jwt/extend shortly before it expires', async () => {
    let skew = 0;
    const c = client(cfg, { now: () => Date.now() + skew });
    await c.connect();
    skew = 3600_000 - 30_000; // inside the renewal margin, still valid for the remote
    await c.hubs();
    expect(await requests('/iam/jwt/extend')).toHaveLength(1);
    expect(await requests('/iam/oauth/authorize')).toHaveLength(1);
  });

  it('a burst inside the renewal margin extends once and asks for no new token', async () => {
    let skew = 0;
    const c = client(cfg, { now: () => Date.now() + skew });
    await c.connect();
    skew = 3600_000 - 30_000;
    const res = await Promise.all(Array.from({ length: 6 }, () => c.hubs()));
    expect(res.every((h) => h.length > 0)).toBe(true);
    expect(await requests('/iam/jwt/extend')).toHaveLength(1);
    expect(await requests('/iam/oauth/authorize')).toHaveLength(1);
  });

  it('a short-lived token (small --token-ttl) is extended at half its life, not on every call', async () => {
    await call(`${sim.urls.control}/config`, { method: 'PUT', json: { tokenTtlSeconds: 20 } });
    try {
      let skew = 0;
      const c = client(cfg, { now: () => Date.now() + skew });
      await c.connect();
      await c.hubs();
      await c.hubs();
      expect(await requests('/iam/jwt/extend')).toHaveLength(0);
      skew = 11_000;
      await c.hubs();
      await c.hubs();
      expect(await requests('/iam/jwt/extend')).toHaveLength(1);
      expect(await requests('/iam/oauth/authorize')).toHaveLength(1);
    } finally {
      await call(`${sim.urls.control}/config`, { method: 'PUT', json: { tokenTtlSeconds: 3600 } });
    }
  });

  it('a pasted access token works until refused; then `auth`, not retried', async () => {
    const c = client({ baseUrl: cfg.baseUrl, accessToken: await afostoToken(sim) });
    expect((await c.hubs()).length).toBeGreaterThan(0);
    await call(`${sim.urls.control}/tokens/expire?system=afosto`, { method: 'POST' });
    const err = await caught(c.hubs());
    expect(err).toMatchObject({ kind: 'auth', retryable: false });
  });

  it('wrong client credentials are `auth` with the remote message', async () => {
    const err = await caught(client({ ...cfg, clientSecret: 'nope' } as AfostoConfig).connect());
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ kind: 'auth', status: 401, remote: 'afosto' });
    expect(err?.remoteMessage).toBeTruthy();
  });
});

describe('afosto paging', () => {
  it('odr/orders (only x-page documented) is paged to a short page, then stops', async () => {
    const c = client();
    const all = await c.all((o) => c.orders(o), { pageSize: 40 });
    expect(all).toHaveLength(300);
    expect(new Set(all.map((o) => o.id)).size).toBe(300);
    expect(await requests('/odr/orders')).toHaveLength(8); // 7 full pages and a short one
  });

  it('odr/orders: when the last page is full, one empty page ends it', async () => {
    const c = client();
    expect(await c.all((o) => c.orders(o), { pageSize: 50 })).toHaveLength(300);
    expect(await requests('/odr/orders')).toHaveLength(7);
  });

  it('counted lists (x-count) stop at the count without asking for an empty page', async () => {
    const c = client();
    const first = await c.shipments({ pageSize: 50 });
    expect(first.total).toBe(300);
    expect(await c.all((o) => c.shipments(o), { pageSize: 50 })).toHaveLength(300);
    expect(await requests('/lcs/shipments')).toHaveLength(1 + 6);
    const parcels = await c.all((o) => c.parcels(o), { pageSize: 100 });
    expect(parcels).toHaveLength(192);
    expect(await requests('/lcs/parcels')).toHaveLength(2);
  });

  it('rel/contacts and wms/claims (only x-page documented) are paged to a short page', async () => {
    const c = client();
    const contacts = await c.all((o) => c.contacts(o), { pageSize: 300 });
    expect(contacts).toHaveLength(800);
    expect(contacts[0]).toMatchObject({ id: expect.any(String) });
    expect(await requests('/rel/contacts')).toHaveLength(3);
    const claims = await c.all((o) => c.claims(o), { pageSize: 100 });
    expect(claims).toHaveLength(300);
    expect(await requests('/wms/claims')).toHaveLength(4); // three full pages, then an empty one
  });

  it('positions (only x-page documented) are paged to a short page', async () => {
    const c = client();
    const loc = (await c.locations()).items[0];
    const all = await c.all((o) => c.positions(loc?.id as string, o), { pageSize: 100 });
    expect(all.length).toBeGreaterThan(0);
    expect(all[0]).toMatchObject({ code: expect.any(String) });
    expect(await requests(`/lcs/locations/${loc?.id}/positions`)).toHaveLength(Math.floor(all.length / 100) + 1);
    const skus = await c.locationSkus(loc?.id as string);
    expect(skus[0]).toMatchObject({ sku: expect.any(String) });
  });
});

describe('afosto reads', () => {
  it('orders with their item lines; an order by number', async () => {
    const c = client();
    const p = await c.ordersWithItems({ pageSize: 5 });
    expect(p.items).toHaveLength(5);
    expect(p.next).toBe(2);
    const withLines = p.items.filter((o) => o.lines.length > 0);
    expect(withLines.length).toBeGreaterThan(0);
    const line = withLines[0]?.lines[0];
    expect(line?.ids.length).toBe(line?.quantity);
    expect(await c.orderByNumber(p.items[0]?.number as string)).toMatchObject({ id: p.items[0]?.id });
  });

  it('pick lists with units, and a list in walk order', async () => {
    const c = client();
    const lists = await c.all((o) => c.pickLists(o), { pageSize: 100 });
    expect(lists).toHaveLength(58);
    expect(lists[0]?.items[0]).toMatchObject({ id: expect.any(String), sku: expect.any(String) });
    const detail = await c.pickList(lists[0]?.id as string);
    expect(detail.items.length).toBeGreaterThan(0);
    const ranks = detail.items.map((i) => i.rank ?? 0);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    const found = await c.searchPickLists({ ids: [detail.id] });
    expect(found.items.map((l) => l.id)).toEqual([detail.id]);
  });

  it('shipments with units', async () => {
    const c = client();
    const p = await c.shipmentsWithUnits({ pageSize: 4 });
    expect(p.items).toHaveLength(4);
    for (const s of p.items) expect(s.items.length).toBeGreaterThan(0);
  });

  it('barcodes: the EAN map pages and resolves the seed example', async () => {
    const c = client();
    expect((await c.all((o) => c.mapCollections(o))).map((m) => m.id)).toContain('barcodes');
    const keys = await c.all((o) => c.barcodes('barcodes', o), { pageSize: 500 });
    expect(keys.find((k) => k.key === '978020137962')?.value).toBe('234.SKE-4255.ABC');
    const r = await c.resolveBarcodes('barcodes', ['978020137962', '000']);
    expect(r.hits).toEqual({ '978020137962': '234.SKE-4255.ABC' });
    expect(r.misses).toEqual(['000']);
  });

  it('printers, hubs and hub status', async () => {
    const c = client();
    const hubs = await c.hubs();
    expect(hubs.length).toBeGreaterThan(0);
    const printers = await c.printers(hubs[0]?.id);
    expect(printers.every((p) => p.hub_id === hubs[0]?.id)).toBe(true);
    expect(await c.hubStatus(hubs[0]?.id as string)).toMatchObject({ is_online: expect.any(Boolean) });
  });
});

describe('afosto pushes', () => {
  it('pick-list item progress shows in the list', async () => {
    const c = client();
    const lists = await c.all((o) => c.pickLists(o), { pageSize: 100 });
    const open = lists.find((l) => !l.is_finished && l.items.some((u) => !u.is_handled));
    const unit = open?.items.find((u) => !u.is_handled);
    await c.updatePickItems(open?.id as string, [{ id: unit?.id as string, is_handled: true }]);
    await c.updatePickItems(open?.id as string, [{ id: unit?.id as string, is_handled: true }]); // resend is harmless
    const detail = await c.pickList(open?.id as string);
    expect(detail.items.flatMap((i) => i.handled_ids ?? [])).toContain(unit?.id);
  });

  it('shipment missing, backorders and overage', async () => {
    const c = client();
    const s = (await c.shipmentsWithUnits({ pageSize: 1, page: 3 })).items[0];
    const unit = s?.items[0];
    await c.setMissing(s?.id as string, [{ id: unit?.id as string, is_missing: true }]);
    expect((await c.shipment(s?.id as string)).items.find((u) => u.id === unit?.id)?.is_missing).toBe(true);
    const back = await c.setBackorders(s?.id as string, [{ sku: unit?.sku as string, quantity: 1, description: 'short' }]);
    expect(back.backorders).toEqual([expect.objectContaining({ sku: unit?.sku, quantity: 1 })]);
    const over = await c.setOverage(s?.id as string, [{ sku: 'EXTRA-1', quantity: 2 }]);
    expect(over.overage).toEqual([expect.objectContaining({ sku: 'EXTRA-1', quantity: 2 })]);
  });

  it('parcel create, add units, weight, label and slip files, transit, finished', async () => {
    const c = client();
    const ships = await c.all((o) => c.shipments(o), { pageSize: 100 });
    let target: Awaited<ReturnType<typeof c.shipment>> | undefined;
    for (const s of ships.slice(40)) {
      const full = await c.shipment(s.id);
      if (!full.is_canceled && full.items.filter((u) => !u.is_boxed && !u.is_missing).length >= 2) {
        target = full;
        break;
      }
    }
    const free = (target?.items ?? []).filter((u) => !u.is_boxed && !u.is_missing);
    const parcel = await c.createParcel({ shipment_id: target?.id as string, weight: 500, length: 30, width: 20, height: 10, item_ids: [free[0]?.id as string] });
    expect(parcel).toMatchObject({ id: expect.any(String), shipment_id: target?.id });
    expect(await c.addParcelItems(parcel.id, [free[1]?.id as string])).toMatchObject({ success: 1 });
    await c.updateParcel(parcel.id, { weight: 850 });
    const re = await c.parcel(parcel.id);
    expect(re.weight).toBe(850);
    expect(re.items?.map((i) => i.id).sort()).toEqual([free[0]?.id, free[1]?.id].sort());

    const label = await c.labelFile(parcel.id);
    expect(Buffer.from(label.bytes).toString('latin1')).toMatch(/^\^XA/);
    expect((await c.parcel(parcel.id)).tracking_code).toBeTruthy();
    const slip = await c.slipFile(parcel.id);
    expect(Buffer.from(slip.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');

    await c.parcelTransit(parcel.id);
    await c.parcelFinished(parcel.id);
    expect(await c.parcel(parcel.id)).toMatchObject({ is_in_transit: true, is_finished: true });
  });

  it('a parcel create whose reply was lost is found again through its shipment, not created twice', async () => {
    const c = client();
    const ships = await c.all((o) => c.shipments(o), { pageSize: 100 });
    let target: Awaited<ReturnType<typeof c.shipment>> | undefined;
    for (const s of ships.slice(120)) {
      const full = await c.shipment(s.id);
      if (!full.is_canceled && full.items.some((u) => !u.is_boxed && !u.is_missing)) {
        target = full;
        break;
      }
    }
    const unit = target?.items.find((u) => !u.is_boxed && !u.is_missing);
    expect(await c.findParcel(target?.id as string, [unit?.id as string])).toBeUndefined();
    const createdBefore = ((await call(`${sim.urls.control}/state/afosto`)).json.parcels.created as unknown[]).length;
    await addFault(sim, { system: 'afosto', route: '/lcs/parcels', method: 'POST', kind: 'lost_reply' });
    const err = await caught(c.createParcel({ shipment_id: target?.id as string, item_ids: [unit?.id as string] }));
    expect(err).toMatchObject({ kind: 'network', retryable: true });
    const found = await c.findParcel(target?.id as string, [unit?.id as string]);
    expect(found?.items?.map((i) => i.id)).toContain(unit?.id);
    const state = await call(`${sim.urls.control}/state/afosto`);
    expect(state.json.parcels.created).toHaveLength(createdBefore + 1);
  });

  it('a print job whose reply was lost is found again by its reference', async () => {
    const c = client();
    const hubs = await c.hubs();
    const hub = hubs.find((h) => h.id) as { id: string };
    const reference = `dockside-test-${Date.now()}`;
    await addFault(sim, { system: 'afosto', route: '/spl/queue', method: 'POST', kind: 'lost_reply' });
    expect(await caught(c.queuePrintJob({ job: '^XA^XZ', tag: 'label', reference, hub_id: hub.id }))).toMatchObject({ kind: 'network' });
    const found = await c.findPrintJob(reference, { tag: 'label' });
    expect(found).toMatchObject({ reference, hub_id: hub.id });
    expect(await c.printJob(found?.id as string)).toMatchObject({ id: found?.id, reference });
    expect(await c.findPrintJob('never-sent', { tag: 'label' })).toBeUndefined();
  });
});

describe('afosto errors', () => {
  it('a validation error is `validation` with the remote message and field errors', async () => {
    const c = client();
    const err = await caught(c.createParcel({} as never));
    expect(err).toMatchObject({ kind: 'validation', status: 400, retryable: false });
    expect(err?.remoteMessage).toMatch(/shipment_id/);
    expect(err?.details).toMatchObject({ required: expect.arrayContaining(['shipment_id']) });
  });

  it('429 keeps Retry-After; 5xx is `server`; a malformed body is `bad_response`; unknown id is `not_found`', async () => {
    const c = client();
    await c.connect();
    await addFault(sim, { system: 'afosto', route: '/spl/hubs', kind: 'error', status: 429, retryAfter: 4 });
    expect(await caught(c.hubs())).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 4000, retryable: true });
    await addFault(sim, { system: 'afosto', route: '/spl/hubs', kind: 'error', status: 503, retryAfter: 2 });
    expect(await caught(c.hubs())).toMatchObject({ kind: 'server', retryAfterMs: 2000 });
    await addFault(sim, { system: 'afosto', route: '/spl/hubs', kind: 'error', status: 500 });
    expect(await caught(c.hubs())).toMatchObject({ kind: 'server', retryable: true });
    await addFault(sim, { system: 'afosto', route: '/spl/hubs', kind: 'malformed' });
    expect(await caught(c.hubs())).toMatchObject({ kind: 'bad_response' });
    await addFault(sim, { system: 'afosto', route: '/spl/hubs', kind: 'reset' });
    expect(await caught(c.hubs())).toMatchObject({ kind: 'network' });
    const nf = await caught(c.parcel('no-such-parcel'));
    expect(nf).toMatchObject({ kind: 'not_found', status: 404 });
    expect(nf?.remoteMessage).toBeTruthy();
  });
});
