import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidGtin } from '../../src-main/sim/generator/index';
import { afostoToken, call, sleep, withSim, type Json } from './helpers';
import type { RunningSim } from '../../src-main/sim/server';

let sim: RunningSim;
let A: string;
let H: Record<string, string>;

beforeAll(async () => {
  sim = await withSim({ taskDelayMs: 50 });
  A = sim.urls.afosto;
  H = { Authorization: `Bearer ${await afostoToken(sim)}` };
});
afterAll(() => sim.close());

const get = (path: string, headers: Record<string, string> = {}) => call(`${A}${path}`, { headers: { ...H, ...headers } });
const send = (method: string, path: string, json?: unknown, headers: Record<string, string> = {}) => call(`${A}${path}`, { method, headers: { ...H, ...headers }, json });

function expectAfostoError(body: Json, code: number): void {
  expect(body).toMatchObject({ code, message: expect.any(String), reference: expect.any(String), errors: { 'invalid value': expect.any(Array), required: expect.any(Array) } });
}

async function waitTask(id: string): Promise<Json> {
  for (let i = 0; i < 100; i++) {
    const t = await get(`/mes/tasks/${id}`);
    if (t.json.completed_at) return t.json;
    await sleep(20);
  }
  throw new Error(`task ${id} did not complete`);
}

