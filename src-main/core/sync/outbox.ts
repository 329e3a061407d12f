// The transactional outbox: a business write and the remote operations it implies are stored in
// one SQLite transaction, so after any crash either both exist or neither does. The sync engine
// (a later issue) drains `pending` rows; here live the primitive, recovery and the counts.
import { z } from 'zod';
import { remoteSchema } from '../../../src-preload/contract';
import type { Db } from '../db/database';
import type { Clock } from '../platform/ports';
import { newId } from '../util/ids';

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

export type Enqueue = (op: OutboxOp) => string;

export class Outbox {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Called after a committed change of the outbox: a transaction that enqueued, or a row that
   * changed status. Never for a rollback. This is how the header's counts follow the outbox
   * without anyone having to remember to publish.
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
        const opId = this.append(op);
        if (enqueued++ === 0) this.changedAfterCommit(); // one notice per transaction
        return opId;
      });
    });
  }

  /**
   * Tells the listeners once the current transaction commits (at once outside one). Every
   * method that adds rows or changes a row's status calls this; nothing outside Outbox writes
   * the outbox table.
   */
  private changedAfterCommit(): void {
    this.db.afterCommit(() => {
      for (const l of this.listeners) l();
    });
  }

  /** Appends one operation; must run inside a transaction (use `transact`). */
  private append(op: OutboxOp): string {
    if (!this.db.inTransaction) throw new Error('Outbox rows are written only inside a transaction');
    const parsed = outboxOpSchema.parse(op);
    const opId = newId();
    const now = this.clock.now();
    this.db
      .prepare(
        `INSERT INTO outbox (op_id, remote, entity, entity_id, operation, payload, status, attempts, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
      )
      .run(opId, parsed.remote, parsed.entity, parsed.entityId, parsed.operation, JSON.stringify(parsed.payload ?? null), now, now, now);
    return opId;
  }

  /**
   * On start: an `inflight` row was being sent when the app stopped. Its fate is unknown, so it
   * goes back to `pending`; the sync engine reconciles before resending (design.md, Retry).
   */
  recoverInflight(): number {
    const changed = this.db
      .prepare(`UPDATE outbox SET status = 'pending', updated_at = ? WHERE status = 'inflight'`)
      .run(this.clock.now()).changes;
    if (changed > 0) this.changedAfterCommit();
    return changed;
  }

  counts(): OutboxCounts {
    const rows = this.db.prepare(`SELECT status, COUNT(*) AS n FROM outbox GROUP BY status`).all() as { status: keyof OutboxCounts; n: number }[];
    const counts: OutboxCounts = { pending: 0, inflight: 0, done: 0, dead: 0 };
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }
}
