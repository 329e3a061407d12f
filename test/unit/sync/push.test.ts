// The push half of sync on core/jobs, with fake handlers: ordering per entity under failures, the
// per-remote limit, Retry-After, dead ops with the remote's message (never dropped), retry / edit /
// discard, mayHaveApplied after a crash or an uncertain failure, and "back online".
import path from 'node:path';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RemoteError, type RemoteErrorKind } from '../../../src-main/core/connectors/shared/errors';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { JobQueue } from '../../../src-main/core/jobs/queue';
import type { Remote } from '../../../src-preload/contract';
import { Outbox, type OutboxOp } from '../../../src-main/core/sync/outbox';
import type { PushAttempt, PushOp } from '../../../src-main/core/sync/push';
import { tempDir } from '../../helpers/tmp';
import { deferred, FakeTime, until } from '../jobs/fakeTime';
import { switchableConnectivity } from '../../helpers/core';

let dir: string;
let cleanup: () => void;
let time: FakeTime;
const dbs: Db[] = [];
let db: Db;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('dockside-push-'));
  time = new FakeTime();
  db = await openDb();
});
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
  cleanup();
});

async function openDb(): Promise<Db> {
  const d = await openDatabase({ file: path.join(dir, 'dockside.sqlite') });
  dbs.push(d);
  return d;
}
const makeOutbox = (d = db, opts: ConstructorParameters<typeof Outbox>[3] = {}) =>
  new Outbox(d, time, new JobQueue({ db: d, clock: time, timers: time, random: () => 0.5 }), opts);

const op = (entityId: string, operation = 'update', remote: Remote = 'afosto', payload: unknown = {}): OutboxOp => ({ remote, entity: 'order', entityId, operation, payload });
const remoteError = (kind: RemoteErrorKind, o: { remoteMessage?: string; retryAfterMs?: number } = {}) =>
  new RemoteError({ remote: 'afosto', kind, message: kind, ...o });

/** A fake handler: records each call, answers from a per-entity script of errors (then ok). */
function fake(script: Record<string, unknown[]> = {}) {
  const calls: { id: string; operation: string; payload: unknown; attempt: PushAttempt }[] = [];
  const handler = async (o: PushOp, attempt: PushAttempt) => {
    calls.push({ id: o.entityId, operation: o.operation, payload: o.payload, attempt });
    const next = script[o.entityId]?.shift();
    if (next) throw next;
    return { ok: true };
  };
  return { calls, handler };
}

describe('ordering', () => {
  it('strict order per entity under failures, other entities go on', async () => {
    const outbox = makeOutbox();
    const f = fake({ a: [remoteError('server')] });
    outbox.registerPush('afosto', 'create', f.handler);
    outbox.registerPush('afosto', 'update', f.handler);
    outbox.transact((enqueue) => {
      enqueue(op('a', 'create'));
      enqueue(op('a', 'update', 'afosto', { n: 2 }));
      enqueue(op('b', 'create'));
    });
    await outbox.jobs.run();
    expect(f.calls.map((c) => `${c.id}:${c.operation}`)).toEqual(['a:create', 'b:create']);
    expect(outbox.list({ status: 'open', limit: 10 }).map((o) => [o.entityId, o.status, o.errorCode])).toEqual([
      ['a', 'pending', 'server'],
      ['a', 'pending', null],
    ]);
    time.advance(60_000);
    await outbox.jobs.run();
    expect(f.calls.map((c) => `${c.id}:${c.operation}`)).toEqual(['a:create', 'b:create', 'a:create', 'a:update']);
    expect(outbox.counts()).toEqual({ pending: 0, inflight: 0, done: 3, dead: 0 });
  });

  it('each remote has its own concurrency limit', async () => {
    const outbox = makeOutbox(db, { concurrency: { afosto: 2, ucs: 3 } });
    const running: Record<string, number> = { afosto: 0, ucs: 0 };
    const peak: Record<string, number> = { afosto: 0, ucs: 0 };
    const gates: (() => void)[] = [];
    let finished = 0;
    const handler = async (o: PushOp) => {
      running[o.remote]!++;
      peak[o.remote] = Math.max(peak[o.remote]!, running[o.remote]!);
      const d = deferred<void>();
      gates.push(() => d.resolve());
      await d.promise;
      running[o.remote]!--;
      finished++;
    };
    outbox.registerPush('afosto', 'update', handler);
    outbox.registerPush('ucs', 'update', handler);
    outbox.transact((enqueue) => {
      for (let i = 0; i < 6; i++) enqueue(op(`a${i}`, 'update', 'afosto'));
      for (let i = 0; i < 6; i++) enqueue(op(`u${i}`, 'update', 'ucs'));
    });
    const run = outbox.jobs.run();
    while (finished < 12) {
      await until(() => gates.length > 0 || finished === 12);
      expect(running.afosto).toBeLessThanOrEqual(2);
      expect(running.ucs).toBeLessThanOrEqual(3);
      gates.splice(0).forEach((g) => g());
    }
    await run;
    expect(peak).toEqual({ afosto: 2, ucs: 3 });
    expect(outbox.counts().done).toBe(12);
  });
});

