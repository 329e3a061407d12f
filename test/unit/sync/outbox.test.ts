import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { Outbox } from '../../../src-main/core/sync/outbox';
import { tempDir } from '../../helpers/tmp';

let dir: string;
let cleanup: () => void;
let db: Db;
let now = 1_000;
const clock = { now: () => now };
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  db = await openDatabase({ file: path.join(dir, 'dockside.sqlite') });
});
afterEach(() => {
  db.close();
  cleanup();
});

const count = (sql: string) => (db.raw.prepare(sql).get() as { n: number }).n;

describe('transactional outbox', () => {
  it('stores the write and its operations together', () => {
    const outbox = new Outbox(db, clock);
    const opIds = outbox.transact((enqueue) => {
      db.prepare(`INSERT INTO orders (id, number, status, updated_at) VALUES ('o1', 'N-1', 'open', 0)`).run();
      return [enqueue({ remote: 'afosto', entity: 'order', entityId: 'o1', operation: 'create', payload: { n: 1 } })];
    });
    const row = db.raw.prepare(`SELECT * FROM outbox WHERE op_id = ?`).get(opIds[0]) as Record<string, unknown>;
    expect(row).toMatchObject({ remote: 'afosto', entity: 'order', entity_id: 'o1', status: 'pending', attempts: 0, next_attempt_at: 1000 });
    expect(JSON.parse(row.payload as string)).toEqual({ n: 1 });
    expect(opIds[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/); // uuid v7: also the idempotency key
  });

  it('keeps neither when the write fails after enqueueing', () => {
    const outbox = new Outbox(db, clock);
    expect(() =>
      outbox.transact((enqueue) => {
        enqueue({ remote: 'afosto', entity: 'order', entityId: 'o1', operation: 'create', payload: {} });
        db.prepare(`INSERT INTO orders (id, number, status, updated_at) VALUES ('o1', 'N-1', 'open', 0)`).run();
        db.prepare(`INSERT INTO orders (id, number, status, updated_at) VALUES ('o2', 'N-1', 'open', 0)`).run(); // duplicate number
      }),
    ).toThrow(/UNIQUE/);
    expect(count(`SELECT COUNT(*) AS n FROM outbox`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM orders`)).toBe(0);
  });

  it('rejects an operation for an unknown remote without storing anything', () => {
    const outbox = new Outbox(db, clock);
    expect(() =>
      outbox.transact((enqueue) => {
        db.prepare(`INSERT INTO orders (id, number, status, updated_at) VALUES ('o1', 'N-1', 'open', 0)`).run();
        enqueue({ remote: 'shopify' as never, entity: 'order', entityId: 'o1', operation: 'create', payload: {} });
      }),
    ).toThrow();
    expect(count(`SELECT COUNT(*) AS n FROM orders`)).toBe(0);
  });

  it('returns in-flight operations to pending on start and counts by status', () => {
    const outbox = new Outbox(db, clock);
    outbox.transact((enqueue) => {
      for (let i = 0; i < 4; i++) enqueue({ remote: 'ucs', entity: 'call', entityId: `c${i}`, operation: 'metadata', payload: {} });
    });
    db.raw.exec(`UPDATE outbox SET status = 'inflight' WHERE entity_id IN ('c0', 'c1')`);
    db.raw.exec(`UPDATE outbox SET status = 'dead', last_error = 'field x invalid' WHERE entity_id = 'c2'`);
    expect(outbox.counts()).toEqual({ pending: 1, inflight: 2, done: 0, dead: 1 });
    now = 5_000;
    expect(outbox.recoverInflight()).toBe(2);
    expect(outbox.counts()).toEqual({ pending: 3, inflight: 0, done: 0, dead: 1 });
  });
});

describe('crash safety', () => {
  const child = fileURLToPath(new URL('./outboxCrashChild.ts', import.meta.url));

  async function runAndKill(file: string, start: number, afterProgress: number): Promise<void> {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, file, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve, reject) => {
      let seen = 0;
      proc.stdout.on('data', (d: Buffer) => {
        seen += d.toString().split('\n').filter(Boolean).length;
        if (seen >= afterProgress) {
          proc.kill('SIGKILL');
          resolve();
        }
      });
      proc.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`))));
    });
    await new Promise((r) => (proc.exitCode !== null || proc.signalCode ? r(null) : proc.once('exit', r)));
  }

  it('after SIGKILL in the middle of many writes, each write is there with its outbox rows, or neither', async () => {
    db.close();
    const file = path.join(dir, 'crash.sqlite');
    let start = 0;
    for (let round = 0; round < 3; round++) {
      await runAndKill(file, start, 3 + round * 2);
      const check = await openDatabase({ file });
      const orders = (check.raw.prepare(`SELECT id FROM orders`).all() as { id: string }[]).map((r) => r.id);
      const lines = check.raw.prepare(`SELECT order_id, COUNT(*) AS n FROM order_lines GROUP BY order_id`).all() as { order_id: string; n: number }[];
      const ops = check.raw.prepare(`SELECT entity_id, COUNT(*) AS n FROM outbox GROUP BY entity_id`).all() as { entity_id: string; n: number }[];
      expect(orders.length).toBeGreaterThan(100 * (round + 1));
      const opCount = new Map(ops.map((o) => [o.entity_id, o.n]));
      const lineCount = new Map(lines.map((l) => [l.order_id, l.n]));
      for (const id of orders) {
        expect(opCount.get(id), `outbox rows of ${id}`).toBe(2);
        expect(lineCount.get(id), `lines of ${id}`).toBe(3);
      }
      expect(opCount.size).toBe(orders.length); // no outbox row without its write
      expect(check.raw.pragma('integrity_check', { simple: true })).toBe('ok');
      start = orders.length + 1_000_000 * (round + 1);
      check.close();
    }
  });
});
