// The whole-sync crash test: a station process (syncCrashChild.ts) writes locally for HOMS, UCS,
// UltraCart and Opentaps, drains its outbox and pulls HOMS, UltraCart and Opentaps against the
// simulator, which runs HERE so its state outlives the station's deaths. The station is SIGKILLed
// at random moments (mid-request, mid-pull, right after a commit), ≥ 100 times, seeded (the seed is
// in every failure message), restarted on the same database file each time, and finally run
// without kills until its outbox is empty. Then the simulator must hold every local write exactly
// once with the local fields, no op may be dead, every local row must carry its remote id, and
// every pull must have finished with each swept record here once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src-main/core/db/database';
import { mulberry32 } from '../../../../src-main/sim/generator/prng';
import type { RunningSim } from '../../../../src-main/sim/server';
import { bundleChild, childNodePath } from '../../../helpers/crashChild';
import { tempDir } from '../../../helpers/tmp';
import { addFault, call, withSim } from '../../../sim/helpers';
import { compareWithSim, missingLocally, pulledProblems, type SimLink, type SimView, type Write } from './station';

let sim: RunningSim;
let link: SimLink;
let childJs: string;
const work = tempDir('dockside-sync-crash-');

beforeAll(async () => {
  childJs = await bundleChild(new URL('./syncCrashChild.ts', import.meta.url), work.dir);
  sim = await withSim();
  link = {
    urls: { homs: sim.urls.homs, ucs: sim.urls.ucs, ultracart: sim.urls.ultracart, opentaps: sim.urls.opentaps },
    credentials: sim.credentials,
    agents: (sim.state.ds.opentaps.agentContacts as { contactId: string }[]).slice(0, 3).map((a) => a.contactId),
  };
}, 30_000);
afterAll(async () => {
  await sim.close();
  work.cleanup();
});

type Mutation = '' | 'op-outside-tx' | 'no-reconcile';

interface Life {
  writes: Write[];
  /** How the process ended: killed, or its own exit code (final run). */
  end: 'killed' | number;
  lines: string[];
  stderr: string;
}

/**
 * One life of the station. `killAfterMs` (after it is ready) or `killAtReport` (the instant its
 * k-th write is reported) SIGKILLs it; with neither it runs to its own end (final mode).
 */
function live(file: string, seed: number, maxWrites: number, mutation: Mutation, kill: { afterMs?: number; atReport?: number }, final = false): Promise<Life> {
  const proc = spawn(process.execPath, [childJs, file, String(seed), String(maxWrites), JSON.stringify(link), ...(final ? ['final'] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_PATH: childNodePath, SYNC_CRASH_MUTATION: mutation, ...(mutation ? { SYNC_CRASH_STUCK_MS: '3000' } : {}) },
  });
  let out = '';
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  const guard = setTimeout(() => proc.kill('SIGKILL'), final ? 40_000 : 10_000); // never hang the suite
  proc.stderr.on('data', (d) => (stderr += d));
  proc.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const lines = out.split('\n').slice(0, -1);
    if (lines[0] === 'ready' && kill.afterMs !== undefined) timer ??= setTimeout(() => proc.kill('SIGKILL'), kill.afterMs);
    if (kill.atReport !== undefined && lines.length - 1 >= kill.atReport) proc.kill('SIGKILL');
  });
  return new Promise((resolve) => {
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      const lines = out.split('\n').slice(0, -1); // complete lines only: a torn last line was not reported
      const writes = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Write);
      resolve({ writes, end: signal === 'SIGKILL' ? 'killed' : (code ?? -1), lines, stderr });
    });
  });
}

interface CrashRun {
  seed: number;
  rounds: number;
  reported: Write[];
  kills: number;
  /** Kills that landed while a pull was running. */
  killedInPull: number;
  interrupted: number;
  final: Life;
  problems: string[];
  ms: number;
}

