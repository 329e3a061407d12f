// Child process of the whole-sync crash test (syncCrash.test.ts): a station that makes local writes
// of four remotes (row + op in one transaction), drains its outbox against the simulator running
// in the parent and pulls HOMS, UltraCart and Opentaps beside, until the parent SIGKILLs it. Each
// write is reported on stdout ONLY after its transaction committed (fs.writeSync: in the pipe
// before the next statement runs).
//
// argv: <db file> <seed> <max writes> <sim link JSON> [final]
// `final`: no writes; drain until no op is pending or in flight and one full pull of each pulled
// remote went through, print `drained` and exit 0.
//
// SYNC_CRASH_MUTATION is set only by the test that proves the check catches broken code:
//   op-outside-tx   the op of a local write is enqueued in a transaction of its own, after the row's
//   no-reconcile    the push handlers never hear that an earlier attempt may have applied
import fs from 'node:fs';
import { openDatabase } from '../../../../src-main/core/db/database';
import { systemClock } from '../../../../src-main/core/platform/ports';
import { Outbox, type Enqueue } from '../../../../src-main/core/sync/outbox';
import { PullEngine } from '../../../../src-main/core/sync/pull';
import { mulberry32 } from '../../../../src-main/sim/generator/prng';
import { clientsFor, localWrite, registerPushes, WRITE_KINDS, WRITE_REMOTES, type SimLink } from './station';

const PULL_REMOTES = ['homs', 'ultracart', 'opentaps'] as const;
type PullRemote = (typeof PULL_REMOTES)[number];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const [file, seedArg, maxArg, linkJson, mode] = process.argv.slice(2) as [string, string, string, string, string | undefined];
  const final = mode === 'final';
  const rand = mulberry32(Number(seedArg));
  const link = JSON.parse(linkJson) as SimLink;
  const db = await openDatabase({ file });
  // A new Outbox over the file a killed process left: its JobQueue returns in-flight ops to
  // pending, marked interrupted, so their handlers reconcile before sending again.
  const outbox = new Outbox(db, systemClock);
  if (process.env.SYNC_CRASH_MUTATION === 'op-outside-tx') {
    // The broken variant: the row commits first, its op in a transaction of its own a moment later.
    const real = outbox.transact.bind(outbox);
    outbox.transact = <T>(write: (enqueue: Enqueue) => T): T => {
      const ops: Parameters<Enqueue>[0][] = [];
      const result = db.tx(() => write((op) => (ops.push(op), 'deferred')));
      const until = performance.now() + 15;
      while (performance.now() < until); // the window a kill lands in
      real((enqueue) => ops.forEach((op) => enqueue(op)));
      return result;
    };
  }
  const clients = clientsFor(link, 2000);
  const mods = registerPushes(outbox, db, systemClock, clients, { homsSettleMs: 300, forgetUncertainty: process.env.SYNC_CRASH_MUTATION === 'no-reconcile' });
  // Pulls run beside the pushes, as in the app (UCS's thousand-request sweep is left out for time).
  const pull = new PullEngine({ db, clock: systemClock, openKeys: (r) => outbox.openKeys(r) });
  for (const m of mods) if ((PULL_REMOTES as readonly string[]).includes(m.remote)) pull.register(m.remote, m.resources, async () => clients[m.remote as PullRemote]);
  const report = (line: string) => fs.writeSync(1, `${line}\n`);
  report('ready');

  let writes = final ? 0 : Number(maxArg);
  const started = Date.now();
  for (let n = 0; ; n++) {
    // A few writes, then a pass of every remote's queue; writes and sends interleave.
    const batch = writes > 0 ? 1 + Math.floor(rand() * Math.min(3, writes)) : 0;
    for (let i = 0; i < batch; i++) {
      const kind = WRITE_KINDS[Math.floor(rand() * WRITE_KINDS.length)]!;
      const w = localWrite(db, outbox, link, kind, Math.floor(rand() * 1e6), (k) => Math.floor(rand() * k));
      writes--;
      if (w) report(JSON.stringify(w));
    }
    // `pull` / `pulled` lines let the parent count the kills that landed inside a pull.
    const pulling = !final && rand() < 0.3 ? (report('pull'), pull.run(PULL_REMOTES[Math.floor(rand() * PULL_REMOTES.length)]!).then(() => report('pulled'), () => report('pulled'))) : undefined;
    await Promise.all([...WRITE_REMOTES.map((r) => outbox.syncNow(r)), pulling]);
    const c = outbox.counts();
    if (final && c.pending + c.inflight === 0) {
      // The outbox is empty: every pull runs to its end once (the echoes of what was sent).
      const failed: string[] = [];
      for (const r of PULL_REMOTES) failed.push(...Object.keys((await pull.run(r)).failed));
      if (failed.length === 0 && outbox.counts().pending === 0) break;
    }
    if (final && Date.now() - started > Number(process.env.SYNC_CRASH_STUCK_MS ?? 20_000)) {
      // Ops that cannot go (behind a dead op of their entity): the parent reports what is left.
      report(`stuck ${JSON.stringify(c)}`);
      process.exit(2);
    }
    // Ops waiting for a Retry-After or a HOMS settle window: "Sync now" makes them due again.
    if (writes <= 0) await sleep(10);
  }
  report('drained');
  db.close();
}

main().catch((err: unknown) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err));
  process.exit(1);
});
