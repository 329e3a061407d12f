// Sign-in by PIN with a salt per user: the PIN is hashed under each active user's salt until one
// matches (most recent sign-in first, four scrypt hashes at a time on the threadpool).
import path from 'node:path';
import { openDatabase } from '../../src-main/core/db/database';
import { StationService } from '../../src-main/core/station/service';
import { tempDir } from '../helpers/tmp';
import type { Harness } from './harness';

const USERS = 20;

export default async function station(h: Harness): Promise<void> {
  const t = tempDir();
  const db = await openDatabase({ file: path.join(t.dir, 'dockside.sqlite') });
  const clock = { now: () => Date.now() };
  // The lockout is off here: the wrong-PIN row would otherwise be paused after five tries.
  const lockout = { freeFailures: Number.MAX_SAFE_INTEGER, baseDelayMs: 0, maxDelayMs: 0, windowMs: 60_000 };
  const s = new StationService({ db, clock, stationId: StationService.ensureStation(db, clock, 'Bench'), lockout });
  try {
    await s.setup({ stationName: 'Bench', name: 'Boss', pin: '900000' });
    const pins = ['900000'];
    for (let i = 1; i < USERS; i++) {
      const pin = String(1000 + i);
      await s.createUser({ name: `User ${i}`, role: 'packer', pin }, null);
      pins.push(pin);
    }
    // Everyone signs in once so the order by last sign-in is settled.
    for (const pin of pins) await s.signIn({ pin });
    let i = 0;
    // Round robin: each PIN is the one signed in longest ago, so it is tried last (all 20 hashes).
    await h.run(`station.signIn, ${USERS} users, worst case (PIN tried last)`, () => s.signIn({ pin: pins[i++ % USERS]! }), { n: 40, warmup: 4 });
    // Two people taking turns at the bench: the PIN is found among the first hashes.
    let turn = 0;
    await h.run(`station.signIn, ${USERS} users, switch back to the previous user`, () => s.signIn({ pin: pins[turn++ % 2]! }), { n: 40, warmup: 4 });
    await h.run(`station.signIn, ${USERS} users, wrong PIN (all hashes)`, () => s.signIn({ pin: '4242' }).catch(() => undefined), { n: 40, warmup: 4 });
  } finally {
    db.close();
    t.cleanup();
  }
}
