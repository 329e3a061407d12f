// The sync engine with fake connector modules, a fake clock and timers, and a real SQLite file:
// which remotes it registers (and follows Settings → Connections), interval pulls, reachability
// from pulls and pushes (an unreachable remote's pushes wait without reaching the handler, a probe
// with backoff brings it back and the outbox drains), system.status never "connected" for an
// unreachable remote, sync.now / conflicts / dismiss through the handlers, throttled sync.remotes.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionList, Remote } from '../../../src-preload/contract';
import { REMOTES } from '../../../src-preload/contract';
import { RemoteError } from '../../../src-main/core/connectors/shared/errors';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { JobQueue } from '../../../src-main/core/jobs/queue';
import { silentLogger } from '../../../src-main/core/log/logger';
import { EventBus } from '../../../src-main/core/rpc/events';
import { SyncEngine, type SyncEngineOptions } from '../../../src-main/core/sync/engine';
import { followEngine, syncHandlers } from '../../../src-main/core/sync/handlers';
import { Outbox } from '../../../src-main/core/sync/outbox';
import type { PushOp } from '../../../src-main/core/sync/push';
import { Reachability } from '../../../src-main/core/sync/reachability';
import type { RemoteSyncFactories } from '../../../src-main/core/sync/remotes';
import type { ConnectorDeps, RemoteSync } from '../../../src-main/core/sync/types';
import { StatusService } from '../../../src-main/core/system/status';
import { switchableConnectivity } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { FakeTime } from '../jobs/fakeTime';
import { fakeResource, items, type FakeResource } from './fakeRemote';

let cleanup: () => void;
let db: Db;
let time: FakeTime;
const engines: SyncEngine[] = [];

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = tempDir('dockside-engine-'));
  db = await openDatabase({ file: path.join(dir, 'dockside.sqlite') });
  time = new FakeTime();
});
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  db.close();
  cleanup();
});

/** Settings → Connections as the engine sees it. */
function fakeConnections(configured: Remote[]) {
  const on = new Set(configured);
  const listeners = new Set<(l: ConnectionList) => void>();
  const list = (): ConnectionList => ({
    connections: REMOTES.map((remote) => ({ remote, configured: on.has(remote), baseUrl: null, settings: {}, secrets: {}, source: null, updatedAt: on.has(remote) ? 1 : null })),
  });
  return {
    clientFor: async (remote: Remote) => (on.has(remote) ? ({ remote } as never) : undefined),
    onChanged: (l: (l: ConnectionList) => void) => (listeners.add(l), () => listeners.delete(l)),
    list: async () => list(),
    set(remote: Remote, configured: boolean) {
      if (configured) on.add(remote);
      else on.delete(remote);
      for (const l of listeners) l(list());
    },
  };
}

/** A connector module: one delta and one sweep resource, one push that records what it sent. */
function fakeModule(remote: Remote) {
  const delta = fakeResource(remote, 'changes', items(3), { mode: 'delta' });
  const sweep = fakeResource(remote, 'users', items(2), { mode: 'sweep' });
  // A sweep reads from the start every run.
  const sweepFetch = sweep.fetchPage.bind(sweep);
  sweep.fetchPage = async (c, _cursor, s) => ({ ...(await sweepFetch(c, null, s)), cursor: null });
  const sent: PushOp[] = [];
  let pushError: unknown;
  const mod: RemoteSync = {
    remote,
    resources: [delta, sweep] as RemoteSync['resources'],
    pushes: [
      {
        operation: 'update',
        schema: { safeParse: (v: unknown) => ({ success: true, data: v }) } as never,
        handler: async (op) => {
          if (pushError) throw pushError;
          sent.push(op);
        },
      },
    ],
  };
  const deps: ConnectorDeps<unknown>[] = [];
  return {
    delta,
    sweep,
    sent,
    deps,
    setPushError: (e: unknown) => (pushError = e),
    factory: (d: ConnectorDeps<unknown>) => (deps.push(d), mod),
  };
}

type Module = ReturnType<typeof fakeModule>;

