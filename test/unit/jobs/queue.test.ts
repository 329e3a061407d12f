import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { fullJitterDelay } from '../../../src-main/core/jobs/backoff';
import { JobQueue } from '../../../src-main/core/jobs/queue';
import { retryAfterMs } from '../../../src-main/core/jobs/retryAfter';
import { dead, ok, retry, type Job, type Outcome, type QueueConfig } from '../../../src-main/core/jobs/types';
import { tempDir } from '../../helpers/tmp';
import { deferred, FakeTime, until } from './fakeTime';

type Payload = { n: number };

let dir: string;
let cleanup: () => void;
let db: Db;
let time: FakeTime;
const open: Db[] = [];

const openDb = async (): Promise<Db> => {
  const d = await openDatabase({ file: path.join(dir, 'dockside.sqlite') });
  open.push(d);
  return d;
};
const newQueue = (over: Partial<{ random: () => number; pollMs: number }> = {}) =>
  new JobQueue({ db, clock: time, timers: time, random: over.random ?? (() => 0.5), pollMs: over.pollMs ?? 1000 });
/** Handler that answers from a script per job (default ok) and records every call in order. */
function scripted(script: Record<string, Outcome[]> = {}) {
  const calls: string[] = [];
  const handle = async (job: Job<Payload>): Promise<Outcome> => {
    calls.push(job.id);
    return script[job.id]?.shift() ?? ok();
  };
  return { calls, handle };
}
const rowCount = () => (db.raw.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('dockside-jobs-'));
  time = new FakeTime();
  db = await openDb();
});
afterEach(() => {
  for (const d of open.splice(0)) d.close();
  cleanup();
});

describe('full-jitter backoff', () => {
  it('draws in [0, min(cap, base·2^(n-1))) for every attempt and random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const p = { baseMs: 250, capMs: 30_000 };
        const d = fullJitterDelay(n, p, () => r);
        return d >= 0 && d < Math.min(p.capMs, p.baseMs * 2 ** (n - 1)) + (r === 0 ? 1 : 0) && d <= p.capMs;
      }),
    );
    const p = { baseMs: 1000, capMs: 10_000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => fullJitterDelay(n, p, () => 0.999999))).toEqual([999, 1999, 3999, 7999, 9999, 9999]);
  });

  it('schedules each retry at now + jitter(attempts) and never beyond the cap', async () => {
    const q = newQueue({ random: () => 0.999999 });
    const { handle } = scripted({ j: Array.from({ length: 12 }, () => retry('unreachable', 'ECONNREFUSED')) });
    q.register<Payload, unknown>('push', { handle, maxAttempts: 20, backoff: { baseMs: 1000, capMs: 8000 } });
    q.enqueue('push', { id: 'j', key: 'k', payload: { n: 1 } });
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      await q.runQueue('push');
      const job = q.get('j')!;
      waits.push(job.nextAttemptAt - time.now());
      time.advance(job.nextAttemptAt - time.now());
    }
    expect(waits).toEqual([999, 1999, 3999, 7999, 7999, 7999, 7999, 7999, 7999, 7999, 7999, 7999]);
    expect(q.get('j')).toMatchObject({ status: 'pending', attempts: 12, errorCode: 'unreachable', errorDetail: 'ECONNREFUSED' });
  });
});

