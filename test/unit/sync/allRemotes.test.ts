// The whole core with ALL FIVE remotes configured (as web mode's --config does) against one
// in-process simulator, with the real connector modules, checked through the contract a window
// uses: the full pull fills the local store with the simulator's data and every remote says
// connected; a remote whose connections are reset is unreachable (and the header never says all
// connected) while the others stay connected, and the probe brings it back once the fault is
// gone; and the pull starts with the app, before anyone signs in.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../src-main/core/app';
import { inProcessBridge } from '../../../src-main/core/rpc/inProcess';
import { demoRemotes } from '../../../src-main/host/demo';
import type { RunningSim } from '../../../src-main/sim/server';
import { REMOTES, type AppStatus, type Remote, type StationState, type SyncRemotes, type SyncRemoteStatus } from '../../../src-preload/contract';
import { createTestCore, NO_INTERVAL_PULLS } from '../../helpers/core';
import { addFault, call, withSim, type Json } from '../../sim/helpers';

vi.setConfig({ testTimeout: 120_000 });

/**
 * Resources that legitimately pull nothing from the seeded simulator: UCS `calls` refreshes the
 * records of calls handled at this station (none yet), Opentaps `tasks` asks per contact known to
 * Opentaps (none are: UCS contacts carry no Opentaps id).
 */
const EMPTY_BY_DESIGN = new Set(['ucs/calls', 'opentaps/tasks']);

interface Running {
  sim: RunningSim;
  core: Core;
  rpc: <T>(method: string, input?: unknown) => Promise<T>;
  dispose(): Promise<void>;
}
let running: Running | undefined;
afterEach(async () => {
  await running?.dispose();
  running = undefined;
});

