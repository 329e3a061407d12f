// HOMS pull against the simulator over real HTTP: users and orders land exactly as HOMS holds
// them, a second run changes nothing, an order with waiting local ops is not overwritten (the
// conflict is recorded, and resolved once the op is sent), our own orders are matched by
// ext_code, orders created during a sweep are not missed, and the code ↔ ext_code map survives
// a restart through the table.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHomsOrder, getHomsOrder, updateHomsOrder } from '../../../../src-main/core/connectors/homs';
import { homsOrdersResource } from '../../../../src-main/core/connectors/homs/pull';
import type { Db } from '../../../../src-main/core/db/database';
import { type Json } from '../../../sim/helpers';
import { drain, homsClient, openTestDb, homsModule, homsOutbox, localOrders, openConflicts, runPull, simOrders, useHomsSim } from './helpers';

const bench = useHomsSim();

const open = (name: string): Promise<Db> => openTestDb(path.join(bench.dir, `${name}.sqlite`));
const asRow = (o: Json) => ({
  code: o.code,
  remote_id: o.id,
  ext_code: o.ext_code,
  order_type_code: o.order_type_code,
  state: o.state,
  bp_id: o.bp_id,
  bp_state: o.bp_state,
  archived: o.archived ? 1 : 0,
  done_at: o.done_at,
  user_email: o.user_email,
  data: JSON.stringify(Array.isArray(o.data) ? {} : o.data),
});

