import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afostoToken, basic, call, ucsToken, withSim } from './helpers';
import type { RunningSim } from '../../src-main/sim/server';

let sim: RunningSim;
let startMs = 0;

beforeAll(async () => {
  const t0 = performance.now();
  sim = await withSim({ scale: 'large' });
  startMs = performance.now() - t0;
});
afterAll(() => sim.close());

describe('large scale', () => {
  it('starts in well under 5 s', () => {
    expect(startMs).toBeLessThan(5000);
    expect(sim.state.ds.counts.orders).toBe(100_000);
    expect(sim.state.ds.counts.persons).toBe(500_000);
  });
  it('deep pages are cheap (UCS persons, Afosto orders/parcels, HOMS)', async () => {
    const H = { Authorization: `Bearer ${await ucsToken(sim)}` };
    let t = performance.now();
    const p = await call(`${sim.urls.ucs}/api/v1.0/crm/persons?limit=100&offset=499950`, { headers: H });
    expect(p.json.total).toBe(500_003); // + the seed's example persons 59233, 123456, 123457
    expect(p.json.data).toHaveLength(53); // the last 50 generated + the 3 seed persons
    expect(performance.now() - t).toBeLessThan(1000);
    const d = await call(`${sim.urls.ucs}/api/v1.0/crm/person/external/${p.json.data[10].external_id}`, { headers: H });
    expect(d.json.data.id).toBe(p.json.data[10].id);

    const A = { Authorization: `Bearer ${await afostoToken(sim)}` };
    t = performance.now();
    const o = await call(`${sim.urls.afosto}/odr/orders`, { headers: { ...A, 'x-page': '4000', 'x-page-size': '25' } });
    expect(o.json).toHaveLength(25);
    expect(o.headers.get('x-count')).toBeNull(); // GET /odr/orders documents only x-page
    expect(o.json[24].number).toBe('ODR-10100000');
    const pc = await call(`${sim.urls.afosto}/lcs/parcels`, { headers: { ...A, 'x-page': '1000', 'x-page-size': '25' } });
    expect(pc.json.length).toBeGreaterThan(0);
    const byNumber = await call(`${sim.urls.afosto}/odr/orders?number=ODR-10099999`, { headers: A });
    expect(byNumber.json[0].number).toBe('ODR-10099999');
    expect(performance.now() - t).toBeLessThan(2000);

    const h = await call(`${sim.urls.homs}/api/orders?page=2000&page_size=25`, { headers: { Authorization: basic(sim.credentials.homs.email, sim.credentials.homs.apiToken) } });
    expect(h.json.orders.at(-1).code).toBe('ORD-1');
  });
});
