// The pull engine over fake resources and a real SQLite file: the cursor goes with its page (a
// crash mid-page resumes from the right place, nothing missed, nothing doubled), chunking, rows with
// open outbox ops become conflicts (listed, replaced by newer data, resolved when applied,
// dismissed), single-flight per remote, and what a RemoteError or a bug stops.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RemoteError } from '../../../src-main/core/connectors/shared/errors';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { JobQueue } from '../../../src-main/core/jobs/queue';
import { Outbox } from '../../../src-main/core/sync/outbox';
import { PullEngine, type PullEngineOptions } from '../../../src-main/core/sync/pull';
import { SyncRepo } from '../../../src-main/core/sync/repo';
import { tempDir } from '../../helpers/tmp';
import { deferred, FakeTime } from '../jobs/fakeTime';
import { fakeResource, items } from './fakeRemote';

let cleanup: () => void;
let db: Db;
let time: FakeTime;
let outbox: Outbox;
let repo: SyncRepo;
const client = async () => ({});

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = tempDir('dockside-pull-'));
  db = await openDatabase({ file: path.join(dir, 'dockside.sqlite') });
  time = new FakeTime();
  outbox = new Outbox(db, time, new JobQueue({ db, clock: time, timers: time, random: () => 0.5 }));
  repo = new SyncRepo(db);
});
afterEach(() => {
  db.close();
  cleanup();
});

function engine(o: Partial<PullEngineOptions> = {}) {
  const contacts: (string | undefined)[] = [];
  const pull = new PullEngine({
    db,
    clock: time,
    openKeys: (r) => outbox.openKeys(r),
    onContact: (_r, e) => contacts.push(e === undefined ? 'ok' : (e as RemoteError).kind),
    ...o,
  });
  return { pull, contacts };
}

const stored = (resource = 'items') =>
  (db.prepare(`SELECT remote_id, data FROM remote_records WHERE resource = ? ORDER BY CAST(remote_id AS INTEGER)`).all(resource) as { remote_id: string; data: string }[]).map(
    (r) => ({ ...(JSON.parse(r.data) as { v: number }), id: r.remote_id }),
  );

describe('cursor and page', () => {
  it('a crash in the last chunk of a page keeps the previous cursor; the rerun resumes there and ends with every record once', async () => {
    const res = fakeResource('homs', 'items', items(3_000), { pageSize: 1_000 });
    const { pull } = engine({ chunkSize: 300 }); // a page: chunks of 300, 300, 300, 100
    pull.register('homs', [res], client);
    res.failApplyAt = 8; // page 2's last chunk
    const first = await pull.run('homs');
    expect(first.failed).toEqual({ items: 'error' });
    // Page 1 is stored with its cursor; page 2's first three chunks committed, its cursor did not.
    expect(repo.cursor('homs', 'items')).toMatchObject({ cursor: '1000', lastErrorCode: 'error', lastError: 'apply crashed', lastSuccessAt: null });
    expect(stored()).toHaveLength(1_900);

    res.failApplyAt = undefined;
    res.fetched.length = 0;
    res.all = res.all.map((x) => (Number(x.id) >= 2_000 ? { ...x, v: 2 } : x));
    const second = await pull.run('homs');
    expect(second).toEqual({ records: { items: 2_000 }, failed: {}, stopped: false });
    expect(res.fetched).toEqual(['1000', '2000']); // page 2 again (never skipped), then page 3
    const rows = stored();
    expect(rows).toHaveLength(3_000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3_000);
    expect(rows[2_999]).toEqual({ id: '2999', v: 2 });
    expect(repo.cursor('homs', 'items')).toMatchObject({ cursor: '3000', records: 2_000, lastError: null, lastSuccessAt: time.now() });

    // A delta run with nothing new: one empty page, its cursor (unchanged) recorded as a success.
    time.advance(1_000);
    expect(await pull.run('homs')).toMatchObject({ records: { items: 0 } });
    expect(repo.cursor('homs', 'items')).toMatchObject({ cursor: '3000', records: 0, lastSuccessAt: time.now(), lastAttemptAt: time.now() });
  });

  it('an empty page still records its cursor', async () => {
    const res = fakeResource('homs', 'items', []);
    res.fetchPage = async () => ({ items: [], cursor: 'hwm-7', done: true });
    const { pull } = engine();
    pull.register('homs', [res], client);
    await pull.run('homs');
    expect(repo.cursor('homs', 'items')).toMatchObject({ cursor: 'hwm-7', records: 0 });
  });
});