async function crashRun(mutation: Mutation, rounds: number, seed: number): Promise<CrashRun> {
  const t0 = Date.now();
  await call(`${sim.urls.control}/reset`, { method: 'POST', json: {} });
  // A little latency on half the requests, so a kill often lands while a request is out.
  await addFault(sim, { system: '*', kind: 'latency', latencyMs: 12, rate: 0.5, durationMs: 10 * 60_000 });
  // And now and then a remote fault (SYNC_CRASH_FAULTS=0: kills only): lost replies and malformed
  // answers (applied), 500s, 429s and resets (not applied).
  if (process.env.SYNC_CRASH_FAULTS !== '0') {
    for (const spec of [{ kind: 'lost_reply' }, { kind: 'error', status: 500 }, { kind: 'malformed' }, { kind: 'error', status: 429, retryAfter: 1 }, { kind: 'reset' }]) await addFault(sim, { system: '*', rate: 0.04, durationMs: 10 * 60_000, ...spec });
  }
  const file = path.join(work.dir, `station-${mutation || 'ok'}-${seed}.sqlite`);
  const rand = mulberry32(seed); // seeded, so a failing run can be replayed from the seed in its message
  const reported: Write[] = [];
  let kills = 0;
  let killedInPull = 0;
  for (let round = 1; round <= rounds; round++) {
    // Mostly a timed kill anywhere in the life (start-up, writes, sends); sometimes right after a commit.
    // (A write that finds nothing to update reports nothing: the timed kill stays as a fallback.)
    const maxWrites = Math.floor(rand() * 5);
    const atReport = maxWrites > 0 && rand() < 0.25 ? 1 + Math.floor(rand() * maxWrites) : undefined;
    const life = await live(file, Math.floor(rand() * 2 ** 31), maxWrites, mutation, atReport ? { atReport, afterMs: 300 } : { afterMs: rand() * 140 });
    if (life.end !== 'killed') return { seed, rounds: round, reported, kills, killedInPull, interrupted: 0, final: life, problems: [`round ${round}: the station exited ${life.end}: ${life.stderr}`], ms: Date.now() - t0 };
    kills++;
    if (life.lines.filter((l) => l === 'pull').length > life.lines.filter((l) => l === 'pulled').length) killedInPull++;
    reported.push(...life.writes);
  }
  sim.state.faults.clear();
  const final = await live(file, seed, 0, mutation, {}, true);
  const db = await openDatabase({ file });
  try {
    const problems: string[] = [];
    if (final.end !== 0) problems.push(`final run ended ${final.end}: ${final.lines.slice(-1).join('')} ${final.stderr}`);
    const counts = db.prepare(`SELECT status, COUNT(*) AS n FROM jobs WHERE queue LIKE 'push:%' GROUP BY status`).all() as { status: string; n: number }[];
    for (const c of counts) if (c.status !== 'done') problems.push(`${c.n} ops ${c.status}`);
    for (const d of db.prepare(`SELECT payload, error_code, error_detail FROM jobs WHERE status = 'dead'`).all() as { payload: string; error_code: string; error_detail: string }[]) {
      const op = JSON.parse(d.payload) as { operation: string; entityId: string };
      problems.push(`dead ${op.operation} ${op.entityId}: ${d.error_code} ${d.error_detail}`);
    }
    problems.push(...missingLocally(db, reported));
    const view = (await call(`${sim.urls.control}/state`)).json as SimView;
    problems.push(...compareWithSim(db, view));
    problems.push(...pulledProblems(db, view, { homs: 2, ultracart: 5, opentaps: 2 }));
    const interrupted = (db.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE interrupted > 0`).get() as { n: number }).n;
    return { seed, rounds, reported, kills, killedInPull, interrupted, final, problems, ms: Date.now() - t0 };
  } finally {
    db.close();
  }
}

describe('whole-sync crash test', () => {
  it('100 SIGKILLs at random moments while writing and syncing four remotes: after the final drain the simulator holds every local write exactly once', async () => {
    const seed = Number(process.env.SYNC_CRASH_SEED ?? Date.now() % 2 ** 31);
    const rounds = Number(process.env.SYNC_CRASH_ROUNDS ?? 100);
    const run = await crashRun('', rounds, seed);
    const kinds = new Set(run.reported.map((w) => w.kind));
    console.info(`sync crash: seed ${seed}, ${run.kills} kills (${run.killedInPull} inside a pull), ${run.reported.length} writes reported (${kinds.size} kinds), ${run.interrupted} ops interrupted in flight, ${run.ms} ms`);
    expect(run.problems, `seed ${seed} (SYNC_CRASH_SEED=${seed} replays it)`).toEqual([]);
    expect(run.kills).toBe(rounds);
    expect(run.reported.length, `seed ${seed}`).toBeGreaterThan(rounds / 2); // the kills landed among real work
    expect(kinds.size, `seed ${seed}: every kind of write was made`).toBeGreaterThanOrEqual(9);
    expect(run.interrupted, `seed ${seed}: kills landed while ops were in flight`).toBeGreaterThan(10);
    expect(run.killedInPull, `seed ${seed}: kills landed inside pulls`).toBeGreaterThan(5);
  }, 150_000);

  // The check must be able to fail: the same rounds against a station with either bug.
  it.each([
    ['an op committed outside its write’s transaction', 'op-outside-tx', /is in the simulator 0 times|≠ remote/],
    ['handlers that do not reconcile after a crash', 'no-reconcile', /is in the simulator [2-9] times|made here, \d+ created/],
  ] as const)('catches %s', async (_name, mutation, expected) => {
    const seed = Number(process.env.SYNC_CRASH_SEED ?? Date.now() % 2 ** 31);
    const run = await crashRun(mutation, 40, seed);
    console.info(`sync crash, broken station (${mutation}): seed ${seed}, ${run.kills} kills, ${run.ms} ms; problems:\n${run.problems.slice(0, 12).join('\n')}`);
    expect(run.problems.join('\n'), `seed ${seed}`).toMatch(expected);
  }, 120_000);
});