describe('Afosto auth', () => {
  it('issues a JWT bearer token (IamAccessToken)', async () => {
    const r = await call(`${A}/iam/oauth/authorize`, { method: 'POST', json: { client_id: 'dockside-station-1', client_secret: 'afosto-demo-secret-c0ffee', grant_type: 'client_credentials', scope: 'lcs:handling:read' } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600, access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), refresh_token: expect.any(String) });
    const payload = JSON.parse(Buffer.from(r.json.access_token.split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({ sub: 'packer-anna', scope: 'lcs:handling:read' });
    const ext = await call(`${A}/iam/jwt/extend`, { headers: { Authorization: `Bearer ${r.json.access_token}` } });
    expect(ext.json.token_type).toBe('Bearer');
  });
  it('answers bad credentials, missing and expired tokens in Afosto error style', async () => {
    const bad = await call(`${A}/iam/oauth/authorize`, { method: 'POST', json: { client_id: 'x', client_secret: 'y', grant_type: 'client_credentials' } });
    expect(bad.status).toBe(401);
    expectAfostoError(bad.json, 401);
    const missing = await call(`${A}/lcs/lists`);
    expect(missing.status).toBe(401);
    expectAfostoError(missing.json, 401);
    const tok = await afostoToken(sim);
    sim.state.clockOffsetMs += 3601_000;
    try {
      const r = await call(`${A}/lcs/lists`, { headers: { Authorization: `Bearer ${tok}` } });
      expect(r.status).toBe(401);
      expect(r.json.message).toMatch(/expired/);
    } finally {
      sim.state.clockOffsetMs -= 3601_000;
    }
  });
  it('validation errors list required and invalid properties', async () => {
    const r = await send('POST', '/lcs/parcels', { weight: 'heavy' });
    expect(r.status).toBe(400);
    expectAfostoError(r.json, 400);
    expect(r.json.errors.required).toContain('shipment_id');
    expect(r.json.errors['invalid value']).toContain('weight');
  });
});

describe('Afosto orders', () => {
  it('pages orders with x-page / x-page-size to the first short page (no x-count: the document promises only x-page)', async () => {
    const first = await get('/odr/orders', { 'x-page': '1', 'x-page-size': '100' });
    expect(first.headers.get('x-count')).toBeNull();
    expect(first.headers.get('x-page')).toBe('1');
    const total = sim.state.ds.counts.orders;
    const ids = new Set<string>();
    for (let page = 1; ; page++) {
      const r = await get('/odr/orders', { 'x-page': String(page), 'x-page-size': '100' });
      for (const o of r.json) ids.add(o.id);
      if (r.json.length < 100) break;
    }
    expect(ids.size).toBe(total);
    const o = first.json[0];
    for (const k of ['id', 'number', 'state', 'settings', 'processing', 'channel_id', 'tags']) expect(o).toHaveProperty(k);
    expect(o.state).toHaveProperty('progress');
  });
  it('finds an order by number and lists its items', async () => {
    const r = await get('/odr/orders?number=ODR-10000005');
    expect(r.json).toHaveLength(1);
    const items = await get(`/odr/orders/${r.json[0].id}/items`);
    expect(items.json.length).toBeGreaterThan(0);
    expect(items.json[0]).toMatchObject({ sku: expect.any(String), quantity: expect.any(Number), ids: expect.any(Array), references: { orders: expect.any(Array) } });
    const search = await send('POST', '/odr/search/orders', { constraints: [{ key: 'ids', operator: 'in', values: [r.json[0].id] }] });
    expect(search.json[0].number).toBe('ODR-10000005');
    expect(search.headers.get('x-count')).toBe('1');
  });
  it('creates an order (idempotency key) that later reads show', async () => {
    const body = { processing: { confirm: 'manual' }, tags: ['phone-order'], type: 'order' };
    const a = await send('POST', '/odr/orders', body, { 'x-idempotency-key': 'k-1' });
    const b = await send('POST', '/odr/orders', body, { 'x-idempotency-key': 'k-1' });
    expect(a.status).toBe(200);
    expect(b.json.id).toBe(a.json.id);
    expect((await get(`/odr/orders/${a.json.id}`)).json.tags).toEqual(['phone-order']);
    expect((await get(`/odr/orders?number=${a.json.number}`)).json[0].id).toBe(a.json.id);
  });
});

describe('Afosto pick lists, shipments, parcels, labels', () => {
  it('lists handling lists and searches by sub; detail has ranked grouped items', async () => {
    const l = await get('/lcs/lists', { 'x-page-size': '5' });
    expect(l.status).toBe(200);
    expect(Number(l.headers.get('x-count'))).toBeGreaterThan(5);
    expect(l.json[0].items[0]).toHaveProperty('order_item_id');
    const s = await send('POST', '/lcs/lists/search', { constraints: [{ key: 'is_finished', operator: 'in', values: ['0'] }] });
    expect(s.json.length).toBeGreaterThan(0);
    for (const x of s.json) expect(x.is_finished).toBe(false);
    const d = await get(`/lcs/lists/${s.json[0].id}`);
    const ranks = d.json.items.map((i: Json) => i.rank);
    expect(ranks).toEqual([...ranks].sort((a: number, b: number) => a - b));
    expect(d.json.items[0]).toMatchObject({ ids: expect.any(Array), handled_ids: expect.any(Array), sku: expect.any(String), position: expect.stringMatching(/^[A-Z]-\d\d-\d\d$/), sorting_label: expect.any(String) });
    expect(d.json.sorting_labels.length).toBe(d.json.shipments.length);
  });

  it('runs a full pick → pack → label → slip flow and later reads show it', async () => {
    // find unlisted (new) shipments
    const unlisted: Json[] = [];
    for (let page = 1; unlisted.length < 2; page++) {
      const r = await get('/lcs/shipments', { 'x-page': String(page), 'x-page-size': '50' });
      expect(r.json.length).toBeGreaterThan(0);
      for (const s of r.json) if (!s.list_id && !s.is_canceled) unlisted.push(s);
    }
    const created = await send('POST', '/lcs/lists', { shipments: [{ id: unlisted[0].id, label: 'A' }, { id: unlisted[1].id, label: 'B' }], due_at: '2025-02-01T12:00:00Z' });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ shipments: [unlisted[0].id, unlisted[1].id], is_assigned: false, is_finished: false });
    const listId = created.json.id;
    expect((await send('PUT', `/lcs/lists/${listId}/state`, { sub: 'packer-anna', is_on_hold: false })).status).toBe(204);
    const list = (await get(`/lcs/lists/${listId}`)).json;
    expect(list.sub).toBe('packer-anna');
    const unitIds: string[] = list.items.flatMap((i: Json) => i.ids);
    const r = await send('PUT', `/lcs/lists/${listId}/items`, unitIds.map((id) => ({ id, is_handled: true })));
    expect(r.status).toBe(204);
    const after = (await get(`/lcs/lists/${listId}`)).json;
    expect(after.items.every((i: Json) => i.handled_ids.length === i.ids.length)).toBe(true);
    expect(after.is_finished).toBe(true);

    const shipment = (await get(`/lcs/shipments/${unlisted[0].id}`)).json;
    expect(shipment.list_id).toBe(listId);
    expect(shipment.is_handled).toBe(true);
    const parcel = await send('POST', '/lcs/parcels', { shipment_id: shipment.id, weight: 850, length: 30, width: 20, height: 15, item_ids: shipment.items.map((u: Json) => u.id) });
    expect(parcel.status).toBe(200);
    expect(parcel.json).toMatchObject({ shipment_id: shipment.id, weight: 850, count: shipment.items.length });
    const pid = parcel.json.id;
    expect((await get(`/lcs/shipments/${shipment.id}`)).json).toMatchObject({ is_boxed: true, parcels: [expect.objectContaining({ id: pid })] });

    const lab = await send('POST', `/lcs/parcels/${pid}/label`);
    expect(lab.status).toBe(204);
    const taskId = lab.headers.get('x-task-id') as string;
    expect(taskId).toBeTruthy();
    const task = await waitTask(taskId);
    expect(task).toMatchObject({ id: taskId, progress: 100, result: expect.any(String) });
    const p2 = (await get(`/lcs/parcels/${pid}`)).json;
    expect(p2.label.file_id).toBe(task.result);
    expect(p2.tracking_code).not.toBe('');
    const files = (await get(`/cnt/files/${p2.label.file_id}`)).json;
    expect(files[0]).toMatchObject({ id: p2.label.file_id, mime: 'application/zpl', url: expect.stringContaining('/afosto/cdn/files/') });
    const zpl = await call(files[0].url);
    expect(zpl.status).toBe(200);
    expect(zpl.text.startsWith('^XA')).toBe(true);
    expect(zpl.text.trim().endsWith('^XZ')).toBe(true);
    expect(zpl.text).toContain(p2.tracking_code);

    const slip = await send('POST', `/lcs/parcels/${pid}/slip`);
    const st = await waitTask(slip.headers.get('x-task-id') as string);
    const sf = (await get(`/cnt/files/${st.result}`)).json[0];
    expect(sf.mime).toBe('application/pdf');
    const pdf = await fetch(sf.url).then((x) => x.arrayBuffer());
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(`/lcs/parcels/${pid}`)).json.file_id).toBe(st.result);

    expect((await send('PUT', `/lcs/parcels/${pid}/transit`)).status).toBe(204);
    const sh3 = (await get(`/lcs/shipments/${shipment.id}`)).json;
    expect(sh3.is_in_transit).toBe(true);
    expect(sh3.is_labeled).toBe(true);

    const snap = (await call(`${sim.urls.control}/state/afosto`)).json;
    expect(snap.parcels.created.map((x: Json) => x.id)).toContain(pid);
    expect(snap.lists.created.map((x: Json) => x.id)).toContain(listId);
  });

  it('PDF labels when configured', async () => {
    await call(`${sim.urls.control}/config`, { method: 'PUT', json: { afostoLabelFormat: 'pdf' } });
    try {
      const parcels = (await get('/lcs/parcels', { 'x-page-size': '1' })).json;
      const lab = await send('POST', `/lcs/parcels/${parcels[0].id}/label`);
      const t = await waitTask(lab.headers.get('x-task-id') as string);
      const f = (await get(`/cnt/files/${t.result}`)).json[0];
      expect(f.mime).toBe('application/pdf');
    } finally {
      await call(`${sim.urls.control}/config`, { method: 'PUT', json: { afostoLabelFormat: 'zpl' } });
    }
  });

  it('shipment corrections: missing, backorders, overage', async () => {
    const s = (await get('/lcs/shipments', { 'x-page-size': '1' })).json[0];
    const full = (await get(`/lcs/shipments/${s.id}`)).json;
    expect((await send('PUT', `/lcs/shipments/${s.id}/items/missing`, [{ id: full.items[0].id, is_missing: true }])).status).toBe(204);
    expect((await get(`/lcs/shipments/${s.id}`)).json.items[0].is_missing).toBe(true);
    const bo = await send('PUT', `/lcs/shipments/${s.id}/items/backorders`, [{ sku: full.items[0].sku, quantity: 1 }]);
    expect(bo.json.backorders[0]).toMatchObject({ sku: full.items[0].sku, quantity: 1, position: expect.any(String) });
  });

  it('pages parcels to the end', async () => {
    const first = await get('/lcs/parcels', { 'x-page-size': '40' });
    const total = Number(first.headers.get('x-count'));
    let n = 0;
    for (let page = 1; ; page++) {
      const r = await get('/lcs/parcels', { 'x-page': String(page), 'x-page-size': '40' });
      n += r.json.length;
      if (r.json.length < 40) break;
    }
    expect(n).toBe(total);
  });
});