describe('ordering and parallelism', () => {
  it('keeps strict order per key while the head fails, and lets other keys go meanwhile', async () => {
    const q = newQueue();
    const { calls, handle } = scripted({ a1: [retry('paused'), retry('paper_out')] });
    q.register<Payload, unknown>('print', { handle, backoff: { baseMs: 1000, capMs: 60_000 } });
    for (const id of ['a1', 'b1', 'a2', 'b2', 'a3']) q.enqueue('print', { id, key: id[0]!, payload: { n: 0 } });

    expect(await q.runQueue('print')).toEqual({ done: 2, retried: 1, dead: 0 });
    expect(calls).toEqual(['a1', 'b1', 'b2']); // a2 and a3 wait behind a1; b is not held up
    expect(q.get('a2')).toMatchObject({ status: 'pending', attempts: 0 });

    await q.runQueue('print'); // a1 not due yet: nothing is tried
    expect(calls).toHaveLength(3);
    time.advance(500);
    await q.runQueue('print');
    expect(q.get('a1')).toMatchObject({ status: 'pending', attempts: 2, errorCode: 'paper_out' });
    time.advance(1000);
    expect(await q.runQueue('print')).toEqual({ done: 3, retried: 0, dead: 0 });
    expect(calls).toEqual(['a1', 'b1', 'b2', 'a1', 'a1', 'a2', 'a3']);
    expect(q.get('a1')).toMatchObject({ status: 'done', attempts: 3, errorCode: null });
  });

  it('runs different keys in parallel, never more than the queue’s concurrency, one job per key at a time', async () => {
    const q = newQueue();
    const inFlight = new Map<string, { key: string; done(v: Outcome): void }>();
    const finished: string[] = [];
    let most = 0;
    q.register<Payload, unknown>('push', {
      concurrency: 2,
      handle: (job) => {
        const d = deferred<Outcome>();
        expect([...inFlight.values()].map((f) => f.key)).not.toContain(job.key); // one per key
        if (job.id === 'x2') expect(finished).toContain('x1'); // in order within the key
        inFlight.set(job.id, { key: job.key, done: d.resolve });
        most = Math.max(most, inFlight.size);
        return d.promise;
      },
    });
    for (const [id, key] of [['x1', 'x'], ['x2', 'x'], ['y1', 'y'], ['z1', 'z']] as const) q.enqueue('push', { id, key, payload: { n: 0 } });
    const run = q.runQueue('push');
    await until(() => inFlight.size === 2);
    expect([...inFlight.keys()]).toEqual(['x1', 'y1']); // oldest heads first, two lanes
    expect(q.counts('push')).toMatchObject({ inflight: 2, pending: 2 });
    while (finished.length < 4) {
      const [id, f] = [...inFlight.entries()][0]!;
      inFlight.delete(id);
      finished.push(id);
      f.done(ok());
      if (finished.length < 4) await until(() => inFlight.size === Math.min(2, 4 - finished.length));
    }
    expect(await run).toEqual({ done: 4, retried: 0, dead: 0 });
    expect(most).toBe(2);
    expect(finished.indexOf('x1')).toBeLessThan(finished.indexOf('x2'));
  });
});

describe('retries, Retry-After and dead jobs', () => {
  it('honours the handler’s Retry-After over the backoff, exactly', async () => {
    const q = newQueue({ random: () => 0.999 });
    const { calls, handle } = scripted({ j: [retry('rate_limited', 'HTTP 429', 120_000), retry('busy', 'HTTP 503', 0)] });
    q.register<Payload, unknown>('push', { handle, backoff: { baseMs: 1000, capMs: 5000 } });
    q.enqueue('push', { id: 'j', key: 'k', payload: { n: 1 } });
    await q.runQueue('push');
    expect(q.get('j')).toMatchObject({ status: 'pending', nextAttemptAt: time.now() + 120_000, errorCode: 'rate_limited' });
    time.advance(119_999);
    await q.runQueue('push');
    expect(calls).toHaveLength(1);
    time.advance(1);
    await q.runQueue('push');
    // Retry-After: 0 means "now", but not again within the same pass.
    expect(calls).toHaveLength(2);
    expect(q.get('j')).toMatchObject({ status: 'pending', nextAttemptAt: time.now(), errorCode: 'busy' });
    await q.runQueue('push');
    expect(q.get('j')).toMatchObject({ status: 'done', attempts: 3 });
  });

  it('goes dead with the last code after maxAttempts, or at once when not retryable; later jobs of the key go on', async () => {
    const q = newQueue();
    const { calls, handle } = scripted({
      a: Array.from({ length: 5 }, (_, i) => retry('unreachable', `try ${i + 1}`)),
      b: [dead('validation', 'name: required')],
    });
    q.register<Payload, unknown>('push', { handle, maxAttempts: 3, backoff: { baseMs: 10, capMs: 10 } });
    q.enqueue('push', { id: 'a', key: 'k', payload: { n: 1 } });
    q.enqueue('push', { id: 'b', key: 'k', payload: { n: 2 } });
    q.enqueue('push', { id: 'c', key: 'k', payload: { n: 3 } });
    for (let i = 0; i < 4; i++) {
      await q.runQueue('push');
      time.advance(10);
    }
    expect(q.get('a')).toMatchObject({ status: 'dead', attempts: 3, errorCode: 'unreachable', errorDetail: 'try 3' });
    expect(q.get('b')).toMatchObject({ status: 'dead', attempts: 1, errorCode: 'validation', errorDetail: 'name: required' });
    expect(q.get('c')).toMatchObject({ status: 'done' });
    expect(calls).toEqual(['a', 'a', 'a', 'b', 'c']);
  });

  it('with deadBlocksKey, a dead job holds its key until it is retried or discarded', async () => {
    const q = newQueue();
    const { calls, handle } = scripted({ create: [dead('validation')] });
    q.register<Payload, unknown>('push', { handle, deadBlocksKey: true });
    q.enqueue('push', { id: 'create', key: 'order-1', payload: { n: 1 } });
    q.enqueue('push', { id: 'update', key: 'order-1', payload: { n: 2 } });
    q.enqueue('push', { id: 'other', key: 'order-2', payload: { n: 3 } });
    await q.runQueue('push');
    await q.runQueue('push');
    expect(calls).toEqual(['create', 'other']);
    expect(q.get('update')?.status).toBe('pending');
    q.discard('create');
    await q.runQueue('push');
    expect(calls).toEqual(['create', 'other', 'update']);
  });

  it('a handler that throws is retried with handler_error; a payload its schema refuses is dead with bad_payload', async () => {
    const q = newQueue();
    q.register<Payload, unknown>('push', {
      parse: (raw) => {
        const n = (raw as Payload).n;
        if (typeof n !== 'number') throw new Error('n must be a number');
        return { n };
      },
      handle: async (job) => {
        if (job.payload.n === 1) throw new Error('socket hang up');
        return ok();
      },
    });
    q.enqueue('push', { id: 'throws', key: 'a', payload: { n: 1 } });
    q.enqueue('push', { id: 'bad', key: 'b', payload: { n: 'x' } as unknown as Payload });
    await q.runQueue('push');
    expect(q.get('throws')).toMatchObject({ status: 'pending', errorCode: 'handler_error', errorDetail: 'socket hang up' });
    expect(q.get('bad')).toMatchObject({ status: 'dead', errorCode: 'bad_payload', errorDetail: 'n must be a number' });
  });
});