describe('failures', () => {
  it('Retry-After is obeyed: not before, then at once', async () => {
    const outbox = makeOutbox();
    const f = fake({ a: [remoteError('rate_limited', { retryAfterMs: 30_000 })] });
    outbox.registerPush('afosto', 'update', f.handler);
    outbox.transact((enqueue) => enqueue(op('a')));
    await outbox.jobs.run();
    const [waiting] = outbox.list({ status: 'open', limit: 10 });
    expect(waiting).toMatchObject({ status: 'pending', errorCode: 'rate_limited', nextAttemptAt: time.now() + 30_000 });
    time.advance(29_999);
    await outbox.jobs.run();
    expect(f.calls).toHaveLength(1);
    time.advance(1);
    await outbox.jobs.run();
    expect(f.calls).toHaveLength(2);
    expect(outbox.counts().done).toBe(1);
  });

  it.each([
    ['validation', 'Field "email" is not a valid e-mail address'],
    ['conflict', 'Version mismatch'],
    ['not_found', 'Order ORD-9 does not exist'],
    ['forbidden', 'Not allowed'],
    ['auth', 'Bad credentials'],
  ] as const)('%s parks the op as dead with the remote message, blocks its entity, and is never dropped', async (kind, message) => {
    const outbox = makeOutbox();
    const f = fake({ a: [remoteError(kind, { remoteMessage: message })] });
    outbox.registerPush('afosto', 'update', f.handler);
    outbox.transact((enqueue) => {
      enqueue(op('a', 'update', 'afosto', { v: 1 }));
      enqueue(op('a', 'update', 'afosto', { v: 2 }));
    });
    for (let i = 0; i < 3; i++) {
      await outbox.jobs.run();
      time.advance(10 * 60_000);
    }
    expect(f.calls).toHaveLength(1); // the later update never overtook the dead one
    const dead = outbox.list({ status: 'dead', limit: 10 });
    expect(dead).toEqual([expect.objectContaining({ entityId: 'a', status: 'dead', errorCode: kind, errorMessage: message, payload: { v: 1 } })]);
    expect(outbox.remoteCounts().find((c) => c.remote === 'afosto')).toEqual({ remote: 'afosto', pending: 1, dead: 1 });
  });

  it('an op without a handler (remote not configured) waits, it does not die', async () => {
    const outbox = makeOutbox();
    outbox.transact((enqueue) => enqueue(op('a', 'update', 'homs')));
    await outbox.jobs.run();
    expect(outbox.list({ status: 'open', limit: 10 })).toEqual([expect.objectContaining({ status: 'pending', errorCode: 'no_handler' })]);
    time.advance(60_000);
    await outbox.jobs.run();
    expect(outbox.list({ status: 'open', limit: 10 })[0]!.attempts).toBe(1); // no churn every minute
    const f = fake();
    outbox.registerPush('homs', 'update', f.handler); // the remote gets configured: its ops go at once
    await outbox.jobs.run();
    expect(f.calls).toHaveLength(1);
  });
});

describe('a person fixes a dead op', () => {
  const schema = z.object({ email: z.string().email() });

  async function deadOne() {
    const outbox = makeOutbox();
    const f = fake({ a: [remoteError('validation', { remoteMessage: 'email invalid' })] });
    outbox.registerPush('afosto', 'update', f.handler, schema);
    outbox.transact((enqueue) => {
      enqueue(op('a', 'update', 'afosto', { email: 'x@example.com' }));
      enqueue(op('a', 'update', 'afosto', { email: 'y@example.com' }));
    });
    await outbox.jobs.run();
    const [dead] = outbox.list({ status: 'dead', limit: 1 });
    return { outbox, f, id: dead!.id };
  }

  it('retry sends it again and then the rest of its entity', async () => {
    const { outbox, f, id } = await deadOne();
    expect(outbox.retry(id)).toMatchObject({ status: 'pending', attempts: 0 });
    await outbox.jobs.run();
    expect(f.calls.map((c) => c.payload)).toEqual([{ email: 'x@example.com' }, { email: 'x@example.com' }, { email: 'y@example.com' }]);
    expect(outbox.counts()).toMatchObject({ done: 2, dead: 0 });
  });

  it('edit validates against the operation schema, then retries with the new payload', async () => {
    const { outbox, f, id } = await deadOne();
    expect(() => outbox.edit(id, { email: 'nope' })).toThrow(/does not match/);
    expect(outbox.get(id)).toMatchObject({ status: 'dead', payload: { email: 'x@example.com' } });
    expect(outbox.edit(id, { email: 'fixed@example.com' })).toMatchObject({ status: 'pending', payload: { email: 'fixed@example.com' } });
    await outbox.jobs.run();
    expect(f.calls.slice(1).map((c) => c.payload)).toEqual([{ email: 'fixed@example.com' }, { email: 'y@example.com' }]);
  });

  it('discard keeps the row as discarded and unblocks the entity; only dead ops can be discarded', async () => {
    const { outbox, f, id } = await deadOne();
    outbox.discard(id);
    expect(() => outbox.discard(id)).toThrow(/not found/);
    await outbox.jobs.run();
    expect(f.calls.map((c) => c.payload)).toEqual([{ email: 'x@example.com' }, { email: 'y@example.com' }]);
    expect(db.raw.prepare(`SELECT status FROM jobs WHERE id = ?`).get(id)).toEqual({ status: 'discarded' });
    const [done] = db.raw.prepare(`SELECT id FROM jobs WHERE status = 'done'`).all() as { id: string }[];
    expect(() => outbox.retry(done!.id)).toThrow(/not found/);
  });
});