async function start(autoStart: boolean): Promise<Running> {
  const sim = await withSim();
  const t = await createTestCore({ logLevel: 'warn', remotes: demoRemotes(sim), sync: { autoStart, ...NO_INTERVAL_PULLS } });
  const core = t.core;
  const bridge = inProcessBridge(core.dispatcher, core.events);
  const rpc = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const r = await bridge.invoke(method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  running = {
    sim,
    core,
    rpc,
    async dispose() {
      bridge.close();
      await t.dispose();
      await sim.close();
    },
  };
  return running;
}

/** `sync.remotes` as a window asks for it. */
const remotesOf = async (r: Running): Promise<SyncRemoteStatus[]> => (await r.rpc<SyncRemotes>('sync.remotes')).remotes;
const byRemote = (list: SyncRemoteStatus[]) => new Map(list.map((r) => [r.remote, r]));
const count = (core: Core, sql: string): number => (core.db.prepare(sql).get() as { n: number }).n;

/** What the simulator holds, read from its own state (and, for "my" UltraCart tasks, its own search). */
async function simCounts(sim: RunningSim) {
  const snap = (s: Remote) => sim.state.systems[s].snapshot() as Json;
  const mine = await call(`${sim.urls.ultracart}/workflow/tasks/search?_limit=500&_offset=0`, {
    method: 'POST',
    headers: { 'x-ultracart-simple-key': sim.credentials.ultracart.key },
    json: { assigned_to_me: true },
  });
  expect(mine.status).toBe(200);
  return {
    afostoOrders: snap('afosto').orders.count as number,
    afostoParcels: snap('afosto').parcels.count as number,
    afostoPickLists: snap('afosto').lists.count as number,
    ucsPersons: snap('ucs').persons.count as number,
    ucsCompanies: snap('ucs').companies.count as number,
    ultracartMyTasks: (mine.json.tasks as unknown[]).length,
    homsOrders: snap('homs').orders.count as number,
    opentapsActivities: snap('opentaps').activities.count as number,
  };
}

/** The local store holds what the simulator holds. */
async function expectLocalMatchesSim(r: Running): Promise<void> {
  const sim = await simCounts(r.sim);
  expect(sim.afostoOrders).toBeGreaterThan(0);
  expect(sim.ultracartMyTasks).toBeGreaterThan(0);
  const { core } = r;
  expect({
    afostoOrders: count(core, `SELECT COUNT(*) AS n FROM orders WHERE remote_id IS NOT NULL`),
    afostoParcels: count(core, `SELECT COUNT(*) AS n FROM parcels`),
    afostoPickLists: count(core, `SELECT COUNT(*) AS n FROM pick_lists`),
    ucsPersons: count(core, `SELECT COUNT(*) AS n FROM contacts WHERE ucs_person_id IS NOT NULL`),
    ucsCompanies: count(core, `SELECT COUNT(*) AS n FROM companies WHERE ucs_company_id IS NOT NULL`),
    ultracartMyTasks: count(core, `SELECT COUNT(*) AS n FROM tasks WHERE remote = 'ultracart'`),
    homsOrders: count(core, `SELECT COUNT(*) AS n FROM homs_orders`),
    opentapsActivities: count(core, `SELECT (SELECT COUNT(*) FROM activities WHERE remote = 'opentaps') + (SELECT COUNT(*) FROM tasks WHERE remote = 'opentaps') AS n`),
  }).toEqual(sim);
}

/** Every remote connected, every resource pulled to the end without error, with records where the simulator has data. */
function expectAllPulled(remotes: SyncRemoteStatus[]): void {
  expect(remotes.map((x) => x.remote).sort()).toEqual([...REMOTES].sort());
  for (const r of remotes) {
    expect(r, r.remote).toMatchObject({ configured: true, state: 'connected', lastError: null, pulling: false, dead: 0 });
    expect(r.resources.length, r.remote).toBeGreaterThan(0);
    for (const res of r.resources) {
      const name = `${r.remote}/${res.resource}`;
      expect(res, name).toMatchObject({ lastError: null, running: false, lastSuccessAt: expect.any(Number) });
      if (EMPTY_BY_DESIGN.has(name)) expect(res.records, name).toBe(0);
      else expect(res.records, name).toBeGreaterThan(0);
    }
  }
}

describe('all five remotes against the simulator', () => {
  it('a full pull fills the local store with the simulator’s data and every remote says connected; a reset remote is unreachable, the others stay connected', async () => {
    const r = await start(false);
    // Configured but not contacted yet: connecting, never "connected".
    expect((await r.rpc<AppStatus>('system.status')).remotes).toEqual({ configured: 5, connected: 0, unreachable: 0, failing: 0 });
    await r.rpc<StationState>('station.setup', { stationName: 'Bench 1', name: 'Jana Svobodová', pin: '999999' });
    expect((await remotesOf(r)).every((x) => x.state === 'connecting')).toBe(true);

    await r.core.sync.syncNow();
    expectAllPulled(await remotesOf(r));
    await expectLocalMatchesSim(r);
    expect((await r.rpc<AppStatus>('system.status')).remotes).toEqual({ configured: 5, connected: 5, unreachable: 0, failing: 0 });

    // HOMS drops every connection: its pull fails at the first page.
    const homsOrders = count(r.core, `SELECT COUNT(*) AS n FROM homs_orders`);
    await addFault(r.sim, { system: 'homs', kind: 'reset', durationMs: 120_000 });
    await r.core.sync.syncNow();
    const after = byRemote(await remotesOf(r));
    expect(after.get('homs')).toMatchObject({ state: 'unreachable', lastError: { code: 'network' }, pulling: false });
    for (const other of REMOTES.filter((x) => x !== 'homs')) expect(after.get(other)?.state, other).toBe('connected');
    expect((await r.rpc<AppStatus>('system.status')).remotes).toEqual({ configured: 5, connected: 4, unreachable: 1, failing: 0 });
    // What was pulled before stays: an unreachable remote takes nothing away.
    expect(count(r.core, `SELECT COUNT(*) AS n FROM homs_orders`)).toBe(homsOrders);

    // The fault cleared, the next pull of that remote answers and it is connected again.
    expect((await call(`${r.sim.urls.control}/faults`, { method: 'DELETE' })).status).toBeLessThan(300);
    await r.core.sync.syncNow('homs');
    expect(byRemote(await remotesOf(r)).get('homs')).toMatchObject({ state: 'connected', lastError: null });
    expect((await r.rpc<AppStatus>('system.status')).remotes).toEqual({ configured: 5, connected: 5, unreachable: 0, failing: 0 });
  });

  it('the pull starts with the app, before anyone signs in; an unreachable remote is probed on its own and comes back when the fault is gone', async () => {
    const r = await start(true);
    expect(await r.rpc<StationState>('station.state')).toMatchObject({ currentUser: null, needsSetup: true });
    // Nobody signs in: records arrive anyway, and every remote ends connected.
    await vi.waitFor(
      () => {
        const remotes = r.core.sync.remotes();
        expect(remotes.every((x) => x.state === 'connected' && !x.pulling && x.resources.every((res) => res.lastSuccessAt !== null))).toBe(true);
      },
      { timeout: 90_000, interval: 200 },
    );
    expect((await r.rpc<StationState>('station.state')).currentUser).toBeNull();
    expectAllPulled(r.core.sync.remotes());
    await expectLocalMatchesSim(r);
    expect((await r.rpc<AppStatus>('system.status')).remotes).toEqual({ configured: 5, connected: 5, unreachable: 0, failing: 0 });

    // Opentaps drops every connection; one pull finds out. Nothing calls it again after that:
    // the engine's own probe (5 s after one failure) must bring it back once the fault is gone.
    await addFault(r.sim, { system: 'opentaps', kind: 'reset', durationMs: 120_000 });
    await r.core.sync.syncNow('opentaps');
    expect(byRemote(r.core.sync.remotes()).get('opentaps')?.state).toBe('unreachable');
    expect((await r.rpc<AppStatus>('system.status')).remotes).toEqual({ configured: 5, connected: 4, unreachable: 1, failing: 0 });
    expect((await call(`${r.sim.urls.control}/faults`, { method: 'DELETE' })).status).toBeLessThan(300);
    await vi.waitFor(() => expect(byRemote(r.core.sync.remotes()).get('opentaps')?.state).toBe('connected'), { timeout: 30_000, interval: 200 });
    expect((await r.rpc<AppStatus>('system.status')).remotes).toEqual({ configured: 5, connected: 5, unreachable: 0, failing: 0 });
  });
});