describe('manual retry and discard', () => {
  it('retry: dead → pending with attempts from zero, then runs; discard: dead → discarded, kept, never run', async () => {
    const q = newQueue();
    const settled: string[] = [];
    const { calls, handle } = scripted({ r: [dead('validation', 'bad phone')], d: [dead('validation', 'bad email')] });
    const config: QueueConfig<Payload> = { handle, onSettled: (job) => settled.push(`${job.id}:${job.status}`) };
    q.register('push', config);
    q.enqueue('push', { id: 'r', key: 'r', payload: { n: 1 } });
    q.enqueue('push', { id: 'd', key: 'd', payload: { n: 2 } });
    await q.runQueue('push');
    expect(q.counts('push')).toMatchObject({ dead: 2 });

    expect(q.retry('r')).toMatchObject({ status: 'pending', attempts: 0, errorCode: 'validation' });
    expect(q.discard('d')).toMatchObject({ status: 'discarded', errorCode: 'validation', errorDetail: 'bad email' });
    expect(() => q.retry('d')).toThrow(/is discarded, not dead/);
    expect(() => q.discard('r')).toThrow(/is pending, not dead/);
    await q.runQueue('push');
    expect(q.get('r')).toMatchObject({ status: 'done', attempts: 1, errorCode: null });
    expect(q.get('d')?.status).toBe('discarded');
    expect(calls).toEqual(['r', 'd', 'r']);
    expect(rowCount()).toBe(2); // nothing deleted
    expect(settled).toEqual(['r:dead', 'd:dead', 'r:pending', 'd:discarded', 'r:done']);
  });

  it('failPending kills the pending jobs of one key with a code and leaves other keys alone', async () => {
    const q = newQueue();
    const { handle } = scripted();
    q.register<Payload, unknown>('print', { handle });
    q.enqueue('print', { id: 'p1', key: 'zebra', payload: { n: 1 } });
    q.enqueue('print', { id: 'p2', key: 'zebra', payload: { n: 2 } });
    q.enqueue('print', { id: 'o1', key: 'office', payload: { n: 3 } });
    expect(q.failPending('print', 'zebra', 'printer_removed')).toBe(2);
    expect(q.get('p2')).toMatchObject({ status: 'dead', errorCode: 'printer_removed', attempts: 0 });
    expect(await q.runQueue('print')).toEqual({ done: 1, retried: 0, dead: 0 });
  });
});