describe('chunking', () => {
  it('a page of 2,000 is applied as 4 transactions of 500 with a turn of the event loop after each', async () => {
    const res = fakeResource('homs', 'items', items(2_000), { pageSize: 2_000 });
    let turns = 0;
    const inTx: boolean[] = [];
    const apply = res.apply.bind(res);
    res.apply = (chunk, ctx) => {
      inTx.push(db.raw.inTransaction);
      apply(chunk, ctx);
    };
    const { pull } = engine({
      chunkSize: 500,
      yieldTurn: async () => {
        turns++;
        await new Promise((r) => setImmediate(r));
      },
    });
    pull.register('homs', [res], client);
    await pull.run('homs');
    expect(res.applied).toEqual([500, 500, 500, 500]);
    expect(inTx).toEqual([true, true, true, true]);
    expect(turns).toBe(4); // no stretch longer than one chunk without yielding
    expect(stored()).toHaveLength(2_000);
  });

  it('reports progress per resource while running, with the total when the remote gives one', async () => {
    const res = fakeResource('homs', 'items', items(1_000), { pageSize: 250 });
    res.withTotal = true;
    const seen: unknown[] = [];
    const { pull } = engine({ chunkSize: 250, onProgress: () => seen.push(pull.progress('homs').get('items') && { ...pull.progress('homs').get('items') }) });
    pull.register('homs', [res], client);
    await pull.run('homs');
    expect(seen).toContainEqual({ done: 500, total: 1_000 });
    expect(seen.at(-1)).toBeUndefined(); // finished: no progress left
    expect(pull.isRunning('homs')).toBe(false);
  });

  it('pulls of several remotes take turns: one chunk per turn of the event loop, whoever it belongs to', async () => {
    const a = fakeResource('homs', 'items', items(1_000), { pageSize: 1_000 });
    const b = fakeResource('ucs', 'items', items(1_000), { pageSize: 1_000 });
    const order: string[] = [];
    for (const [res, name] of [[a, 'homs'], [b, 'ucs']] as const) {
      const apply = res.apply.bind(res);
      res.apply = (chunk, ctx) => {
        order.push(name);
        apply(chunk, ctx);
      };
    }
    let turnsSeen = 0;
    let ticking = true;
    const tick = () => {
      turnsSeen++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const { pull } = engine({ chunkSize: 100 });
    pull.register('homs', [a], client);
    pull.register('ucs', [b], client);
    const applied = () => order.length;
    await Promise.all([pull.run('homs'), pull.run('ucs')]);
    ticking = false;
    expect(applied()).toBe(20);
    // Interleaved, and never two chunks within one turn: at least as many turns as chunks.
    expect(order.slice(0, 6)).toEqual(['homs', 'ucs', 'homs', 'ucs', 'homs', 'ucs']);
    expect(turnsSeen).toBeGreaterThanOrEqual(20);
  });

  it('chunks shrink when applying overran the time budget (a slow machine) and grow back when it is quick again', async () => {
    const res = fakeResource('homs', 'items', items(3_000), { pageSize: 3_000 });
    let t = 0;
    let msPerRecord = 0.2; // 500 records → 100 ms: five times the 20 ms budget
    const apply = res.apply.bind(res);
    res.apply = (chunk, ctx) => {
      if (res.applied.length === 3) msPerRecord = 0.01; // the machine got quiet
      t += chunk.length * msPerRecord;
      apply(chunk, ctx);
    };
    const { pull } = engine({ chunkSize: 500, chunkBudgetMs: 20, elapsed: () => t });
    pull.register('homs', [res], client);
    await pull.run('homs');
    expect(res.applied.slice(0, 6)).toEqual([500, 100, 100, 100, 200, 400]);
    expect(Math.max(...res.applied.slice(1))).toBeLessThanOrEqual(500);
    expect(res.applied.reduce((a, b) => a + b, 0)).toBe(3_000);
    expect(stored()).toHaveLength(3_000);
  });

  it('a finished resource drops its progress while a later resource of the same run is still pulling', async () => {
    const first = fakeResource('homs', 'first', items(300), { pageSize: 100 });
    const second = fakeResource('homs', 'second', items(300), { pageSize: 100 });
    const gate = deferred<void>();
    second.gate = gate.promise;
    const { pull } = engine();
    pull.register('homs', [first, second], client);
    const run = pull.run('homs');
    while (second.fetched.length === 0) await new Promise((r) => setImmediate(r));
    expect([...pull.progress('homs').keys()]).toEqual(['second']);
    gate.resolve(undefined);
    await run;
    expect(pull.progress('homs').size).toBe(0);
  });
});

describe('rows with local work waiting', () => {
  it('are not overwritten: the conflict is recorded and listed, replaced by newer data, resolved when applied', async () => {
    const res = fakeResource('homs', 'items', items(5, 1));
    const { pull } = engine();
    pull.register('homs', [res], client);
    await pull.run('homs');
    // A local edit of item 3 waits in the outbox; the remote changes it meanwhile.
    outbox.transact((enqueue) => enqueue({ remote: 'homs', entity: 'item', entityId: '3', operation: 'update', payload: {} }));
    let keyLoads = 0;
    const { pull: pull2 } = engine({
      openKeys: (r) => {
        keyLoads++;
        return outbox.openKeys(r);
      },
    });
    const res2 = fakeResource('homs', 'items', items(5, 2));
    res2.fetchPage = async () => ({ items: res2.all, cursor: null, done: true }); // a sweep
    pull2.register('homs', [res2], client);
    await pull2.run('homs');
    expect(keyLoads).toBe(1); // one query for the chunk, not one per row
    expect(stored().find((r) => r.id === '3')).toEqual({ id: '3', v: 1 });
    expect(stored().filter((r) => r.v === 2)).toHaveLength(4);
    const open = repo.openConflicts({ limit: 10 });
    expect(open).toEqual([
      { id: expect.any(String), remote: 'homs', resource: 'items', entity: 'item', entityId: '3', remoteId: '3', remoteData: { id: '3', v: 2 }, detectedAt: time.now() },
    ]);

    // Newer remote data replaces the open conflict's; still one.
    res2.all = items(5, 3);
    time.advance(10);
    await pull2.run('homs');
    expect(repo.openConflicts({ limit: 10 })).toMatchObject([{ id: open[0]!.id, remoteData: { id: '3', v: 3 }, detectedAt: time.now() }]);
    expect(repo.openConflictCounts().get('homs')).toBe(1);

    // The local op is sent; the next pull applies the remote row and closes the conflict.
    outbox.registerPush('homs', 'update', async () => ({}));
    await outbox.syncNow('homs');
    expect(outbox.openKeys('homs').size).toBe(0);
    await pull2.run('homs');
    expect(stored().find((r) => r.id === '3')).toEqual({ id: '3', v: 3 });
    expect(repo.openConflicts({ limit: 10 })).toEqual([]);
    expect(db.prepare(`SELECT resolution FROM sync_conflicts`).all()).toEqual([{ resolution: 'applied' }]);
  });

  it('a dead op protects its row too; a supervisor may dismiss the conflict (once)', async () => {
    outbox.transact((enqueue) => enqueue({ remote: 'homs', entity: 'item', entityId: '1', operation: 'update', payload: {} }));
    db.prepare(`UPDATE jobs SET status = 'dead'`).run();
    const res = fakeResource('homs', 'items', items(2, 5));
    const { pull } = engine();
    pull.register('homs', [res], client);
    await pull.run('homs');
    const [c] = repo.openConflicts({ remote: 'homs', limit: 10 });
    expect(c).toMatchObject({ entityId: '1', remoteData: { id: '1', v: 5 } });
    expect(repo.openConflicts({ remote: 'ucs', limit: 10 })).toEqual([]);
    expect(repo.dismissConflict(c!.id, time.now())).toBe(true);
    expect(repo.dismissConflict(c!.id, time.now())).toBe(false);
    expect(repo.openConflicts({ limit: 10 })).toEqual([]);
    expect(db.prepare(`SELECT resolution FROM sync_conflicts`).all()).toEqual([{ resolution: 'dismissed' }]);
  });
});

describe('runs', () => {
  it('single-flight per remote: calls during a run join it and cause exactly one more pass', async () => {
    const res = fakeResource('homs', 'items', items(10));
    const gate = deferred<void>();
    res.gate = gate.promise;
    const { pull } = engine();
    pull.register('homs', [res], client);
    const a = pull.run('homs');
    const b = pull.run('homs');
    const c = pull.run('homs', 'items');
    expect(b).toBe(a);
    expect(c).toBe(a);
    await new Promise((r) => setImmediate(r));
    expect(res.fetched).toEqual([null]);
    expect(pull.isRunning('homs')).toBe(true);
    gate.resolve(undefined);
    await a;
    expect(res.fetched).toEqual([null, '10']); // the one extra pass, from the saved cursor
    expect(pull.isRunning('homs')).toBe(false);
  });

  it('a RemoteError stops the remote (recorded on the resource, reported as contact); a bug only fails its resource', async () => {
    const first = fakeResource('homs', 'a', items(3));
    const second = fakeResource('homs', 'b', items(3));
    first.fetchError = new RemoteError({ remote: 'homs', kind: 'network', message: 'ECONNRESET' });
    const { pull, contacts } = engine();
    pull.register('homs', [first, second], client);
    expect(await pull.run('homs')).toEqual({ records: {}, failed: { a: 'network' }, stopped: true });
    expect(second.fetched).toEqual([]);
    expect(contacts).toEqual(['network']);
    expect(repo.cursor('homs', 'a')).toMatchObject({ lastErrorCode: 'network', lastAttemptAt: time.now() });

    first.fetchError = new TypeError('a bug of ours');
    contacts.length = 0;
    expect(await pull.run('homs')).toEqual({ records: { b: 3 }, failed: { a: 'error' }, stopped: false });
    expect(contacts).toEqual(['ok']); // a bug says nothing about the remote; b's page does
    expect(repo.cursor('homs', 'a')).toMatchObject({ lastErrorCode: 'error', lastError: 'a bug of ours' });
  });

  it('close aborts a run: no page after it is applied', async () => {
    const res = fakeResource('homs', 'items', items(10), { pageSize: 5 });
    const gate = deferred<void>();
    res.gate = gate.promise;
    let signal: AbortSignal | undefined;
    const fetch = res.fetchPage.bind(res);
    res.fetchPage = (c, cur, s) => ((signal = s), fetch(c, cur, s));
    const { pull } = engine();
    pull.register('homs', [res], client);
    const run = pull.run('homs');
    await new Promise((r) => setImmediate(r));
    const closing = pull.close();
    expect(signal?.aborted).toBe(true);
    gate.resolve(undefined);
    await closing;
    await run;
    expect(stored()).toHaveLength(0);
    expect(await pull.run('homs')).toEqual({ records: {}, failed: {}, stopped: false }); // nothing registered any more
  });
});

