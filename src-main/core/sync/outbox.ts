// The transactional outbox: a business write and the remote operations it implies are stored in
// one SQLite transaction, so after any crash either both exist or neither does. Since migration
// 0010 an operation IS a core/jobs row: queue `push:<remote>` (each remote its own concurrency
// limit), ordering key = entity + entityId (strict order per entity, parallel across entities), and
// a dead op blocks the later ops of its entity (an update never overtakes its failed create).
import { z } from 'zod';
import { REMOTES, remoteSchema, type Remote, type SyncOp } from '../../../src-preload/contract';
import type { Db } from '../db/database';
import { JobQueue } from '../jobs/queue';
import { retry, type Job, type Outcome } from '../jobs/types';
import type { Clock, Connectivity } from '../platform/ports';
import { invalid, notFound, conflict } from '../rpc/errors';
import { keepUncertainty, mayHaveApplied, PushRegistry, pushOnce, SYNC_CODES, WAIT_MS, type PushHandler } from './push';

export const outboxOpSchema = z.object({
  remote: remoteSchema, // the contract's list: secret names use the same remotes
  entity: z.string().min(1),
  entityId: z.string().min(1),
  operation: z.string().min(1),
  payload: z.unknown(),
});
export type OutboxOp = z.infer<typeof outboxOpSchema>;

export interface OutboxCounts {
  pending: number;
  inflight: number;
  done: number;
  dead: number;
}

export interface RemoteCounts {
  remote: Remote;
  /** pending + in flight */
  pending: number;
  dead: number;
}

export type Enqueue = (op: OutboxOp) => string;

export const pushQueue = (remote: Remote): string => `push:${remote}`;
const PUSH_QUEUES = REMOTES.map(pushQueue);
/** JSON keeps entity and id apart whatever characters they contain. */
export const orderingKeyOf = (entity: string, entityId: string): string => JSON.stringify([entity, entityId]);
const orderingKey = (op: OutboxOp): string => orderingKeyOf(op.entity, op.entityId);

/**
 * Ops of one remote in flight at once, each a different entity (per entity the order stays strict:
 * a lane only takes the head of a key no other lane holds). Sized by Little's law for the issue's
 * goal — 5,000 ops in ≤ 10 s with 50 ms per request is 500 ops/s × 0.05 s = 25 in flight — plus
 * headroom for the local work around each request. 4 lanes could not exceed 80 ops/s (over 60 s).
 * A remote that finds this too many answers 429 and the outbox obeys its Retry-After.
 */
export const PUSH_CONCURRENCY = 32;

export interface OutboxOptions {
  /** Operations of one remote sent at once (different entities). Default PUSH_CONCURRENCY. */
  concurrency?: number | Partial<Record<Remote, number>>;
  /** Whether a remote can be reached now; when false its ops wait for "back online" unclaimed-ish. */
  isOnline?: (remote: Remote) => boolean;
  /**
   * Told the outcome of every attempt that reached a push handler (not of ops that waited because
   * the remote was offline or had no handler): the sync engine's reachability follows pushes too.
   */
  onAttempt?: (remote: Remote, outcome: Outcome) => void;
}