describe('Afosto printing, stock, claims, catalogue, contacts', () => {
  it('print hubs, printers and the queue', async () => {
    const hubs = (await get('/spl/hubs')).json;
    expect(hubs[0]).toMatchObject({ id: expect.any(String), uuid: expect.any(String), status: 'online' });
    expect((await get(`/spl/hubs/${hubs[0].id}/status`)).json).toMatchObject({ is_online: true, image: { version: expect.any(String) } });
    const printers = (await get(`/spl/printers?hub_id=${hubs[0].id}`)).json;
    expect(printers.some((p: Json) => p.default_encoding === 'zpl')).toBe(true);
    const job = await send('POST', '/spl/queue', { job: '^XA^FDhello^FS^XZ', tag: 'label', description: 'test', reference: 'ref-1', hub_id: hubs[0].id });
    expect(job.json.status).toBe('scheduled');
    expect((await get('/spl/queue?status=scheduled')).json.some((j: Json) => j.id === job.json.id)).toBe(true);
    await sleep(80);
    expect((await get(`/spl/queue/${job.json.id}`)).json.status).toBe('printed');
    const put = await send('PUT', '/spl/queue/ref-1', { status: 'failed' });
    expect(put.status).toBe(201);
    expect(put.json).toEqual({ reference: 'ref-1', status: 'failed' });
    expect((await send('POST', '/spl/queue', { job: 'x', hub_id: 'nope' })).status).toBe(404);
  });
  it('spooler cursor paging via x-page token', async () => {
    const a = await get('/spl/queue?status=printed', { 'x-page-size': '5' });
    expect(a.json).toHaveLength(5);
    const next = a.headers.get('x-page') as string;
    expect(next).toBeTruthy();
    const b = await get('/spl/queue?status=printed', { 'x-page-size': '5', 'x-page': next });
    expect(b.json[0].id).not.toBe(a.json[0].id);
  });
  it('stock summary search and absolute stock update', async () => {
    const p = sim.state.ds.products.get(3);
    const s = await send('POST', '/wms/inventory', { constraints: [{ key: 'sku', operator: 'in', values: [p.sku] }] });
    expect(s.json[0]).toMatchObject({ sku: p.sku, position: p.position, total: p.stock });
    const loc = (await get('/lcs/locations')).json[0].id;
    await send('PUT', '/wms/inventory', { location_id: loc, items: [{ sku: p.sku, quantity: 99 }] });
    expect((await send('POST', '/wms/inventory', { constraints: [{ key: 'sku', operator: 'in', values: [p.sku] }] })).json[0].total).toBe(99);
    const units = await get('/wms/inventory', { 'x-page-size': '10' });
    expect(units.json[0]).toMatchObject({ sku: expect.any(String), state: expect.any(String), position: expect.any(String) });
  });
  it('claims with items', async () => {
    const c = (await get('/wms/claims', { 'x-page-size': '1' })).json[0];
    expect((await get(`/wms/claims/${c.id}`)).json.id).toBe(c.id);
    expect((await get(`/wms/claims/${c.id}/items`)).json[0]).toMatchObject({ inventory_item_id: expect.any(String), position: expect.any(String) });
  });
  it('barcode map search answers the seed example', async () => {
    const r = await send('POST', '/cat/maps/collections/barcodes/search', ['978020137962', '978020137964']);
    expect(r.json).toEqual({ hits: { '978020137962': '234.SKE-4255.ABC' }, misses: ['978020137964'] });
    const p = sim.state.ds.products.get(7);
    expect(isValidGtin(p.ean13)).toBe(true);
    expect((await send('POST', '/cat/maps/collections/barcodes/search', [p.ean13])).json.hits[p.ean13]).toBe(p.sku);
  });
  it('contacts with phone numbers and organisations; search by email; upsert', async () => {
    const page = await get('/rel/contacts', { 'x-page-size': '20' });
    expect(page.headers.get('x-count')).toBeNull(); // the document promises only x-page
    expect(page.json).toHaveLength(20);
    const withOrg = page.json.find((c: Json) => c.organisations.primary);
    expect(withOrg.organisations.primary).toMatchObject({ name: expect.any(String), phone_numbers: { primary: { number: expect.stringMatching(/^\+\d+$/) } } });
    const c = page.json[1];
    expect(c.phone_numbers.primary).toMatchObject({ number: expect.stringMatching(/^\+\d{9,13}$/), national: expect.any(String), type: expect.stringMatching(/mobile|fixed_number/) });
    const ph = await get(`/rel/phonenumbers/${c.phone_numbers.primary.id}`);
    expect(ph.json.number).toBe(c.phone_numbers.primary.number);
    const s = await send('POST', '/rel/contacts', { constraints: [{ key: 'email', operator: 'in', value: [c.email] }] });
    expect(s.json[0].id).toBe(c.id);
    const np = await send('POST', '/rel/phonenumbers', { country_code: 'CZ', number: '601 123 456' });
    expect(np.json).toMatchObject({ number: '+420601123456', type: 'mobile' });
    const up = await send('PUT', '/rel/contacts', { email: 'nova.zakaznice@example.cz', given_name: 'Šárka', family_name: 'Nová', phone_numbers: { primary: np.json.id } });
    expect(up.json).toMatchObject({ email: 'nova.zakaznice@example.cz', given_name: 'Šárka', phone_numbers: { primary: { number: '+420601123456' } } });
    const again = await send('PUT', '/rel/contacts', { email: 'nova.zakaznice@example.cz', family_name: 'Nová-Králová' });
    expect(again.json.id).toBe(up.json.id);
    expect((await get(`/rel/contacts/${up.json.id}`)).json.family_name).toBe('Nová-Králová');
  });
});
