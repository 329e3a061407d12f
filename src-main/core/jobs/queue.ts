// The durable job queue: rows in SQLite (jobs table), one worker loop per process. Jobs of one
// ordering key run strictly in order; different keys run in parallel up to the queue's
// concurrency. A failed attempt is retried after full-jitter backoff (or the handler's
// Retry-After), becomes `dead` with a reason code after maxAttempts or when the handler says so,
// and waits there for a person to retry or discard it. Jobs are written with the data they belong
// to: `enqueue` is synchronous and may run inside Db.tx (a rollback leaves no job).
import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import type { Clock } from '../platform/ports';
import { newId } from '../util/ids';
import { DEFAULT_BACKOFF, fullJitterDelay } from './backoff';
import { JobRepo } from './repo';
import { ENGINE_CODES, type Job, type JobStatus, type Outcome, type QueueConfig, type RunSummary, type Timers } from './types';

export interface JobQueueOptions {
  db: Db;
  clock: Clock;
  /** For the backoff jitter; tests pass a fixed one. */
  random?: () => number;
  /** How often the started worker looks for due jobs (an enqueue wakes it at once). Default 1000. */
  pollMs?: number;
  timers?: Timers;
  logger?: Logger;
}

export interface EnqueueInput<P> {
  key: string;
  payload: P;
  /** Defaults to a new uuid v7; a caller may use its own row's id (print jobs) or an op id. */
  id?: string;
  /** Earliest start (default now). */
  runAt?: number;
}

type Registered = Required<Pick<QueueConfig, 'concurrency' | 'maxAttempts' | 'backoff' | 'deadBlocksKey'>> & QueueConfig;

/** Safety stop for one pass, so a handler that answers at once cannot hold the loop forever. */
const MAX_CLAIMS_PER_PASS = 1000;

export class JobQueue {
  private readonly repo: JobRepo;
  private readonly queues = new Map<string, Registered>();
  private readonly listeners = new Set<(job: Job) => void>();
  private readonly random: () => number;
  private readonly timers: Timers;
  private readonly logger: Logger;
  private readonly running = new Map<string, Promise<RunSummary>>();
  private readonly again = new Set<string>();
  private started = false;
  private timer: unknown;
  /** Changed since the last flush: the job as the engine wrote it, or undefined to read it back. */
  private readonly changedJobs = new Map<string, Job | undefined>();
  private flushScheduled = false;
  /** Ids found in flight when this queue was created (one queue per database and process). */
  readonly recovered: readonly string[];

  constructor(private readonly o: JobQueueOptions) {
    this.repo = new JobRepo(o.db);
    this.random = o.random ?? Math.random;
    this.timers = o.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
    this.logger = o.logger ?? silentLogger;
    // Their outcome is unknown: back to pending, counted in `interrupted` so a handler can
    // reconcile (look the object up at the remote) before sending again.
    this.recovered = this.repo.recoverInflight(o.clock.now());
    if (this.recovered.length > 0) this.logger.warn('jobs: in-flight jobs returned to pending after restart', { count: this.recovered.length });
  }

  register<P, R>(queue: string, config: QueueConfig<P, R>): void {
    if (this.queues.has(queue)) throw new Error(`job queue "${queue}" is already registered`);
    const c = config as QueueConfig;
    this.queues.set(queue, {
      ...c,
      concurrency: Math.max(1, c.concurrency ?? 4),
      maxAttempts: Math.max(1, c.maxAttempts ?? 10),
      backoff: c.backoff ?? DEFAULT_BACKOFF,
      deadBlocksKey: c.deadBlocksKey ?? false,
    });
  }

  /** Store a job and answer its id; synchronous, so it can share the caller's transaction. Wakes the worker. */
  enqueue<P>(queue: string, input: EnqueueInput<P>): string {
    if (!this.queues.has(queue)) throw new Error(`unknown job queue "${queue}"`);
    const now = this.o.clock.now();
    const id = input.id ?? newId();
    this.repo.insert({ id, queue, key: input.key, payload: input.payload, runAt: input.runAt ?? now }, now);
    this.changed(id);
    return id;
  }

  get(id: string): Job | undefined {
    return this.repo.get(id);
  }

  counts(queue: string): Record<JobStatus, number> {
    return this.repo.counts(queue);
  }

  /**
   * dead → pending, due now. Attempts restart at zero: whoever retries has fixed something (loaded
   * paper, edited the record) and the job deserves the full set of attempts again.
   */
  retry(id: string): Job {
    return this.transition(id, (now) => this.repo.revive(id, now), 'dead');
  }

  /** dead → pending with a corrected payload, in one transaction; attempts restart as for retry. */
  edit(id: string, payload: unknown): Job {
    return this.transition(id, (now) => this.repo.setDeadPayload(id, payload, now) && this.repo.revive(id, now), 'dead');
  }

  /**
   * Every pending job of these queues that waits (backoff, Retry-After, offline) is due now:
   * "Sync now", back online. The caller runs the queues.
   */
  makeDue(queues: readonly string[]): number {
    return this.repo.dueNow(queues, this.o.clock.now());
  }

