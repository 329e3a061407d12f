// HOMS push through a real Outbox against the simulator over real HTTP: order create and partial
// update land exactly once, under every fault the simulator injects; refusals park the op as dead
// with HOMS's message and converge once retried, edited or discarded. After each test the
// simulator's orders are compared with what was done locally.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHomsOrder, getHomsOrder, updateHomsOrder, type HomsClient } from '../../../../src-main/core/connectors/homs';
import { fieldsOfOrder, sameFields } from '../../../../src-main/core/connectors/homs/mappers';
import type { Db } from '../../../../src-main/core/db/database';
import { systemClock, type Clock } from '../../../../src-main/core/platform/ports';
import { addFault, sleep, type Json } from '../../../sim/helpers';
import { drain, homsClient, homsModule, homsOutbox, openTestDb, runPull, simOrders, TestClock, useHomsSim } from './helpers';

const bench = useHomsSim();
let n = 0;
const dbs: Db[] = [];
afterEach(() => {
  bench.sim.state.faults.clear();
  for (const db of dbs.splice(0)) db.close();
});

async function station(o: { client?: HomsClient | (() => HomsClient | undefined); clock?: Clock; settleMs?: number } = {}) {
  const db = await openTestDb(path.join(bench.dir, `s${++n}.sqlite`));
  dbs.push(db);
  const client = o.client ?? homsClient(bench.sim);
  const clock = o.clock ?? new TestClock();
  const mod = homsModule(db, client, clock, o.settleMs !== undefined ? { settleMs: o.settleMs } : {});
  const outbox = homsOutbox(db, mod, clock);
  // drain() moves a TestClock a minute per pass; the real clock it leaves alone.
  return { db, mod, outbox, clock: clock instanceof TestClock ? clock : undefined };
}

const createdWith = (ext: string) => ((bench.sim.state.systems.homs.snapshot() as Json).orders.created as Json[]).filter((o) => o.ext_code === ext);

/** Every local order is in HOMS once, with the fields it has here. */
async function expectConverged(db: Db, ids: string[]): Promise<void> {
  const remote = await simOrders(homsClient(bench.sim));
  for (const id of ids) {
    const local = getHomsOrder(db, id)!;
    expect(local.code, `order ${id} has no code`).toMatch(/^ORD-\d+$/);
    if (local.ref) {
      expect(remote.filter((o) => o.ext_code === local.ref)).toHaveLength(1);
      expect(createdWith(local.ref)).toHaveLength(1);
    }
    const o = remote.find((r) => r.code === local.code)!;
    expect(sameFields(local, fieldsOfOrder(o)), JSON.stringify({ local, remote: o })).toBe(true);
  }
}

const SEED_ORD1_DATA = {
  employeeFirstName: 'James',
  employeeLastName: 'Carter',
  employeeEmail: 'james@example.com',
  beginDate: '2016-07-15T14:45:03.000+00:00',
  endDate: '2016-07-16T14:49:42.000+00:00',
  motivationText: 'I had a lot of work last 7 years',
};

