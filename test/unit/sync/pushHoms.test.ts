// End to end through a real connector: an outbox op drains through core/jobs to the in-process
// simulator's HOMS; its first reply is lost (applied, connection destroyed), and the resend
// reconciles by ext_code, so the simulator holds exactly one order.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HomsClient } from '../../../src-main/core/connectors/homs';
import { openDatabase } from '../../../src-main/core/db/database';
import { JobQueue } from '../../../src-main/core/jobs/queue';
import { systemClock } from '../../../src-main/core/platform/ports';
import { Outbox } from '../../../src-main/core/sync/outbox';
import type { RunningSim } from '../../../src-main/sim/server';
import { tempDir } from '../../helpers/tmp';
import { addFault, withSim, type Json } from '../../sim/helpers';

let sim: RunningSim;
beforeAll(async () => {
  sim = await withSim();
});
afterAll(() => sim.close());

it('HOMS create under lost_reply: retried with mayHaveApplied, found by ext_code, exactly one order', async () => {
  const { dir, cleanup } = tempDir('dockside-push-homs-');
  const db = await openDatabase({ file: path.join(dir, 'dockside.sqlite') });
  try {
    const outbox = new Outbox(db, systemClock, new JobQueue({ db, clock: systemClock }));
    const homs = new HomsClient({ baseUrl: sim.urls.homs, email: sim.credentials.homs.email, token: sim.credentials.homs.apiToken }, { timeoutMs: 2000 });
    const attempts: boolean[] = [];
    outbox.registerPush<{ order_type_code: string; ext_code: string; data: Record<string, unknown> }>('homs', 'create', async (op, attempt) => {
      attempts.push(attempt.mayHaveApplied);
      return attempt.mayHaveApplied ? (await homs.createOrderOnce(op.payload)).order : await homs.createOrder(op.payload);
    });
    await addFault(sim, { system: 'homs', kind: 'lost_reply', route: '/api/orders', method: 'POST' });
    const extCode = 'DS-e2e-lost-1';
    outbox.transact((enqueue) =>
      enqueue({ remote: 'homs', entity: 'order', entityId: 'e2e-1', operation: 'create', payload: { order_type_code: 'support_request', ext_code: extCode, data: { requesterName: 'Frank' } } }),
    );

    await outbox.jobs.run(); // the reply is lost: a network error, retried later
    expect(outbox.list({ status: 'open', limit: 5 })).toEqual([expect.objectContaining({ status: 'pending', errorCode: 'network' })]);
    await outbox.syncNow(); // "Sync now": due at once
    expect(attempts).toEqual([false, true]);
    expect(outbox.counts()).toEqual({ pending: 0, inflight: 0, done: 1, dead: 0 });
    const created = (sim.state.systems.homs.snapshot() as Json).orders.created as Json[];
    expect(created.filter((o) => o.ext_code === extCode)).toHaveLength(1);
  } finally {
    db.close();
    cleanup();
  }
});