  /** dead → discarded: kept in the table (and on screen as discarded), never run again. */
  discard(id: string): Job {
    return this.transition(id, (now) => this.repo.discard(id, now), 'dead');
  }

  /** Every pending job of a key → dead with a code (the printer was removed). In-flight ones finish. */
  failPending(queue: string, key: string, code: string, detail?: string): number {
    const q = this.config(queue);
    const now = this.o.clock.now();
    return this.o.db.tx(() => {
      let n = 0;
      for (const job of this.repo.pendingOfKey(queue, key)) {
        if (!this.repo.kill(job.id, ['pending'], code, detail ?? null, now)) continue;
        n++;
        q.onSettled?.(this.repo.get(job.id) as Job, undefined);
        this.changed(job.id);
      }
      return n;
    });
  }

  /** Jobs of these queues left in flight by another process sharing the database → pending, interrupted. */
  recoverInflightIn(queues: readonly string[]): number {
    return this.repo.recoverInflightIn(queues, this.o.clock.now());
  }

  /** Per status over several queues (history included). */
  countsIn(queues: readonly string[]): Record<JobStatus, number> {
    return this.repo.countsIn(queues);
  }

  /** Open jobs per queue and status (reads only open rows). */
  openCountsIn(queues: readonly string[]): { queue: string; status: JobStatus; n: number }[] {
    return this.repo.openCountsIn(queues);
  }

  /** Open or only dead jobs of these queues (or of one of them), oldest first. */
  listOpenIn(q: { queues: readonly string[]; deadOnly: boolean; queue?: string; limit: number }): Job[] {
    return this.repo.listOpenIn(q);
  }

  /** Ordering keys of a queue with unfinished jobs (pending, in flight or dead): one indexed query. */
  openKeys(queue: string): string[] {
    return this.repo.openKeys(queue);
  }

  /** Called after commit (next microtask) with the job as stored, for every state change. */
  onChange(listener: (job: Job) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Process everything that is due, in every queue. */
  async run(): Promise<RunSummary> {
    const all = await Promise.all([...this.queues.keys()].map((q) => this.runQueue(q)));
    return all.reduce((t, s) => ({ done: t.done + s.done, retried: t.retried + s.retried, dead: t.dead + s.dead }), { done: 0, retried: 0, dead: 0 });
  }

  /**
   * Process what is due in one queue. Single-flight per queue: a call during a run shares it and
   * asks for one more pass, so a job enqueued mid-run does not wait for the poll.
   */
  runQueue(name: string): Promise<RunSummary> {
    const q = this.config(name);
    const current = this.running.get(name);
    if (current) {
      this.again.add(name);
      return current;
    }
    const run = (async () => {
      const total: RunSummary = { done: 0, retried: 0, dead: 0 };
      try {
        let passes = 0;
        do {
          this.again.delete(name);
          await this.pass(name, q, total);
        } while (this.again.has(name) && ++passes < 10);
      } finally {
        // In the same turn as the last check: a wake arriving after it starts a new run.
        this.running.delete(name);
      }
      return total;
    })();
    this.running.set(name, run);
    return run;
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    do {
      await null; // let a scheduled change notification start its run first
      await Promise.all([...this.running.values()].map((r) => r.catch(() => undefined)));
    } while (this.running.size > 0 || this.flushScheduled);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    // The next tick is armed before this one runs; a run still going then is shared (single-flight).
    const tick = (): void => {
      if (!this.started) return;
      this.timer = this.timers.setTimeout(tick, this.o.pollMs ?? 1000);
      this.run().catch((e: unknown) => this.logger.error('jobs: run failed', { error: e }));
    };
    tick();
  }

  /** Stop the timer and wait for the run in progress (its jobs settle normally). */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    await this.idle();
  }

  // ---- internals ------------------------------------------------------------------------------

  private config(queue: string): Registered {
    const q = this.queues.get(queue);
    if (!q) throw new Error(`unknown job queue "${queue}"`);
    return q;
  }

  private transition(id: string, write: (now: number) => boolean, from: JobStatus): Job {
    const job = this.repo.get(id);
    if (!job) throw new Error(`job ${id} not found`);
    const q = this.config(job.queue);
    const after = this.o.db.tx(() => {
      if (!write(this.o.clock.now())) throw new Error(`job ${id} is ${job.status}, not ${from}`);
      const now = this.repo.get(id) as Job;
      q.onSettled?.(now, undefined);
      return now;
    });
    this.changed(id);
    return after;
  }