describe('HOMS push: the seed examples', () => {
  it("ORD-1's custom-field update and user_email update, as the seed sends them", async () => {
    const { db, mod, outbox } = await station();
    const client = homsClient(bench.sim);
    await runPull(db, mod, client);
    const ord1 = (db.prepare(`SELECT id FROM homs_orders WHERE code = 'ORD-1'`).get() as { id: string }).id;
    // The seed's "Update custom fields" body: all nine fields, last name changed, three null.
    const local = updateHomsOrder(outbox, db, ord1, { data: { set: { ...SEED_ORD1_DATA, employeeLastName: 'Prinston' }, clear: ['resolution', 'resolutionText', 'adjustResult'] } });
    expect(local.data).toMatchObject({ employeeLastName: 'Prinston', resolution: null });
    updateHomsOrder(outbox, db, ord1, { set: { user_email: 'c.johnson@example.com' } });
    await drain(outbox);
    expect(outbox.counts()).toMatchObject({ done: 2, dead: 0 });
    const remote = await client.getOrder('ORD-1');
    expect(remote).toMatchObject({ code: 'ORD-1', order_type_code: 'vacation_request', state: 'to_execute', ext_code: null, user_email: 'c.johnson@example.com' });
    expect(remote.data).toEqual({ ...SEED_ORD1_DATA, employeeLastName: 'Prinston', resolution: null, resolutionText: null, adjustResult: null });
    await expectConverged(db, [ord1]);
  });

  it('a create lands once with ext_code = the local id, and HOMS\'s code is written back', async () => {
    const { db, outbox } = await station();
    const o = createHomsOrder(outbox, db, { order_type_code: 'vacation_request', state: 'in_progress', bp_id: 'bp_id', bp_state: 'bp_state', done_at: '2016-05-16T13:52:48+03:00', data: { ...SEED_ORD1_DATA } });
    expect(outbox.list({ status: 'open', limit: 5 })).toEqual([expect.objectContaining({ remote: 'homs', entity: 'homs_order', entityId: o.id, operation: 'order.create', payload: expect.objectContaining({ ext_code: o.id }) })]);
    await drain(outbox);
    const after = getHomsOrder(db, o.id)!;
    expect(after.code).toMatch(/^ORD-\d+$/);
    expect(after.remoteId).toBe(Number(after.code!.slice(4)));
    expect(createdWith(o.id)).toEqual([expect.objectContaining({ code: after.code, state: 'in_progress', bp_id: 'bp_id', order_type_code: 'vacation_request' })]);
    await expectConverged(db, [o.id]);
  });

  it('the row and its op are one transaction: a refused input stores neither', async () => {
    const { db, outbox } = await station();
    expect(() => createHomsOrder(outbox, db, { order_type_code: 'support_request', state: 'flying' } as never)).toThrow(/not valid/);
    const o = createHomsOrder(outbox, db, { order_type_code: 'support_request' });
    expect(() => updateHomsOrder(outbox, db, o.id, { set: { bp_id: 'x' }, clear: ['bp_id'] })).toThrow(/both set and cleared/);
    expect(() => updateHomsOrder(outbox, db, o.id, {})).toThrow(/nothing to change/);
    expect(() => updateHomsOrder(outbox, db, 'no-such-id', { set: { bp_id: 'x' } })).toThrow(/not found/);
    expect((db.prepare('SELECT COUNT(*) AS n FROM homs_orders').get() as { n: number }).n).toBe(1);
    expect(outbox.counts().pending).toBe(1);
  });
});

const FAULTS: { name: string; spec: Record<string, unknown> }[] = [
  { name: '429 + Retry-After', spec: { kind: 'error', status: 429, retryAfter: 7 } },
  { name: '500', spec: { kind: 'error', status: 500 } },
  { name: '503', spec: { kind: 'error', status: 503, retryAfter: 1 } },
  { name: 'connection reset', spec: { kind: 'reset' } },
  { name: 'malformed body (applied)', spec: { kind: 'malformed' } },
  { name: 'lost reply (applied)', spec: { kind: 'lost_reply' } },
];