async function setup(o: { configured?: Remote[]; autoStart?: boolean; modules?: Remote[]; online?: boolean } & Partial<SyncEngineOptions> = {}) {
  const connectivity = switchableConnectivity(o.online ?? true);
  const reachability = new Reachability(time);
  const jobs = new JobQueue({ db, clock: time, timers: time, random: () => 0.5 });
  const outbox = new Outbox(db, time, jobs, {
    isOnline: (r) => connectivity.isOnline() && reachability.isReachable(r),
    onAttempt: (r, outcome) => reachability.pushed(r, outcome),
  });
  const connections = fakeConnections(o.configured ?? ['homs']);
  const modules = Object.fromEntries((o.modules ?? ['homs', 'ucs']).map((r) => [r, fakeModule(r)])) as Partial<Record<Remote, Module>>;
  const factories = Object.fromEntries(Object.entries(modules).map(([r, m]) => [r, m.factory])) as RemoteSyncFactories;
  const engine = new SyncEngine({
    db,
    clock: time,
    logger: silentLogger,
    stationId: 'st-1',
    outbox,
    reachability,
    connections,
    connectivity,
    factories,
    timers: time,
    autoStart: o.autoStart ?? true,
    ...o,
  });
  engines.push(engine);
  const events = new EventBus();
  const status = new StatusService(outbox, connectivity, events, (fn) => fn(), () => engine.statusRemotes(), (l) => engine.onStateChanged(l));
  await engine.start();
  await settle(engine);
  return { engine, outbox, connections, connectivity, reachability, modules, status, events, jobs };
}

/** Lets started pulls (and what their end schedules) finish. */
async function settle(engine: SyncEngine) {
  for (let i = 0; i < 5; i++) {
    await engine.pull.idle();
    await new Promise((r) => setImmediate(r));
  }
}

const fetches = (r: FakeResource) => r.fetched.length;
const netError = (remote: Remote) => new RemoteError({ remote, kind: 'network', message: 'connect ECONNREFUSED' });

describe('remotes it runs', () => {
  it('registers pushes and pulls only for configured remotes, and follows connections being saved and removed', async () => {
    const { engine, outbox, connections, modules, reachability } = await setup({ configured: ['homs'] });
    const homs = modules.homs!;
    const ucs = modules.ucs!;
    expect(outbox.pushers.get('homs', 'update')).toBeDefined();
    expect(outbox.pushers.get('ucs', 'update')).toBeUndefined();
    expect(homs.deps[0]).toMatchObject({ stationId: 'st-1' });
    expect(await homs.deps[0]!.client()).toEqual({ remote: 'homs' });
    // Started at once (before anyone signs in): both of homs's resources, none of ucs's.
    expect([fetches(homs.delta), fetches(homs.sweep), fetches(ucs.delta)]).toEqual([1, 1, 0]);
    expect(reachability.state('homs')).toBe('connected');
    expect(reachability.state('ucs')).toBe('not_configured');

    connections.set('ucs', true);
    connections.set('homs', false);
    await settle(engine);
    expect(outbox.pushers.get('ucs', 'update')).toBeDefined();
    expect(outbox.pushers.get('homs', 'update')).toBeUndefined();
    expect(engine.pull.resources('homs')).toEqual([]);
    expect(fetches(ucs.delta)).toBe(1); // a saved connection is pulled at once
    expect(engine.remotes().find((r) => r.remote === 'homs')).toMatchObject({ configured: false, state: 'not_configured', resources: [] });
    expect(engine.remotes().find((r) => r.remote === 'ucs')).toMatchObject({
      configured: true,
      state: 'connected',
      pulling: false,
      resources: [
        { resource: 'changes', records: 3, running: false, progress: null, lastError: null, lastSuccessAt: time.now() },
        { resource: 'users', records: 2, running: false, progress: null, lastError: null },
      ],
    });
  });

  it('autoStart off: nothing is pulled until sync.now, which pulls and pushes the named remote', async () => {
    const { engine, modules, outbox } = await setup({ autoStart: false });
    const homs = modules.homs!;
    expect(fetches(homs.delta)).toBe(0);
    outbox.transact((enqueue) => enqueue({ remote: 'homs', entity: 'item', entityId: '1', operation: 'update', payload: { a: 1 } }));
    const h = syncHandlers(outbox, engine);
    expect(await h['sync.now']({ remote: 'homs' }, {} as never)).toEqual({ started: true });
    await settle(engine);
    await outbox.jobs.idle();
    expect(fetches(homs.delta)).toBe(1);
    expect(homs.sent).toHaveLength(1);
    time.advance(60 * 60_000);
    await settle(engine);
    expect(fetches(homs.delta)).toBe(1); // no timers of its own
  });
});

