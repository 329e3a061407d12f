// The whole core over real HTTP: createCore with a tiny HOMS connector module (its pull reads the
// simulator's orders with the real client), the connection saved as Settings would. A connection
// reset at the simulator makes the remote unreachable — the status says so, a push waits without
// reaching its handler — and when the fault is cleared the next pull brings it back and the push goes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../src-main/core/app';
import type { HomsClient } from '../../../src-main/core/connectors/homs';
import type { RemoteSync } from '../../../src-main/core/sync/types';
import { demoRemotes } from '../../../src-main/host/demo';
import type { RunningSim } from '../../../src-main/sim/server';
import { createTestCore, NO_INTERVAL_PULLS, type TestCore } from '../../helpers/core';
import { addFault, call, withSim } from '../../sim/helpers';

let sim: RunningSim;
let core: Core;
let t: TestCore;
const pushed: unknown[] = [];

function homsSync(): RemoteSync<HomsClient> {
  return {
    remote: 'homs',
    resources: [
      {
        remote: 'homs',
        resource: 'orders',
        mode: 'sweep',
        async fetchPage(client, cursor) {
          const page = Number(cursor ?? 1);
          const orders = await client.listOrders(page, { pageSize: 100 });
          const done = orders.length < 100;
          return { items: orders, cursor: done ? null : String(page + 1), done };
        },
        apply(items, ctx) {
          const put = ctx.db.prepare(`INSERT OR REPLACE INTO remote_records (remote, resource, remote_id, data, updated_at) VALUES ('homs', 'orders', ?, ?, ?)`);
          for (const o of items as { code: string }[]) put.run(o.code, JSON.stringify(o), ctx.now);
        },
      },
    ],
    pushes: [{ operation: 'note', schema: { safeParse: (v: unknown) => ({ success: true, data: v }) } as never, handler: async (op) => void pushed.push(op.payload) }],
  };
}

beforeEach(async () => {
  sim = await withSim();
  t = await createTestCore({ logLevel: 'warn', sync: { factories: { homs: () => homsSync() }, ...NO_INTERVAL_PULLS } });
  core = t.core;
  pushed.length = 0;
});
afterEach(async () => {
  await t.dispose();
  await sim.close();
});

const state = () => core.sync.remotes().find((r) => r.remote === 'homs')!;

describe('sync engine against the simulator', () => {
  it('a saved connection is pulled at once; a connection reset makes it unreachable, clearing the fault brings it back and the outbox drains', async () => {
    expect(core.status.snapshot().remotes).toEqual({ configured: 0, connected: 0, unreachable: 0, failing: 0 });
    await core.connections.save({ remote: 'homs', ...demoRemotes(sim).homs }, null);
    await vi.waitFor(() => expect(state()).toMatchObject({ state: 'connected', pulling: false }), { timeout: 10_000 });
    const pulled = (core.db.prepare(`SELECT COUNT(*) AS n FROM remote_records WHERE remote = 'homs'`).get() as { n: number }).n;
    expect(pulled).toBeGreaterThan(0);
    expect(state().resources).toMatchObject([{ resource: 'orders', records: pulled, lastError: null }]);
    expect(core.status.snapshot().remotes).toEqual({ configured: 1, connected: 1, unreachable: 0, failing: 0 });

    await addFault(sim, { system: 'homs', kind: 'reset', durationMs: 60_000 });
    await core.sync.syncNow('homs');
    expect(state()).toMatchObject({ state: 'unreachable', lastError: { code: 'network' } });
    await vi.waitFor(() => expect(core.status.snapshot().remotes).toEqual({ configured: 1, connected: 0, unreachable: 1, failing: 0 }));

    // Local work while the remote is down: it waits, its handler is not called.
    core.outbox.transact((enqueue) => enqueue({ remote: 'homs', entity: 'order', entityId: 'o1', operation: 'note', payload: { text: 'hi' } }));
    await core.jobs.runQueue('push:homs');
    expect(pushed).toEqual([]);
    expect(core.outbox.openCounts()).toEqual({ pending: 1, dead: 0 });

    expect((await call(`${sim.urls.control}/faults`, { method: 'DELETE' })).status).toBeLessThan(300);
    await core.sync.syncNow('homs'); // the probe a timer would make
    expect(state().state).toBe('connected');
    await vi.waitFor(() => expect(pushed).toEqual([{ text: 'hi' }]));
    await vi.waitFor(() => expect(core.outbox.openCounts()).toEqual({ pending: 0, dead: 0 }));
    expect(core.status.snapshot().remotes).toMatchObject({ connected: 1, unreachable: 0 });
  });
});