describe.each(FAULTS)('HOMS push under $name', ({ spec }) => {
  it('a create lands exactly once', async () => {
    const { db, outbox, clock } = await station();
    await addFault(bench.sim, { system: 'homs', route: '/api/orders', method: 'POST', count: 1, ...spec });
    const o = createHomsOrder(outbox, db, { order_type_code: 'support_request', data: { requesterName: 'Frank', requesterPhone: '123123123' } });
    await outbox.syncNow('homs');
    expect(outbox.counts()).toMatchObject({ pending: 1, done: 0 }); // the fault hit the first attempt
    await drain(outbox, clock);
    expect(outbox.counts()).toMatchObject({ pending: 0, dead: 0, done: 1 });
    await expectConverged(db, [o.id]);
  });

  it('a partial update lands, and a later one is not overtaken', async () => {
    const { db, outbox, clock } = await station();
    const o = createHomsOrder(outbox, db, { order_type_code: 'return_request', data: { customerName: 'Eva', reason: 'damaged' } });
    await drain(outbox, clock);
    await addFault(bench.sim, { system: 'homs', route: '/api/orders/:code', method: 'PUT', count: 1, ...spec });
    updateHomsOrder(outbox, db, o.id, { set: { state: 'in_progress' }, data: { set: { reason: 'wrong_item' } } });
    updateHomsOrder(outbox, db, o.id, { data: { set: { refundAmount: 12.5 }, clear: ['customerName'] } });
    await drain(outbox, clock);
    expect(outbox.counts()).toMatchObject({ pending: 0, dead: 0, done: 3 });
    await expectConverged(db, [o.id]);
    expect((await homsClient(bench.sim).getOrder(getHomsOrder(db, o.id)!.code!)).data).toMatchObject({ reason: 'wrong_item', refundAmount: 12.5, customerName: null });
  });
});

