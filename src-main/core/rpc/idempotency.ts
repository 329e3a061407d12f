// The first result of each write, by idempotency key, kept in SQLite for a day: a call repeated
// after a dropped connection (same key) is answered with that result instead of acting again.
import { createHash } from 'node:crypto';
import type { RpcResult } from '../../../src-preload/contract';
import type { Db } from '../db/database';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Pruning is a table scan on the index: once an hour is plenty. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface StoredCall {
  method: string;
  inputHash: string;
  result: RpcResult<unknown>;
}

export class IdempotencyStore {
  private lastPrune = -Infinity;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
  ) {}

  /** The stored call under this key, unless it is older than the time to live. */
  get(key: string): StoredCall | undefined {
    const row = this.db
      .prepare(`SELECT method, input_hash, result FROM rpc_idempotency WHERE key = ? AND created_at >= ?`)
      .get(key, this.now() - this.ttlMs) as { method: string; input_hash: string; result: string } | undefined;
    if (!row) return undefined;
    return { method: row.method, inputHash: row.input_hash, result: JSON.parse(row.result) as RpcResult<unknown> };
  }

  /**
   * Records the first result; a later put under the same key changes nothing. The row is committed
   * without its own fsync (synchronous=NORMAL for this one statement, in WAL mode): it rides on the
   * next durable commit. A power cut in between can only lose the record of a call that already
   * acted, while a call's own write stays as durable as the store makes it; a second fsync per
   * write would double the cost of every write on a synchronous=FULL store.
   */
  put(key: string, call: StoredCall): void {
    const now = this.now();
    this.db.relaxed(() => {
      if (now - this.lastPrune >= PRUNE_EVERY_MS) this.prune();
      this.insert(key, call, now);
    });
  }

  private insert(key: string, call: StoredCall, now: number): void {
    this.db
      .prepare(`INSERT INTO rpc_idempotency (key, method, input_hash, result, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET method = excluded.method, input_hash = excluded.input_hash,
                  result = excluded.result, created_at = excluded.created_at
                WHERE rpc_idempotency.created_at < ?`)
      .run(key, call.method, call.inputHash, JSON.stringify(call.result), now, now - this.ttlMs);
  }

  /** Drops results older than the time to live; answers how many. */
  prune(): number {
    this.lastPrune = this.now();
    return this.db.prepare(`DELETE FROM rpc_idempotency WHERE created_at < ?`).run(this.now() - this.ttlMs).changes;
  }
}

/** A fingerprint of the call's input, so one key cannot be reused for a different call. */
export function inputHash(input: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(input ?? null) ?? 'undefined';
  } catch {
    // BigInt or a cycle (possible over IPC's structured clone): such input fails validation anyway.
    text = `unserialisable:${String(input)}`;
  }
  return createHash('sha256').update(text).digest('base64url');
}