describe('intervals', () => {
  it('delta resources every 30 s, sweeps every 5 min, on the injected clock', async () => {
    const { engine, modules } = await setup();
    const { delta, sweep } = modules.homs!;
    expect([fetches(delta), fetches(sweep)]).toEqual([1, 1]);
    time.advance(29_999);
    await settle(engine);
    expect([fetches(delta), fetches(sweep)]).toEqual([1, 1]);
    time.advance(1);
    await settle(engine);
    expect([fetches(delta), fetches(sweep)]).toEqual([2, 1]);
    expect(delta.fetched.at(-1)).toBe('3'); // from its cursor
    for (let i = 0; i < 9; i++) {
      time.advance(30_000);
      await settle(engine);
    }
    expect([fetches(delta), fetches(sweep)]).toEqual([11, 2]);
  });

  it('configurable intervals; back online pulls at once; offline, the timer pulls nothing', async () => {
    const { engine, modules, connectivity } = await setup({ deltaIntervalMs: 1_000, sweepIntervalMs: 2_000 });
    const { delta, sweep } = modules.homs!;
    time.advance(1_000);
    await settle(engine);
    expect([fetches(delta), fetches(sweep)]).toEqual([2, 1]);
    connectivity.set(false);
    time.advance(10_000);
    await settle(engine);
    expect([fetches(delta), fetches(sweep)]).toEqual([2, 1]);
    connectivity.set(true);
    await settle(engine);
    expect([fetches(delta), fetches(sweep)]).toEqual([3, 2]);
  });
});

describe('reachability', () => {
  it('network error → unreachable (the resource and the status say so); pushes wait without reaching the handler', async () => {
    const { engine, modules, outbox, reachability, status } = await setup({ autoStart: false });
    const homs = modules.homs!;
    homs.delta.fetchError = netError('homs');
    await engine.syncNow('homs');
    expect(reachability.get('homs')).toMatchObject({ state: 'unreachable', lastError: { code: 'network' } });
    expect(status.snapshot().remotes).toEqual({ configured: 1, connected: 0, unreachable: 1, failing: 0 });
    expect(engine.remotes().find((r) => r.remote === 'homs')).toMatchObject({ state: 'unreachable', resources: [{ lastError: { code: 'network' } }, { lastError: null }] });

    outbox.transact((enqueue) => enqueue({ remote: 'homs', entity: 'item', entityId: '1', operation: 'update', payload: {} }));
    await outbox.jobs.run();
    expect(homs.sent).toHaveLength(0);
    expect(outbox.list({ status: 'open', limit: 5 })).toMatchObject([{ status: 'pending', errorCode: 'offline' }]);
  });

  it('probes an unreachable remote with backoff and drains its outbox when it answers again', async () => {
    const { engine, modules, outbox, reachability, status, events } = await setup();
    const homs = modules.homs!;
    expect(reachability.state('homs')).toBe('connected');
    // A push meets the outage first: the remote is unreachable from that alone.
    homs.setPushError(netError('homs'));
    homs.delta.fetchError = netError('homs');
    outbox.transact((enqueue) => enqueue({ remote: 'homs', entity: 'item', entityId: '1', operation: 'update', payload: {} }));
    await outbox.jobs.run();
    expect(reachability.state('homs')).toBe('unreachable');
    expect(status.snapshot().remotes).toMatchObject({ connected: 0, unreachable: 1 });
    const statuses: unknown[] = [];
    events.subscribe((e, p) => e === 'system.status' && statuses.push((p as { remotes: unknown }).remotes));

    const before = fetches(homs.delta);
    time.advance(5_000); // first probe
    await settle(engine);
    expect(fetches(homs.delta)).toBe(before + 1);
    time.advance(5_000); // backoff doubled: nothing yet
    await settle(engine);
    expect(fetches(homs.delta)).toBe(before + 1);
    time.advance(5_000);
    await settle(engine);
    expect(fetches(homs.delta)).toBe(before + 2);

    // The remote is back: the next probe answers, and the waiting push goes at once.
    homs.delta.fetchError = undefined;
    homs.setPushError(undefined);
    time.advance(20_000);
    await settle(engine);
    await outbox.jobs.idle();
    expect(reachability.state('homs')).toBe('connected');
    expect(homs.sent).toHaveLength(1);
    expect(outbox.openCounts()).toEqual({ pending: 0, dead: 0 });
    expect(status.snapshot().remotes).toEqual({ configured: 1, connected: 1, unreachable: 0, failing: 0 });
    expect(statuses.at(-1)).toEqual({ configured: 1, connected: 1, unreachable: 0, failing: 0 });
  });

  it('auth refused → auth_failed; 5xx → error (reachable: pushes are not held); a push refused for its data leaves it connected', async () => {
    const { engine, modules, reachability, status } = await setup({ autoStart: false });
    const homs = modules.homs!;
    homs.delta.fetchError = new RemoteError({ remote: 'homs', kind: 'auth', status: 401, message: 'no', remoteMessage: 'Invalid token' });
    await engine.syncNow('homs');
    expect(reachability.get('homs')).toMatchObject({ state: 'auth_failed', lastError: { code: 'auth', message: 'Invalid token' } });
    homs.delta.fetchError = new RemoteError({ remote: 'homs', kind: 'server', status: 503, message: '503' });
    await engine.syncNow('homs');
    expect(reachability.state('homs')).toBe('error');
    expect(reachability.isReachable('homs')).toBe(true);
    expect(status.snapshot().remotes).toEqual({ configured: 1, connected: 0, unreachable: 0, failing: 1 });
    reachability.pushed('homs', { kind: 'dead', code: 'validation', detail: 'bad ext_code' });
    expect(reachability.state('homs')).toBe('connected');
    reachability.pushed('homs', { kind: 'retry', code: 'no_handler' }); // the engine's own code: says nothing
    expect(reachability.state('homs')).toBe('connected');
  });

  it('a configured remote starts as connecting: the status does not count it connected before it answered', async () => {
    const { engine, modules, status } = await setup({ autoStart: false });
    expect(engine.remotes().find((r) => r.remote === 'homs')).toMatchObject({ state: 'connecting', lastContactAt: null });
    expect(status.snapshot().remotes).toEqual({ configured: 1, connected: 0, unreachable: 0, failing: 0 });
    expect(modules.homs!.delta.fetched).toEqual([]);
  });
});

