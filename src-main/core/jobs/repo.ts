// The jobs table (migration 0006): every statement the engine runs, typed. Payloads are JSON.
import type { Db } from '../db/database';
import type { Job, JobStatus } from './types';

interface Row {
  seq: number;
  id: string;
  queue: string;
  ordering_key: string;
  payload: string;
  status: JobStatus;
  attempts: number;
  interrupted: number;
  next_attempt_at: number;
  error_code: string | null;
  error_detail: string | null;
  created_at: number;
  updated_at: number;
}

const toJob = (r: Row): Job => ({
  id: r.id,
  seq: r.seq,
  queue: r.queue,
  key: r.ordering_key,
  payload: JSON.parse(r.payload) as unknown,
  status: r.status,
  attempts: r.attempts,
  interrupted: r.interrupted,
  nextAttemptAt: r.next_attempt_at,
  errorCode: r.error_code,
  errorDetail: r.error_detail,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class JobRepo {
  constructor(private readonly db: Db) {}

  insert(j: { id: string; queue: string; key: string; payload: unknown; runAt: number }, now: number): void {
    this.db
      .prepare(
        `INSERT INTO jobs (id, queue, ordering_key, payload, status, attempts, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
      )
      .run(j.id, j.queue, j.key, JSON.stringify(j.payload ?? null), j.runAt, now, now);
  }

  get(id: string): Job | undefined {
    const r = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return r ? toJob(r) : undefined;
  }

  /**
   * The head of line of every key of a queue that is due now: the oldest unfinished job of its
   * key (dead ones count when they block), and only if it is pending and its time has come.
   */
  dueHeads(queue: string, now: number, deadBlocks: boolean): Job[] {
    // The IN list repeats the partial index's condition word for word: only then does SQLite use
    // jobs_open, and the scan stays proportional to open jobs, not to the whole history.
    const sql = `SELECT j.* FROM jobs j JOIN (
        SELECT MIN(seq) AS seq FROM jobs
        WHERE queue = @queue AND status IN ('pending', 'inflight', 'dead')${deadBlocks ? '' : ` AND status <> 'dead'`}
        GROUP BY ordering_key) h ON j.seq = h.seq
      WHERE j.status = 'pending' AND j.next_attempt_at <= @now
      ORDER BY j.next_attempt_at, j.seq`;
    return (this.db.prepare(sql).all({ queue, now }) as Row[]).map(toJob);
  }

  /** pending → inflight, counting the attempt; false when the job was not pending any more. */
  claim(id: string, now: number): boolean {
    return (
      this.db.prepare(`UPDATE jobs SET status = 'inflight', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'pending'`).run(now, id)
        .changes > 0
    );
  }

  done(id: string, now: number): boolean {
    return (
      this.db
        .prepare(`UPDATE jobs SET status = 'done', error_code = NULL, error_detail = NULL, updated_at = ? WHERE id = ? AND status = 'inflight'`)
        .run(now, id).changes > 0
    );
  }

  reschedule(id: string, nextAttemptAt: number, code: string, detail: string | null, now: number): boolean {
    return (
      this.db
        .prepare(`UPDATE jobs SET status = 'pending', next_attempt_at = ?, error_code = ?, error_detail = ?, updated_at = ? WHERE id = ? AND status = 'inflight'`)
        .run(nextAttemptAt, code, detail, now, id).changes > 0
    );
  }

  /** → dead from the given states. */
  kill(id: string, from: readonly JobStatus[], code: string, detail: string | null, now: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE jobs SET status = 'dead', error_code = ?, error_detail = ?, updated_at = ?
           WHERE id = ? AND status IN (SELECT value FROM json_each(?))`,
        )
        .run(code, detail, now, id, JSON.stringify(from)).changes > 0
    );
  }

  /**
   * The ordering keys of a queue that still have unfinished work (pending, in flight or dead): the
   * pull engine's "local work waits for this row". Reads only open rows (the jobs_open index).
   */
  openKeys(queue: string): string[] {
    const rows = this.db.prepare(`SELECT DISTINCT ordering_key FROM jobs WHERE queue = ? AND status IN ('pending', 'inflight', 'dead')`).all(queue) as {
      ordering_key: string;
    }[];
    return rows.map((r) => r.ordering_key);
  }

  /** Pending jobs of one key, oldest first. */
  pendingOfKey(queue: string, key: string): Job[] {
    return (
      this.db.prepare(`SELECT * FROM jobs WHERE queue = ? AND ordering_key = ? AND status = 'pending' ORDER BY seq`).all(queue, key) as Row[]
    ).map(toJob);
  }

  /** dead → pending, due now; attempts start again from zero. The last error stays until the next attempt. */
  revive(id: string, now: number): boolean {
    return (
      this.db.prepare(`UPDATE jobs SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'dead'`).run(now, now, id)
        .changes > 0
    );
  }

  /** A dead job's payload replaced (someone corrected it); false when the job is not dead. */
  setDeadPayload(id: string, payload: unknown, now: number): boolean {
    return this.db.prepare(`UPDATE jobs SET payload = ?, updated_at = ? WHERE id = ? AND status = 'dead'`).run(JSON.stringify(payload ?? null), now, id).changes > 0;
  }

  /** Pending jobs of these queues that wait for a later time become due now. */
  dueNow(queues: readonly string[], now: number): number {
    return this.db
      .prepare(`UPDATE jobs SET next_attempt_at = ? WHERE queue IN (SELECT value FROM json_each(?)) AND status = 'pending' AND next_attempt_at > ?`)
      .run(now, JSON.stringify(queues), now).changes;
  }

  discard(id: string, now: number): boolean {
    return this.db.prepare(`UPDATE jobs SET status = 'discarded', updated_at = ? WHERE id = ? AND status = 'dead'`).run(now, id).changes > 0;
  }

  /** At start: jobs left in flight by a stopped process go back to pending, marked interrupted. */
  recoverInflight(now: number): string[] {
    const rows = this.db
      .prepare(`UPDATE jobs SET status = 'pending', interrupted = interrupted + 1, next_attempt_at = ?, updated_at = ? WHERE status = 'inflight' RETURNING id`)
      .all(now, now) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Jobs of these queues left in flight by another process → pending, counted as interrupted. */
  recoverInflightIn(queues: readonly string[], now: number): number {
    return this.db
      .prepare(
        `UPDATE jobs SET status = 'pending', interrupted = interrupted + 1, updated_at = ?
         WHERE queue IN (SELECT value FROM json_each(?)) AND status = 'inflight'`,
      )
      .run(now, JSON.stringify(queues)).changes;
  }

  /** Per status, over several queues (every status, history included). */
  countsIn(queues: readonly string[]): Record<JobStatus, number> {
    const rows = this.db
      .prepare(`SELECT status, COUNT(*) AS n FROM jobs WHERE queue IN (SELECT value FROM json_each(?)) GROUP BY status`)
      .all(JSON.stringify(queues)) as { status: JobStatus; n: number }[];
    const counts: Record<JobStatus, number> = { pending: 0, inflight: 0, done: 0, dead: 0, discarded: 0 };
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  /** Open jobs (pending, in flight, dead) per queue and status; reads only open rows (jobs_open). */
  openCountsIn(queues: readonly string[]): { queue: string; status: JobStatus; n: number }[] {
    return this.db
      .prepare(
        `SELECT queue, status, COUNT(*) AS n FROM jobs
         WHERE queue IN (SELECT value FROM json_each(?)) AND status IN ('pending', 'inflight', 'dead') GROUP BY queue, status`,
      )
      .all(JSON.stringify(queues)) as { queue: string; status: JobStatus; n: number }[];
  }

  /** Open (pending, in flight, dead) or only dead jobs of these queues (or of one), oldest first. */
  listOpenIn(q: { queues: readonly string[]; deadOnly: boolean; queue?: string; limit: number }): Job[] {
    const sql = `SELECT * FROM jobs
      WHERE queue IN (SELECT value FROM json_each(@queues)) AND status IN ('pending', 'inflight', 'dead')${q.deadOnly ? ` AND status = 'dead'` : ''}
        AND (@queue IS NULL OR queue = @queue)
      ORDER BY seq LIMIT @limit`;
    return (this.db.prepare(sql).all({ queues: JSON.stringify(q.queues), queue: q.queue ?? null, limit: q.limit }) as Row[]).map(toJob);
  }

  counts(queue: string): Record<JobStatus, number> {
    const rows = this.db.prepare(`SELECT status, COUNT(*) AS n FROM jobs WHERE queue = ? GROUP BY status`).all(queue) as { status: JobStatus; n: number }[];
    const counts: Record<JobStatus, number> = { pending: 0, inflight: 0, done: 0, dead: 0, discarded: 0 };
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }
}