describe('HOMS push: waiting, refusals and uncertainty', () => {
  it('Retry-After is obeyed: the op waits as long as HOMS asked', async () => {
    const { db, outbox, clock } = await station();
    await addFault(bench.sim, { system: 'homs', route: '/api/orders', method: 'POST', kind: 'error', status: 429, retryAfter: 7 });
    createHomsOrder(outbox, db, { order_type_code: 'support_request' });
    await outbox.jobs.runQueue('push:homs');
    const [op] = outbox.list({ status: 'open', limit: 1 });
    expect(op).toMatchObject({ status: 'pending', errorCode: 'rate_limited', nextAttemptAt: clock!.now() + 7000 });
  });

  it('a create whose reply is lost AND whose lookup is rate-limited still lands once', async () => {
    const { db, outbox, clock } = await station();
    await addFault(bench.sim, { system: 'homs', route: '/api/orders', method: 'POST', kind: 'lost_reply' });
    await addFault(bench.sim, { system: 'homs', route: '/api/orders', method: 'GET', kind: 'error', status: 429, retryAfter: 1, count: 2 });
    const o = createHomsOrder(outbox, db, { order_type_code: 'support_request', data: { subject: 'Box' } });
    await drain(outbox, clock);
    await expectConverged(db, [o.id]);
  });

  it('a create that timed out is not resent while HOMS may still be processing it (settle window)', async () => {
    const client = homsClient(bench.sim, { timeoutMs: 150 });
    // The real clock: the settle window is real time here, like HOMS's delay.
    const { db, outbox: real } = await station({ client, settleMs: 1_500, clock: systemClock });
    await addFault(bench.sim, { system: 'homs', route: '/api/orders', method: 'POST', kind: 'latency', latencyMs: 600 });
    const o = createHomsOrder(real, db, { order_type_code: 'support_request', data: { requesterName: 'Slow' } });
    await real.syncNow('homs'); // times out; HOMS saves it 600 ms after it arrived
    expect(real.list({ status: 'open', limit: 1 })[0]).toMatchObject({ errorCode: 'timeout' });
    await real.syncNow('homs'); // looks at once: not there yet, and too early to resend
    expect(real.list({ status: 'open', limit: 1 })[0]).toMatchObject({ errorCode: 'timeout', errorMessage: 'waiting to see whether the earlier attempt arrived' });
    await sleep(700);
    await drain(real);
    expect(real.counts()).toMatchObject({ done: 1, dead: 0 });
    await expectConverged(db, [o.id]);
  });

  it('a bare 422 parks the create as dead with HOMS\'s words; retried, it lands once', async () => {
    const { db, outbox, clock } = await station();
    await addFault(bench.sim, { system: 'homs', route: '/api/orders', method: 'POST', kind: 'error', status: 422 });
    const o = createHomsOrder(outbox, db, { order_type_code: 'support_request' });
    await drain(outbox, clock);
    const [dead] = outbox.list({ status: 'dead', limit: 1 });
    expect(dead).toMatchObject({ entityId: o.id, errorCode: 'validation', errorMessage: 'validation failed (no reason given)' });
    expect(createdWith(o.id)).toHaveLength(0);
    outbox.retry(dead!.id);
    await outbox.syncNow('homs'); // no settle wait: the refusal proved nothing was saved
    expect(outbox.counts()).toMatchObject({ done: 1, dead: 0, pending: 0 });
    await expectConverged(db, [o.id]);
  });

  it("HOMS's 422 field message is kept on the dead update; discarded, the next pull brings the row back to HOMS's", async () => {
    // HOMS answers 422 for a state outside its list; our schemas never send one, so the body is altered on the way.
    const tamper: typeof fetch = (url, init) => (init?.method === 'PUT' ? fetch(url, { ...init, body: JSON.stringify({ order: { state: 'flying' } }) }) : fetch(url, init));
    const client = homsClient(bench.sim, { fetch: tamper });
    const { db, mod, outbox, clock } = await station({ client });
    const o = createHomsOrder(outbox, db, { order_type_code: 'support_request' });
    await drain(outbox, clock);
    updateHomsOrder(outbox, db, o.id, { set: { state: 'done' } });
    await drain(outbox, clock);
    const [dead] = outbox.list({ status: 'dead', limit: 1 });
    expect(dead).toMatchObject({ errorCode: 'validation', errorMessage: 'state is not included in the list', operation: 'order.update' });
    await runPull(db, mod, homsClient(bench.sim));
    expect(getHomsOrder(db, o.id)!.state).toBe('done'); // protected while the dead op is there
    outbox.discard(dead!.id);
    await runPull(db, mod, homsClient(bench.sim));
    expect(getHomsOrder(db, o.id)!.state).toBe('to_execute');
    await expectConverged(db, [o.id]);
  });

  it('an unknown user is a dead update with the reason; edited, it lands', async () => {
    const { db, mod, outbox, clock } = await station();
    const o = createHomsOrder(outbox, db, { order_type_code: 'support_request' });
    updateHomsOrder(outbox, db, o.id, { set: { user_email: 'ghost@example.com' } });
    await drain(outbox, clock);
    const [dead] = outbox.list({ status: 'dead', limit: 1 });
    expect(dead).toMatchObject({ errorCode: 'validation', errorMessage: 'HOMS does not know user "ghost@example.com"' });
    expect(() => outbox.edit(dead!.id, { set: { user_email: '' } })).toThrow(); // the op's schema checks an edit
    outbox.edit(dead!.id, { set: { user_email: 'demo@example.com' } });
    await drain(outbox, clock);
    await runPull(db, mod, homsClient(bench.sim));
    expect(getHomsOrder(db, o.id)!.user_email).toBe('demo@example.com');
    await expectConverged(db, [o.id]);
  });

  it('HOMS refusing the credentials (401) parks the op as `auth`; retried, it lands once', async () => {
    const { db, outbox, clock } = await station();
    await addFault(bench.sim, { system: 'homs', kind: 'token_expiry', route: '/api/orders', method: 'POST' });
    const o = createHomsOrder(outbox, db, { order_type_code: 'support_request' });
    await drain(outbox, clock);
    const [dead] = outbox.list({ status: 'dead', limit: 1 });
    expect(dead).toMatchObject({ errorCode: 'auth', errorMessage: 'e-mail or API token refused' });
    outbox.retry(dead!.id);
    await drain(outbox, clock);
    await expectConverged(db, [o.id]);
  });

  it('while HOMS is not configured the ops wait; configured, they go', async () => {
    const configured: { client?: HomsClient } = {};
    const { db, outbox, clock } = await station({ client: () => configured.client });
    const o = createHomsOrder(outbox, db, { order_type_code: 'support_request' });
    await outbox.syncNow('homs');
    expect(outbox.list({ status: 'open', limit: 1 })[0]).toMatchObject({ status: 'pending', errorMessage: 'HOMS is not configured' });
    configured.client = homsClient(bench.sim);
    await drain(outbox, clock);
    await expectConverged(db, [o.id]);
  });
});