describe('what the Sync screen gets', () => {
  it('conflicts listed and dismissed through the handlers; sync.remotes throttled to the last state', async () => {
    const { engine, outbox, events, modules } = await setup({ autoStart: false, notifyMs: 250 });
    const seen: unknown[] = [];
    const off = followEngine(engine, events);
    events.subscribe((e, p) => e === 'sync.remotes' && seen.push(p));
    outbox.transact((enqueue) => enqueue({ remote: 'homs', entity: 'item', entityId: '2', operation: 'update', payload: {} }));
    modules.homs!.delta.all = items(2_000);
    await engine.syncNow('homs');
    expect(seen).toEqual([]); // many chunks, no event until the throttle's timer
    time.advance(0);
    expect(seen).toHaveLength(1);
    time.advance(1_000);
    expect(seen).toHaveLength(1); // nothing changed since
    const homs = (seen[0] as { remotes: { remote: string }[] }).remotes.find((r) => r.remote === 'homs');
    expect(homs).toMatchObject({ pulling: false, conflicts: 1, pending: 0, dead: 0, resources: [{ resource: 'changes', records: 2_000 }, { resource: 'users' }] });

    const h = syncHandlers(outbox, engine);
    const ctx = {} as never;
    const { conflicts } = await h['sync.conflicts']({ limit: 10 }, ctx);
    expect(conflicts).toMatchObject([{ remote: 'homs', resource: 'changes', entity: 'item', entityId: '2', remoteData: { id: '2', v: 1 } }]);
    expect(await h['sync.dismissConflict']({ id: conflicts[0]!.id }, ctx)).toEqual({ id: conflicts[0]!.id });
    await expect(Promise.resolve().then(() => h['sync.dismissConflict']({ id: conflicts[0]!.id }, ctx))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await h['sync.remotes']({}, ctx)).remotes.find((r) => r.remote === 'homs')).toMatchObject({ conflicts: 0 });
    off();
  });

  it('close stops the timers and aborts a pull in progress', async () => {
    const { engine, modules } = await setup();
    const { delta } = modules.homs!;
    await engine.close();
    time.advance(10 * 60_000);
    await new Promise((r) => setImmediate(r));
    expect(fetches(delta)).toBe(1);
    expect(time.pendingTimers).toBe(0);
  });
});