export class Outbox {
  private readonly listeners = new Set<() => void>();
  readonly pushers = new PushRegistry();
  readonly jobs: JobQueue;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    jobs?: JobQueue,
    private readonly opts: OutboxOptions = {},
  ) {
    // Standalone (tests, the crash child) an Outbox brings its own engine, never started.
    this.jobs = jobs ?? new JobQueue({ db, clock });
    for (const remote of REMOTES) {
      const c = opts.concurrency;
      this.jobs.register<OutboxOp, unknown>(pushQueue(remote), {
        parse: (raw) => outboxOpSchema.parse(raw),
        handle: (job) => this.handle(job),
        concurrency: typeof c === 'number' ? c : (c?.[remote] ?? PUSH_CONCURRENCY),
        // Network trouble and 5xx retry for as long as the outage lasts: nothing is dropped.
        maxAttempts: Number.MAX_SAFE_INTEGER,
        backoff: { baseMs: 1_000, capMs: 5 * 60_000 },
        deadBlocksKey: true,
      });
    }
    // Status changes made by the engine (sent, failed, retried, discarded). A fresh pending row
    // was already announced by transact() after its commit.
    this.jobs.onChange((job) => {
      if (!job.queue.startsWith('push:')) return;
      if (job.status === 'pending' && job.attempts === 0 && job.interrupted === 0 && job.errorCode === null) return;
      this.notify();
    });
  }

  /** `push:<remote>` handler for one operation: see push.ts. */
  registerPush<P>(remote: Remote, operation: string, handler: PushHandler<P>, schema?: z.ZodType<P>): () => void {
    const off = this.pushers.register(remote, operation, handler, schema);
    this.jobs.makeDue([pushQueue(remote)]); // ops that waited for a handler go on the next pass
    return off;
  }

  /**
   * Called after a committed change of the outbox: a transaction that enqueued, or an op that
   * changed status. Never for a rollback. The header's counts and sync.changed follow this.
   */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs `write` and every operation it enqueues in ONE transaction. `write` is synchronous;
   * if it throws, nothing of it and none of its operations are stored.
   */
  transact<T>(write: (enqueue: Enqueue) => T): T {
    return this.db.tx(() => {
      let enqueued = 0;
      return write((op) => {
        const parsed = outboxOpSchema.parse(op);
        const opId = this.jobs.enqueue(pushQueue(parsed.remote), { key: orderingKey(parsed), payload: { ...parsed, payload: parsed.payload ?? null } });
        if (enqueued++ === 0) this.db.afterCommit(() => this.notify()); // one notice per transaction
        return opId;
      });
    });
  }

  /**
   * In-flight ops of a stopped process back to pending, counted as interrupted. The engine does
   * this when it is created; this is for an Outbox sharing a database another process wrote.
   */
  recoverInflight(): number {
    const changed = this.jobs.recoverInflightIn(PUSH_QUEUES);
    if (changed > 0) this.db.afterCommit(() => this.notify());
    return changed;
  }

  counts(): OutboxCounts {
    const c = this.jobs.countsIn(PUSH_QUEUES);
    return { pending: c.pending, inflight: c.inflight, done: c.done, dead: c.dead };
  }

  /**
   * What the header shows: waiting (pending + in flight) and dead. Reads only open rows (the
   * jobs_open partial index), so its cost does not grow with the history of sent ops.
   */
  openCounts(): { pending: number; dead: number } {
    return this.remoteCounts().reduce((t, c) => ({ pending: t.pending + c.pending, dead: t.dead + c.dead }), { pending: 0, dead: 0 });
  }

  remoteCounts(): RemoteCounts[] {
    const by = new Map<Remote, RemoteCounts>(REMOTES.map((r) => [r, { remote: r, pending: 0, dead: 0 }]));
    for (const r of this.jobs.openCountsIn(PUSH_QUEUES)) {
      const c = by.get(r.queue.slice('push:'.length) as Remote);
      if (!c) continue;
      if (r.status === 'dead') c.dead += r.n;
      else c.pending += r.n;
    }
    return [...by.values()];
  }

  /**
   * The [entity, entityId] ordering keys (orderingKeyOf) with open operations of a remote: a pull
   * must not overwrite those rows. One query over open rows only.
   */
  openKeys(remote: Remote): Set<string> {
    return new Set(this.jobs.openKeys(pushQueue(remote)));
  }

  /** Open (pending, in flight, dead) or only dead operations, oldest first. */
  list(q: { status: 'open' | 'dead'; remote?: Remote; limit: number }): SyncOp[] {
    return this.jobs
      .listOpenIn({ queues: PUSH_QUEUES, deadOnly: q.status === 'dead', ...(q.remote ? { queue: pushQueue(q.remote) } : {}), limit: q.limit })
      .map(toSyncOp);
  }

  get(id: string): SyncOp | undefined {
    const job = this.jobs.get(id);
    if (!job || !job.queue.startsWith('push:') || !['pending', 'inflight', 'dead'].includes(job.status)) return undefined;
    return toSyncOp(job);
  }

  /** dead → pending, due now, attempts from zero (someone fixed something). */
  retry(id: string): SyncOp {
    this.deadOp(id);
    this.jobs.retry(id);
    return this.get(id) as SyncOp;
  }

  /** dead → discarded: kept on record, never sent. */
  discard(id: string): void {
    this.deadOp(id);
    this.jobs.discard(id);
  }

  /** Replaces a dead op's payload (validated by its operation's schema, when registered) and retries it. */
  edit(id: string, payload: unknown): SyncOp {
    const op = this.deadOp(id);
    const schema = this.pushers.get(op.remote, op.operation)?.schema;
    if (schema) {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        throw invalid(
          'The payload does not match the operation',
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      }
    }
    const stored = { remote: op.remote, entity: op.entity, entityId: op.entityId, operation: op.operation, payload: payload ?? null };
    this.jobs.edit(id, stored);
    return this.get(id) as SyncOp;
  }

  /**
   * "Sync now" / back online: every waiting op becomes due now and each remote's queue runs
   * (single-flight: a run in progress is shared and makes one more pass).
   */
  async syncNow(remote?: Remote): Promise<void> {
    const queues = remote ? [pushQueue(remote)] : PUSH_QUEUES;
    this.jobs.makeDue(queues);
    await Promise.all(queues.map((q) => this.jobs.runQueue(q)));
  }

  /** Wakes the outbox when connectivity comes back. */
  follow(connectivity: Connectivity): () => void {
    return connectivity.onChange((online) => {
      if (online) void this.syncNow().catch(() => undefined);
    });
  }

  private deadOp(id: string): SyncOp {
    const op = this.get(id);
    if (!op) throw notFound('Operation');
    if (op.status !== 'dead') throw conflict(`The operation is ${op.status}, not dead`);
    return op;
  }

  private async handle(job: Job<OutboxOp>) {
    const op = job.payload;
    const uncertain = mayHaveApplied(job);
    if (this.opts.isOnline && !this.opts.isOnline(op.remote)) return keepUncertainty(retry(SYNC_CODES.offline, undefined, WAIT_MS), uncertain);
    const outcome = await pushOnce(this.pushers, op, { opId: job.id, attempt: job.attempts, mayHaveApplied: uncertain });
    if (this.opts.onAttempt) {
      try {
        this.opts.onAttempt(op.remote, outcome);
      } catch {
        // A listener's failure must not change what happens to the op.
      }
    }
    return keepUncertainty(outcome, uncertain);
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}

function toSyncOp(job: Job): SyncOp {
  const op = job.payload as OutboxOp;
  return {
    id: job.id,
    remote: op.remote,
    entity: op.entity,
    entityId: op.entityId,
    operation: op.operation,
    payload: op.payload,
    status: job.status as SyncOp['status'],
    attempts: job.attempts,
    errorCode: job.errorCode,
    errorMessage: job.errorDetail,
    nextAttemptAt: job.nextAttemptAt,
    createdAt: job.createdAt,
  };
}