describe('durability', () => {
  it('recovers in-flight jobs after a crash: a new queue over the same file sends them again, marked interrupted', async () => {
    const first = newQueue();
    const hang = deferred<Outcome>();
    let started = 0;
    first.register<Payload, unknown>('push', {
      handle: () => {
        started++;
        return hang.promise;
      },
    });
    first.enqueue('push', { id: 'a', key: 'k', payload: { n: 1 } });
    first.enqueue('push', { id: 'b', key: 'k', payload: { n: 2 } });
    void first.runQueue('push');
    await until(() => started === 1);
    expect(first.get('a')).toMatchObject({ status: 'inflight', attempts: 1 });

    // "Crash": the process dies mid-send; nothing is settled. A new process opens the same file.
    db.close();
    time.advance(5000);
    db = await openDb();
    const second = newQueue();
    expect(second.recovered).toEqual(['a']);
    const seen: Job<Payload>[] = [];
    second.register<Payload, unknown>('push', {
      handle: async (job) => {
        seen.push(job);
        return ok();
      },
    });
    expect(await second.runQueue('push')).toEqual({ done: 2, retried: 0, dead: 0 });
    expect(seen.map((j) => [j.id, j.attempts, j.interrupted, j.payload.n])).toEqual([
      ['a', 2, 1, 1],
      ['b', 1, 0, 2],
    ]);
  });

  it('enqueue inside a transaction: a rollback leaves no job and no event; a commit wakes the worker', async () => {
    const q = newQueue();
    const { calls, handle } = scripted();
    q.register<Payload, unknown>('push', { handle });
    const events: string[] = [];
    q.onChange((job) => events.push(`${job.id}:${job.status}`));
    q.start();
    db.raw.exec('CREATE TABLE notes (id TEXT PRIMARY KEY)');
    expect(() =>
      db.tx(() => {
        db.prepare('INSERT INTO notes (id) VALUES (?)').run('n1');
        q.enqueue('push', { id: 'lost', key: 'note-n1', payload: { n: 1 } });
        throw new Error('validation failed after the enqueue');
      }),
    ).toThrow(/validation failed/);
    await q.idle();
    expect(rowCount()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 0 });
    expect(events).toEqual([]);
    expect(calls).toEqual([]);

    db.tx(() => {
      db.prepare('INSERT INTO notes (id) VALUES (?)').run('n2');
      q.enqueue('push', { id: 'kept', key: 'note-n2', payload: { n: 2 } });
    });
    await q.idle(); // woken by the enqueue, not by the timer (which is 1 s away on the fake clock)
    expect(calls).toEqual(['kept']);
    expect(events).toEqual(['kept:pending', 'kept:inflight', 'kept:done']);
    await q.stop();
  });
});

describe('the worker loop', () => {
  it('wakes on its timer for a job whose retry time came, and stops cleanly', async () => {
    const q = newQueue({ pollMs: 1000 });
    const { calls, handle } = scripted({ j: [retry('paused')] });
    q.register<Payload, unknown>('print', { handle, backoff: { baseMs: 4000, capMs: 4000 } });
    q.start();
    q.enqueue('print', { id: 'j', key: 'p', payload: { n: 1 } });
    await q.idle();
    expect(q.get('j')).toMatchObject({ status: 'pending', nextAttemptAt: time.now() + 2000 });
    time.advance(1000);
    await q.idle();
    expect(calls).toEqual(['j']); // polled, not due yet
    time.advance(1000);
    await q.idle();
    expect(calls).toEqual(['j', 'j']);
    expect(q.get('j')?.status).toBe('done');
    await q.stop();
    expect(time.pendingTimers).toBe(0);
  });

  it('is single-flight: concurrent runs of a queue share one pass and nothing is sent twice', async () => {
    const q = newQueue();
    const gate = deferred<Outcome>();
    const calls: string[] = [];
    q.register<Payload, unknown>('push', {
      handle: (job) => {
        calls.push(job.id);
        return job.id === 'a' ? gate.promise : Promise.resolve(ok());
      },
    });
    q.enqueue('push', { id: 'a', key: 'k', payload: { n: 1 } });
    const r1 = q.runQueue('push');
    const r2 = q.runQueue('push');
    expect(r2).toBe(r1);
    q.enqueue('push', { id: 'b', key: 'k', payload: { n: 2 } }); // mid-run: picked up by the same run
    gate.resolve(ok());
    expect(await r1).toEqual({ done: 2, retried: 0, dead: 0 });
    expect(calls).toEqual(['a', 'b']);
  });
});

describe('Retry-After header', () => {
  const now = Date.UTC(2026, 10, 26, 9, 0, 0);
  it('reads delay-seconds and HTTP dates; anything else falls back to the backoff', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Thu, 26 Nov 2026 09:01:30 GMT', now)).toBe(90_000);
    expect(retryAfterMs('Thu, 26 Nov 2026 08:00:00 GMT', now)).toBe(0); // already past: now
    expect(retryAfterMs('-5', now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
