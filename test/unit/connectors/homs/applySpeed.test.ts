// Pull ingest speed of the HOMS orders apply (the goal for the whole pull is ≥ 50,000 records/s):
// 50,000 orders in chunks of 500, each chunk in its own transaction, then the same again (a
// re-run compares and writes nothing). The floor asserted is lower than the goal, because the
// test machine is shared; the measured rate is printed.
import path from 'node:path';
import { expect, it } from 'vitest';
import { applyOrders } from '../../../../src-main/core/connectors/homs';
import type { Order } from '../../../../src-main/core/connectors/homs';
import type { ApplyContext } from '../../../../src-main/core/sync/types';
import { tempDir } from '../../../helpers/tmp';
import { localOrders, openTestDb } from './helpers';

const N = 50_000;
const order = (i: number): Order => ({
  id: i,
  code: `ORD-${i}`,
  order_type_code: 'support_request',
  ext_code: i % 3 === 0 ? null : `ODR-${i % 7000}`,
  bp_id: i % 2 ? `bp-${i}` : null,
  bp_state: i % 2 ? 'waiting_for_agent' : null,
  state: (['to_execute', 'in_progress', 'done'] as const)[i % 3]!,
  archived: i % 11 === 0,
  done_at: i % 3 === 2 ? '2026-01-02T10:00:00+01:00' : null,
  user_email: i % 5 ? 'agent@dockside.example' : null,
  data: { requesterName: `Person ${i}`, requesterPhone: '+420601123456', subject: 'Poškozená zásilka', description: `Objednávka ${i}`, resolution: null, resolutionText: null },
});

it(`applies ${N} HOMS orders fast, and a re-run writes nothing`, async () => {
  const { dir, cleanup } = tempDir('dockside-homs-speed-');
  const db = await openTestDb(path.join(dir, 'speed.sqlite'));
  try {
    const items = Array.from({ length: N }, (_, i) => order(N - i));
    const ctx: ApplyContext = { db, now: 1, isProtected: () => false, conflict: () => undefined, resolved: () => undefined };
    const run = (now: number) => {
      const t0 = performance.now();
      let longest = 0;
      for (let i = 0; i < N; i += 500) {
        const c0 = performance.now();
        db.tx(() => applyOrders(items.slice(i, i + 500), { ...ctx, now }));
        longest = Math.max(longest, performance.now() - c0);
      }
      return { rate: Math.round(N / ((performance.now() - t0) / 1000)), longest: Math.round(longest) };
    };
    const first = run(1);
    const again = run(2);
    console.log(`HOMS orders apply: ${first.rate} records/s (longest chunk ${first.longest} ms); re-run ${again.rate} records/s`);
    const rows = localOrders(db);
    expect(rows).toHaveLength(N);
    expect(rows.every((r) => r.updated_at === 1)).toBe(true);
    expect(first.rate).toBeGreaterThan(15_000);
    expect(first.longest).toBeLessThan(200);
  } finally {
    db.close();
    cleanup();
  }
}, 60_000);
