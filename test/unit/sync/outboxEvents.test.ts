// "Services emit their own events": system.status follows the outbox because the outbox changed
// (after commit), not because a caller remembered to publish.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { EventBus } from '../../../src-main/core/rpc/events';
import { Outbox } from '../../../src-main/core/sync/outbox';
import { StatusService } from '../../../src-main/core/system/status';
import { createTestCore, switchableConnectivity } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';

let cleanup: () => void;
let db: Db;
let outbox: Outbox;
let status: StatusService;
let emitted: unknown[];
let deferred: (() => void)[];
/** Runs what StatusService deferred to the next turn of the event loop. */
const nextTurn = () => deferred.splice(0).forEach((fn) => fn());

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = tempDir());
  db = await openDatabase({ file: path.join(dir, 'dockside.sqlite') });
  outbox = new Outbox(db, { now: () => 1_000 });
  const events = new EventBus();
  emitted = [];
  events.subscribe((name, payload) => name === 'system.status' && emitted.push(payload));
  deferred = [];
  status = new StatusService(outbox, switchableConnectivity(true), events, (fn) => deferred.push(fn));
});
afterEach(() => {
  status.dispose();
  db.close();
  cleanup();
});

const op = (id: string) => ({ remote: 'afosto' as const, entity: 'order', entityId: id, operation: 'create', payload: {} });
const insertOrder = (id: string) => db.prepare(`INSERT INTO orders (id, number, status, updated_at) VALUES (?, ?, 'open', 0)`).run(id, `N-${id}`);

describe('system.status follows the outbox', () => {
  it('a transaction that enqueues emits exactly one system.status with the new count, after commit', () => {
    const seenInside: number[] = [];
    outbox.onChange(() => seenInside.push(emitted.length));
    outbox.transact((enqueue) => {
      insertOrder('o1');
      enqueue(op('o1'));
      enqueue(op('o1'));
      expect(deferred).toHaveLength(0); // nothing is announced before the commit
    });
    expect(seenInside).toEqual([0]); // one change notice for the whole transaction
    nextTurn();
    expect(emitted).toEqual([{ online: true, outbox: { pending: 2, dead: 0 }, remotes: { configured: 0, connected: 0, unreachable: 0, failing: 0 } }]);

    outbox.transact((enqueue) => enqueue(op('o2')));
    nextTurn();
    expect(emitted.at(-1)).toEqual({ online: true, outbox: { pending: 3, dead: 0 }, remotes: { configured: 0, connected: 0, unreachable: 0, failing: 0 } });
    expect(emitted).toHaveLength(2);
  });

  it('a rolled-back transaction emits nothing', () => {
    expect(() =>
      outbox.transact((enqueue) => {
        enqueue(op('o1'));
        insertOrder('o1');
        insertOrder('o1'); // duplicate: the whole transaction rolls back
      }),
    ).toThrow(/UNIQUE/);
    nextTurn();
    expect(deferred).toHaveLength(0);
    expect(emitted).toEqual([]);
    // and the next committed one is announced normally
    outbox.transact((enqueue) => enqueue(op('o3')));
    nextTurn();
    expect(emitted).toEqual([{ online: true, outbox: { pending: 1, dead: 0 }, remotes: { configured: 0, connected: 0, unreachable: 0, failing: 0 } }]);
  });

  it('an outbox transaction nested in an outer one is announced when the outer one commits, not before', () => {
    db.tx(() => {
      outbox.transact((enqueue) => enqueue(op('o1')));
      expect(deferred).toHaveLength(0);
    });
    nextTurn();
    expect(emitted).toEqual([{ online: true, outbox: { pending: 1, dead: 0 }, remotes: { configured: 0, connected: 0, unreachable: 0, failing: 0 } }]);
  });

  it('a write without operations, and a burst of writes in one turn, cost at most one event', () => {
    outbox.transact(() => insertOrder('o1'));
    nextTurn();
    expect(emitted).toEqual([]);
    for (let i = 0; i < 5; i++) outbox.transact((enqueue) => enqueue(op(`b${i}`)));
    expect(deferred).toHaveLength(1);
    nextTurn();
    expect(emitted).toEqual([{ online: true, outbox: { pending: 5, dead: 0 }, remotes: { configured: 0, connected: 0, unreachable: 0, failing: 0 } }]);
  });

  it('rows changing status (in-flight recovered on start) are announced too', () => {
    outbox.transact((enqueue) => enqueue(op('o1')));
    nextTurn();
    db.raw.exec(`UPDATE jobs SET status = 'dead'`);
    expect(outbox.recoverInflight()).toBe(0);
    nextTurn();
    expect(emitted).toHaveLength(1); // nothing changed status: no notice
    db.raw.exec(`UPDATE jobs SET status = 'inflight'`);
    expect(outbox.recoverInflight()).toBe(1);
    nextTurn();
    expect(emitted.at(-1)).toEqual({ online: true, outbox: { pending: 1, dead: 0 }, remotes: { configured: 0, connected: 0, unreachable: 0, failing: 0 } });
  });
});

describe('in the composed core', () => {
  it('a write with outbox rows reaches subscribers as system.status without anyone calling publish()', async () => {
    const t = await createTestCore();
    try {
      const seen: unknown[] = [];
      t.core.events.subscribe((name, payload) => name === 'system.status' && seen.push(payload));
      t.core.outbox.transact((enqueue) => enqueue(op('o1')));
      await new Promise((r) => setImmediate(r));
      expect(seen).toEqual([{ online: true, outbox: { pending: 1, dead: 0 }, remotes: { configured: 0, connected: 0, unreachable: 0, failing: 0 } }]);
    } finally {
      await t.dispose();
    }
  });
});
