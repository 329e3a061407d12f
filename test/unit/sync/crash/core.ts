// The real core (createCore: SyncEngine, Outbox on core/jobs, the five connector modules) pointed
// at the in-process simulator, as web mode's --config would configure it, with its own pulls off:
// the tests run sync by hand (core.sync.syncNow) and move the clock past waits (a HOMS create's
// settle window, backoff) instead of sleeping.
import { createCore, type Core } from '../../../../src-main/core/app';
import type { ResolvedRemotes } from '../../../../src-main/core/connections/config';
import { memoryLogger } from '../../../../src-main/core/log/logger';
import type { Clock } from '../../../../src-main/core/platform/ports';
import { memorySettingsStore } from '../../../../src-main/core/settings/memoryStore';
import type { Remote } from '../../../../src-preload/contract';
import type { RunningSim } from '../../../../src-main/sim/server';
import { memorySecrets, switchableConnectivity } from '../../../helpers/core';
import { tempDir } from '../../../helpers/tmp';

export class TestClock implements Clock {
  constructor(public t = Date.now()) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** The --config `remotes` of the simulator's printed URLs and credentials. */
export function simRemotes(sim: RunningSim, remotes: readonly Remote[]): ResolvedRemotes {
  const c = sim.credentials;
  const all: ResolvedRemotes = {
    afosto: { baseUrl: sim.urls.afosto, settings: {}, secrets: { clientId: c.afosto.client_id, clientSecret: c.afosto.client_secret } },
    ucs: { baseUrl: sim.urls.ucs, settings: {}, secrets: { clientId: c.ucs.client_id, clientSecret: c.ucs.client_secret } },
    ultracart: { baseUrl: sim.urls.ultracart, settings: {}, secrets: { simpleKey: c.ultracart.key } },
    homs: { baseUrl: sim.urls.homs, settings: { email: c.homs.email }, secrets: { token: c.homs.apiToken } },
    opentaps: { baseUrl: sim.urls.opentaps, settings: { clientDomain: c.opentaps.clientDomain }, secrets: { authToken: c.opentaps.authToken } },
  };
  return Object.fromEntries(remotes.map((r) => [r, all[r]]));
}

export interface SimCore {
  core: Core;
  clock: TestClock;
  close(): Promise<void>;
}

export async function simCore(sim: RunningSim, remotes: readonly Remote[]): Promise<SimCore> {
  const { dir, cleanup } = tempDir('dockside-converge-');
  const clock = new TestClock();
  const core = await createCore({
    dataDir: dir,
    settings: memorySettingsStore(),
    secrets: memorySecrets(),
    connectivity: switchableConnectivity(true),
    logger: memoryLogger('error'),
    version: '0.0.0-test',
    platform: 'test',
    clock,
    remotes: simRemotes(sim, remotes),
    sync: { autoStart: false, defaultCountry: 'CZ' },
  });
  return {
    core,
    clock,
    async close() {
      await core.close();
      cleanup();
    },
  };
}

/** One "Sync now" of the given remotes, waiting also for the pushes that reachability started. */
export async function syncOnce(s: SimCore, remotes: readonly Remote[]): Promise<void> {
  await Promise.all(remotes.map((r) => s.core.sync.syncNow(r)));
  await s.core.jobs.idle();
  await s.core.sync.pull.idle();
}

/** Whether each remote answered its last pull, every resource of it through. */
export function pullsDone(s: SimCore, remotes: readonly Remote[]): boolean {
  return s.core.sync
    .remotes()
    .filter((r) => remotes.includes(r.remote))
    .every((r) => r.state === 'connected' && r.resources.every((res) => res.lastError === null && res.lastSuccessAt !== null));
}

/**
 * Syncs until nothing waits and every remote's last pull went through; the clock moves a minute
 * each pass (Retry-After, backoff, a HOMS create's settle window). A remote that answers gets
 * only its pushes run (a UCS sweep costs a thousand requests); one that does not is pulled, as the
 * engine's probe would. Returns the passes it took (early when what still waits is stuck behind a
 * dead op); throws when it does not get there.
 */
export async function syncToEnd(s: SimCore, remotes: readonly Remote[], maxPasses = 40): Promise<number> {
  let before = '';
  for (let pass = 1; pass <= maxPasses; pass++) {
    const statuses = s.core.sync.remotes().filter((r) => remotes.includes(r.remote));
    const waiting = statuses.reduce((n, r) => n + r.pending, 0);
    if (waiting === 0 && pullsDone(s, remotes)) return pass;
    // Ops behind a dead op of their entity wait for a person (retry / edit / discard): the caller decides.
    const now = JSON.stringify(statuses.map((r) => [r.pending, r.dead]));
    if (statuses.some((r) => r.dead > 0) && now === before && pullsDone(s, remotes)) return pass;
    before = now;
    for (const r of statuses) {
      if (r.pending > 0 && r.state === 'connected') await s.core.outbox.syncNow(r.remote);
      else await s.core.sync.syncNow(r.remote);
    }
    await s.core.jobs.idle();
    await s.core.sync.pull.idle();
    s.clock.advance(61_000);
  }
  const statuses = s.core.sync.remotes().filter((r) => remotes.includes(r.remote));
  const dead = s.core.outbox.list({ status: 'dead', limit: 20 }).map((d) => `${d.remote} ${d.operation} ${d.entityId}: ${d.errorCode} ${d.errorMessage}`);
  throw new Error(
    `sync did not converge: ${JSON.stringify(statuses.map((r) => ({ remote: r.remote, state: r.state, pending: r.pending, dead: r.dead, lastError: r.lastError, errors: r.resources.filter((x) => x.lastError) })))}\n${dead.join('\n')}`,
  );
}