describe('lost replies', () => {
  it('mayHaveApplied: false at first, true after a timeout or network error, false after a clean refusal', async () => {
    const outbox = makeOutbox();
    const f = fake({ a: [remoteError('timeout'), remoteError('network')], b: [remoteError('rate_limited')] });
    outbox.registerPush('afosto', 'create', f.handler);
    outbox.transact((enqueue) => {
      enqueue(op('a', 'create'));
      enqueue(op('b', 'create'));
    });
    for (let i = 0; i < 4; i++) {
      await outbox.jobs.run();
      time.advance(10 * 60_000);
    }
    const seen = (id: string) => f.calls.filter((c) => c.id === id).map((c) => c.attempt.mayHaveApplied);
    expect(seen('a')).toEqual([false, true, true]);
    expect(seen('b')).toEqual([false, false]);
    expect(f.calls[0]!.attempt.opId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('stays uncertain until an attempt settles: a 429 or going offline while reconciling does not forget', async () => {
    const connectivity = switchableConnectivity(true);
    const outbox = makeOutbox(db, { isOnline: () => connectivity.isOnline() });
    const f = fake({ a: [remoteError('timeout'), remoteError('rate_limited', { retryAfterMs: 1_000 })] });
    outbox.registerPush('afosto', 'create', f.handler);
    outbox.transact((enqueue) => enqueue(op('a', 'create')));
    await outbox.jobs.run(); // timeout: may have applied
    time.advance(10 * 60_000);
    await outbox.jobs.run(); // the lookup is rate limited
    expect(outbox.list({ status: 'open', limit: 1 })[0]!.errorCode).toBe('uncertain:rate_limited');
    connectivity.set(false);
    time.advance(10 * 60_000);
    await outbox.jobs.run(); // offline: waits, still uncertain
    expect(outbox.list({ status: 'open', limit: 1 })[0]!.errorCode).toBe('uncertain:offline');
    connectivity.set(true);
    time.advance(10 * 60_000);
    await outbox.jobs.run();
    expect(f.calls.map((c) => c.attempt.mayHaveApplied)).toEqual([false, true, true]);
    expect(outbox.counts().done).toBe(1);
  });

  it('after a crash mid-send the op is resent with mayHaveApplied (the engine marks it interrupted)', async () => {
    const first = makeOutbox();
    const hang = deferred<void>();
    let started = false;
    first.registerPush('afosto', 'create', async () => {
      started = true;
      await hang.promise; // the process "dies" here
    });
    first.transact((enqueue) => enqueue(op('a', 'create')));
    void first.jobs.run();
    await until(() => started);
    expect(first.counts().inflight).toBe(1);

    const second = makeOutbox(await openDb()); // the restarted process
    const f = fake();
    second.registerPush('afosto', 'create', f.handler);
    expect(second.jobs.recovered).toHaveLength(1);
    await second.jobs.run();
    expect(f.calls).toEqual([expect.objectContaining({ id: 'a', attempt: expect.objectContaining({ mayHaveApplied: true, attempt: 2 }) })]);
    expect(second.counts()).toMatchObject({ done: 1, inflight: 0 });
  });
});

describe('scheduling', () => {
  it('offline: ops wait; back online makes them due now and drains', async () => {
    const connectivity = switchableConnectivity(false);
    const outbox = makeOutbox(db, { isOnline: () => connectivity.isOnline() });
    const f = fake();
    outbox.registerPush('afosto', 'update', f.handler);
    outbox.follow(connectivity);
    outbox.transact((enqueue) => enqueue(op('a')));
    await outbox.jobs.run();
    expect(f.calls).toHaveLength(0);
    expect(outbox.list({ status: 'open', limit: 1 })[0]).toMatchObject({ status: 'pending', errorCode: 'offline' });
    connectivity.set(true);
    await until(() => f.calls.length === 1);
    await outbox.jobs.idle();
    expect(outbox.counts()).toMatchObject({ pending: 0, done: 1 });
  });

  it('Sync now sends what was waiting for its backoff', async () => {
    const outbox = makeOutbox();
    const f = fake({ a: [remoteError('server')] });
    outbox.registerPush('afosto', 'update', f.handler);
    outbox.transact((enqueue) => enqueue(op('a')));
    await outbox.jobs.run();
    expect(outbox.counts().pending).toBe(1);
    await outbox.syncNow();
    expect(f.calls).toHaveLength(2);
    expect(outbox.counts().done).toBe(1);
  });
});