  /**
   * One pass over a queue: up to `concurrency` lanes, each taking the next due head of a key no
   * other lane holds. Heads are read once and re-read only when the lanes ran out of them.
   */
  private async pass(name: string, q: Registered, total: RunSummary): Promise<void> {
    const busy = new Set<string>(); // keys being sent now
    const waiting = new Set<string>(); // keys whose head was retried in this pass: wait for the next
    let heads = this.repo.dueHeads(name, this.o.clock.now(), q.deadBlocksKey);
    if (heads.length === 0) return;
    let claims = 0;
    const claimNext = (): Job | undefined => {
      for (let fresh = false; ; fresh = true) {
        const now = this.o.clock.now();
        while (heads.length > 0) {
          const head = heads.shift() as Job;
          // The claim and the outcome are bookkeeping: they commit without an fsync of their own
          // (Db.relaxed). Lost in a power cut, the job is simply attempted again, as after any crash mid-send.
          if (busy.has(head.key) || waiting.has(head.key) || !this.o.db.relaxed(() => this.repo.claim(head.id, now))) continue;
          busy.add(head.key);
          const claimed: Job = { ...head, status: 'inflight', attempts: head.attempts + 1, updatedAt: now };
          this.changed(head.id, claimed);
          return claimed;
        }
        if (fresh) return undefined;
        heads = this.repo.dueHeads(name, now, q.deadBlocksKey);
      }
    };
    const lane = async (): Promise<void> => {
      while (claims < MAX_CLAIMS_PER_PASS) {
        const job = claimNext();
        if (!job) return;
        claims++;
        const outcome = await this.attempt(q, job);
        const result = this.settle(q, job, outcome);
        total[result]++;
        if (result === 'retried') waiting.add(job.key);
        busy.delete(job.key);
      }
    };
    await Promise.all(Array.from({ length: Math.min(q.concurrency, heads.length) }, lane));
    if (claims >= MAX_CLAIMS_PER_PASS) {
      // Stopped at the cap, not because nothing was due: after one turn of the event loop the run
      // makes another pass. (Without this a backlog over the cap idled until the next poll, 1 s per
      // 1,000 ops: measured in test/bench/sync.bench.ts.)
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.again.add(name);
    }
  }

  private async attempt(q: Registered, job: Job): Promise<Outcome> {
    let parsed: Job;
    try {
      parsed = q.parse ? { ...job, payload: q.parse(job.payload) } : job;
    } catch (e) {
      return { kind: 'dead', code: ENGINE_CODES.badPayload, detail: e instanceof Error ? e.message : String(e) };
    }
    try {
      return await q.handle(parsed);
    } catch (e) {
      return { kind: 'retry', code: ENGINE_CODES.handlerError, detail: e instanceof Error ? e.message : String(e) };
    }
  }

  private settle(q: Registered, job: Job, outcome: Outcome): keyof RunSummary {
    const now = this.o.clock.now();
    const detail = outcome.kind === 'ok' ? null : (outcome.detail ?? null);
    let result: keyof RunSummary;
    let after: Job | undefined;
    try {
      result = this.o.db.relaxed(() => this.o.db.tx(() => {
        if (outcome.kind === 'ok') {
          if (this.repo.done(job.id, now)) {
            after = { ...job, status: 'done', errorCode: null, errorDetail: null, updatedAt: now };
            q.onSettled?.(after, outcome.result);
          }
          return 'done';
        }
        if (outcome.kind === 'retry' && job.attempts < q.maxAttempts) {
          const delay = outcome.retryAfterMs !== undefined ? Math.max(0, outcome.retryAfterMs) : fullJitterDelay(job.attempts, q.backoff, this.random);
          if (this.repo.reschedule(job.id, now + delay, outcome.code, detail, now)) {
            after = { ...job, status: 'pending', nextAttemptAt: now + delay, errorCode: outcome.code, errorDetail: detail, updatedAt: now };
          }
          return 'retried';
        }
        // Not retryable, or out of attempts: dead with the last failure's code.
        if (this.repo.kill(job.id, ['inflight'], outcome.code, detail, now)) {
          after = { ...job, status: 'dead', errorCode: outcome.code, errorDetail: detail, updatedAt: now };
          q.onSettled?.(after, undefined);
        }
        return 'dead';
      }));
    } catch (e) {
      // The job stays in flight until the next start recovers it; the worker keeps going.
      this.logger.error('jobs: could not record an outcome', { queue: job.queue, id: job.id, error: e });
      return 'retried';
    }
    this.changed(job.id, after);
    return result;
  }

  /**
   * Collect changes; tell listeners and wake the worker after the caller's transaction. `known` is
   * passed only for the engine's own committed writes; anything else is read back (a rolled-back
   * enqueue then simply is not there).
   */
  private changed(id: string, known?: Job): void {
    this.changedJobs.set(id, known);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const changes = [...this.changedJobs];
    this.changedJobs.clear();
    const wake = new Set<string>();
    const now = this.o.clock.now();
    for (const [id, known] of changes) {
      const job = known ?? this.repo.get(id);
      if (!job) continue;
      if (job.status === 'pending' && job.nextAttemptAt <= now) wake.add(job.queue);
      for (const l of [...this.listeners]) {
        try {
          l(job);
        } catch (e) {
          this.logger.error('jobs: change listener failed', { error: e });
        }
      }
    }
    if (!this.started) return;
    for (const q of wake) void this.runQueue(q).catch((e: unknown) => this.logger.error('jobs: run failed', { queue: q, error: e }));
  }
}