describe('HOMS pull', () => {
  it('fills homs_orders and the users exactly as HOMS holds them; ORD-1 is the seed vacation_request for James Carter', async () => {
    const db = await open('fill');
    const client = homsClient(bench.sim);
    const mod = homsModule(db, client);
    expect(mod.resources.map((r) => [r.resource, r.mode])).toEqual([['users', 'sweep'], ['orders', 'sweep']]);
    const run = await runPull(db, mod, client);
    const remote = await simOrders(homsClient(bench.sim));
    expect(run.orders!.records).toBe(remote.length);
    expect(run.orders!.cursors.at(-1)).toBeNull(); // the sweep's last page: the next run starts over
    const rows = localOrders(db);
    expect(rows.map(({ code, remote_id, ext_code, order_type_code, state, bp_id, bp_state, archived, done_at, user_email, data }) => ({ code, remote_id, ext_code, order_type_code, state, bp_id, bp_state, archived, done_at, user_email, data }))).toEqual(
      remote.map(asRow),
    );
    expect(rows.every((r) => r.ref === null)).toBe(true);
    const ord1 = rows.find((r) => r.code === 'ORD-1')!;
    expect(ord1).toMatchObject({ order_type_code: 'vacation_request', state: 'to_execute', ext_code: null, user_email: null });
    expect(JSON.parse(ord1.data)).toMatchObject({ employeeFirstName: 'James', employeeLastName: 'Carter', employeeEmail: 'james@example.com', motivationText: 'I had a lot of work last 7 years' });

    const users = db.prepare(`SELECT remote_id, data FROM remote_records WHERE remote = 'homs' AND resource = 'users' ORDER BY remote_id`).all() as { remote_id: string; data: string }[];
    const simUsers = (bench.sim.state.systems.homs.snapshot() as Json).users.all as Json[];
    expect(users.map((u) => [u.remote_id, JSON.parse(u.data)])).toEqual(simUsers.map((u) => [u.email.toLowerCase(), u]).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    expect(users.find((u) => u.remote_id === 'demo@example.com')).toBeDefined();
    db.close();
  });

  it('a second run writes nothing (same rows, same updated_at); an order changed in HOMS is updated', async () => {
    const db = await open('idempotent');
    const client = homsClient(bench.sim);
    const mod = homsModule(db, client);
    let t = 1_000;
    await runPull(db, mod, client, () => t);
    const before = localOrders(db);
    const usersBefore = db.prepare(`SELECT remote_id, updated_at FROM remote_records WHERE remote = 'homs'`).all();
    t = 2_000;
    await runPull(db, mod, client, () => t);
    expect(localOrders(db)).toEqual(before);
    expect(db.prepare(`SELECT remote_id, updated_at FROM remote_records WHERE remote = 'homs'`).all()).toEqual(usersBefore);

    await homsClient(bench.sim).updateOrder('ORD-2', { set: { bp_state: 'escalated' } });
    t = 3_000;
    await runPull(db, mod, client, () => t);
    const after = localOrders(db);
    const changed = after.filter((r) => r.updated_at === 3_000);
    expect(changed.map((r) => [r.code, r.bp_state])).toEqual([['ORD-2', 'escalated']]);
    expect(after.length).toBe(before.length);
    db.close();
  });

  it('a row with waiting local ops is not overwritten: the conflict is recorded, and resolved once the op is sent', async () => {
    const db = await open('protected');
    const client = homsClient(bench.sim);
    const mod = homsModule(db, client);
    await runPull(db, mod, client);
    const outbox = homsOutbox(db, mod);
    const ord3 = localOrders(db).find((r) => r.code === 'ORD-3')!;
    updateHomsOrder(outbox, db, ord3.id, { set: { bp_state: 'local-edit' } });
    await homsClient(bench.sim).updateOrder('ORD-3', { set: { bp_id: 'remote-edit' } }); // someone else, meanwhile

    await runPull(db, mod, client);
    expect(getHomsOrder(db, ord3.id)).toMatchObject({ bp_state: 'local-edit', bp_id: ord3.bp_id });
    const conflicts = openConflicts(db);
    expect(conflicts).toEqual([expect.objectContaining({ entity: 'homs_order', entity_id: ord3.id, remote_id: 'ORD-3' })]);
    expect(JSON.parse(conflicts[0]!.remote_data)).toMatchObject({ code: 'ORD-3', bp_id: 'remote-edit' });
    // An unchanged order with waiting ops records no conflict: nothing would be overwritten.
    expect(conflicts).toHaveLength(1);

    await drain(outbox);
    await runPull(db, mod, client);
    expect(getHomsOrder(db, ord3.id)).toMatchObject({ code: 'ORD-3', bp_state: 'local-edit', bp_id: 'remote-edit' });
    expect(openConflicts(db)).toEqual([]);
    db.close();
  });

  it('our own order is matched by ext_code (not duplicated) even when the pull sees it before the create is confirmed', async () => {
    const db = await open('own');
    const client = homsClient(bench.sim);
    const mod = homsModule(db, client);
    const outbox = homsOutbox(db, mod);
    const mine = createHomsOrder(outbox, db, { order_type_code: 'support_request', data: { requesterName: 'Eva' } });
    expect(mine).toMatchObject({ code: null, ref: mine.id, ext_code: mine.id });
    // HOMS got the create by another path (as if our reply was lost and the op is still waiting).
    const remote = await homsClient(bench.sim).createOrder({ order_type_code: 'support_request', ext_code: mine.id, data: { requesterName: 'Eva' } });
    await runPull(db, mod, client);
    const rows = localOrders(db).filter((r) => r.ext_code === mine.id);
    expect(rows).toEqual([expect.objectContaining({ id: mine.id, code: remote.code, ref: mine.id })]);
    expect(openConflicts(db)).toEqual([]); // HOMS says what we said (plus nulls for unnamed fields)
    await drain(outbox); // the create op sees the code and sends nothing
    expect((await simOrders(homsClient(bench.sim))).filter((o) => o.ext_code === mine.id)).toHaveLength(1);
    await runPull(db, mod, client);
    expect(JSON.parse(getHomsOrder(db, mine.id) ? localOrders(db).find((r) => r.id === mine.id)!.data : '{}')).toMatchObject({ requesterName: 'Eva', subject: null });
    db.close();
  });

  it('orders created in HOMS during a sweep: none of the older ones is missed; the new ones come with the next run', async () => {
    const db = await open('during');
    const client = homsClient(bench.sim, {});
    const mod = homsModule(db, client);
    const before = await simOrders(homsClient(bench.sim));
    const res = homsOrdersResource(() => undefined, 10);
    const signal = new AbortController().signal;
    const ctx = { db, now: 1, isProtected: () => false, conflict: () => undefined, resolved: () => undefined };
    const p1 = await res.fetchPage(client, null, signal);
    db.tx(() => res.apply(p1.items, ctx));
    const other = homsClient(bench.sim);
    const added = [];
    for (let i = 0; i < 3; i++) added.push(await other.createOrder({ order_type_code: 'support_request', ext_code: `during-${i}` }));
    let cursor = p1.cursor;
    let repeated = 0;
    for (;;) {
      const p = await res.fetchPage(client, cursor, signal);
      repeated += p.items.filter((o) => p1.items.some((x) => x.code === o.code)).length;
      db.tx(() => res.apply(p.items, ctx));
      cursor = p.cursor;
      if (p.done) break;
    }
    expect(cursor).toBeNull();
    expect(repeated).toBe(3); // the shift re-reads three, harmlessly
    const codes = new Set(localOrders(db).map((r) => r.code));
    expect(before.every((o) => codes.has(o.code))).toBe(true);
    expect(added.some((o) => codes.has(o.code))).toBe(false);
    await runPull(db, mod, client);
    const after = new Set(localOrders(db).map((r) => r.code));
    expect(added.every((o) => after.has(o.code))).toBe(true);
    expect(localOrders(db)).toHaveLength(before.length + 3);
    db.close();
  });

  it('a cursor from another page size starts the sweep over; an aborted run fetches nothing', async () => {
    const res = homsOrdersResource(() => undefined, 10);
    const client = homsClient(bench.sim);
    const first = await res.fetchPage(client, JSON.stringify({ page: 3, size: 50 }), new AbortController().signal);
    const top = await simOrders(homsClient(bench.sim));
    expect(first.items[0]!.code).toBe(top[0]!.code);
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(res.fetchPage(client, null, ac.signal)).rejects.toThrow('stop');
  });

  it('the code ↔ ext_code map survives a restart: a fresh client learns it from the table', async () => {
    const db = await open('map');
    const client = homsClient(bench.sim);
    const mod = homsModule(db, client);
    const outbox = homsOutbox(db, mod);
    const mine = createHomsOrder(outbox, db, { order_type_code: 'return_request', data: { reason: 'damaged' } });
    await drain(outbox);
    await runPull(db, mod, client);
    const pairs = (db.prepare('SELECT COUNT(*) AS n FROM homs_orders WHERE code IS NOT NULL AND ext_code IS NOT NULL').get() as { n: number }).n;
    expect(pairs).toBeGreaterThan(10);
    const code = getHomsOrder(db, mine.id)!.code!;
    expect(code).toMatch(/^ORD-\d+$/);
    db.close();

    // "Restart": new database handle, new client with an empty map, new module.
    const db2 = await open('map');
    const fresh = homsClient(bench.sim);
    expect(fresh.extCodes.size).toBe(0);
    const mod2 = homsModule(db2, fresh);
    const outbox2 = homsOutbox(db2, mod2);
    updateHomsOrder(outbox2, db2, mine.id, { data: { set: { reason: 'wrong_item' } } });
    await drain(outbox2);
    expect(fresh.extCodes.codeOf(mine.id)).toBe(code);
    expect(fresh.extCodes.size).toBe(pairs); // every pair the table knows, not just the one this update read
    expect((await homsClient(bench.sim).getOrder(code)).data).toMatchObject({ reason: 'wrong_item' });
    db2.close();
  });
});
