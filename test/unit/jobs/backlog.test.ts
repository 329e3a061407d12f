// A backlog larger than one pass's claim cap (1,000) drains in one run: the run makes another pass
// instead of leaving the rest for the next poll (1 s per 1,000 ops; the outbox drain benchmark).
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { JobQueue } from '../../../src-main/core/jobs/queue';
import { ok } from '../../../src-main/core/jobs/types';
import { tempDir } from '../../helpers/tmp';
import { FakeTime } from './fakeTime';

let db: Db | undefined;
let cleanup = (): void => {};
afterEach(() => {
  db?.close();
  cleanup();
});

it('2,500 due jobs are all done by one runQueue, without a poll in between', async () => {
  const t = tempDir('dockside-jobs-backlog-');
  cleanup = t.cleanup;
  db = await openDatabase({ file: path.join(t.dir, 'dockside.sqlite') });
  const time = new FakeTime();
  const q = new JobQueue({ db, clock: time, timers: time, pollMs: 60_000 });
  let handled = 0;
  q.register<{ n: number }, unknown>('push', {
    concurrency: 8,
    handle: async () => {
      handled++;
      return ok();
    },
  });
  db.tx(() => {
    for (let n = 0; n < 2_500; n++) q.enqueue('push', { key: `k${n}`, payload: { n } });
  });
  const summary = await q.runQueue('push');
  expect(summary.done).toBe(2_500);
  expect(handled).toBe(2_500);
  expect(q.counts('push')).toMatchObject({ pending: 0, inflight: 0, done: 2_500 });
});
