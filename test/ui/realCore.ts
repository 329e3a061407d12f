// The real core for UI tests: createCore over an in-memory SQLite, the real dispatcher with its
// access checks and events, reached through the in-process transport. Only the host's ports are
// in-memory fakes (settings, secrets, connectivity, a manual clock); printers are the folder spool
// in a temp dir and fake Zebras on loopback TCP ports. Each "window" is its own bridge, so a test
// can act from another window and watch the first one follow core's events.
import { afterEach, vi } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { createCore, type Core, type CoreOptions } from '../../src-main/core/app';
import { memoryLogger } from '../../src-main/core/log/logger';
import type { Clock } from '../../src-main/core/platform/ports';
import { PRINT_QUEUE } from '../../src-main/core/printing/domain';
import { inProcessBridge } from '../../src-main/core/rpc/inProcess';
import { memorySettingsStore } from '../../src-main/core/settings/memoryStore';
import type { DocksideBridge, RpcResult, Settings } from '../../src-preload/contract';
import { createApi, type Api } from '../../src-renderer/src/api/client';
import { memorySecrets, switchableConnectivity } from '../helpers/core';
import { tempDir } from '../helpers/tmp';
import { FakeZebra, type ZebraFlags } from '../unit/printing/fakeZebra';

/** The bench every signed-in test starts from (supervisor PINs have six digits). */
export const USERS = {
  supervisor: { name: 'Jana Svobodová', role: 'supervisor', pin: '999999' },
  packer: { name: 'Petra Nováková', role: 'packer', pin: '1111' },
  agent: { name: 'Adam Dvořák', role: 'agent', pin: '2222' },
} as const;
export const STATION_NAME = 'Bench 1';

export class ManualClock implements Clock {
  constructor(public t = Date.UTC(2026, 10, 26, 9, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * One window's transport: what the renderer sent and got back is recorded, and its events can be
 * held back (still in flight while the window acts) and delivered later, as over a slow link.
 */
export interface Window extends DocksideBridge {
  /** Every call in the order it was sent; `result` is set when its answer arrives. */
  readonly calls: { method: string; input: unknown; result?: RpcResult<unknown> }[];
  callsOf(method: string): unknown[];
  /** While true, core's events to this window wait; set false to deliver them in order. */
  holdEvents(hold: boolean): void;
  /** While true, core's events to this window are lost, as over a dropped WebSocket. */
  dropEvents(drop: boolean): void;
  close(): void;
}

export interface UiCore {
  core: Core;
  clock: ManualClock;
  connectivity: ReturnType<typeof switchableConnectivity>;
  /** Data dir: the folder spool is `<dir>/print-spool`. */
  dir: string;
  /** Another window on the same core, for set-up and for acting "elsewhere". */
  api: Api;
  window(): Window;
  /** A fake Zebra on a loopback port, stopped with the core. */
  zebra(flags?: Partial<ZebraFlags>): Promise<FakeZebra>;
  dispose(): Promise<void>;
}

export interface StartOptions {
  /** 'new': the first-run screen; 'bench' (default): a set-up station with USERS. */
  station?: 'new' | 'bench';
  settings?: Partial<Settings>;
  /** Who is signed in when the app opens. */
  signedInPin?: string;
  /** The sync engine's knobs (its own pulls stay off unless `autoStart` says otherwise): a test's connectors. */
  sync?: CoreOptions['sync'];
  /** More of createCore's options (demo mode: demoPort, demoControlUrl, remotes). */
  coreOptions?: Partial<CoreOptions>;
}

const live = new Set<UiCore>();

// Real sockets, files and SQLite answer in milliseconds, but the test machine is shared: wait
// longer before calling a test (or a waitFor) failed. Nothing here asserts how fast it was.
vi.setConfig({ testTimeout: 20_000 });
configure({ asyncUtilTimeout: 5_000 });

// Unmount the app before its core goes away, so no component calls a closed store.
afterEach(async () => {
  cleanup();
  const all = [...live];
  live.clear();
  for (const c of all) await c.dispose();
});

function makeWindow(core: Core): Window {
  const inner = inProcessBridge(core.dispatcher, core.events);
  const calls: Window['calls'] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const unsubscribers: (() => void)[] = [];
  let held: { event: string; payload: unknown }[] | null = null;
  let dropping = false;
  const deliver = (event: string, payload: unknown) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  return {
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.input),
    async invoke(method, input) {
      const call: Window['calls'][number] = { method, input };
      calls.push(call);
      call.result = await inner.invoke(method, input);
      return call.result;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        listeners.set(event, (set = new Set()));
        unsubscribers.push(inner.on(event, (p) => (dropping ? undefined : held ? held.push({ event, payload: p }) : deliver(event, p))));
      }
      set.add(listener);
      return () => set.delete(listener);
    },
    holdEvents(hold) {
      if (hold) {
        held ??= [];
        return;
      }
      const queued = held ?? [];
      held = null;
      for (const e of queued) deliver(e.event, e.payload);
    },
    dropEvents(drop) {
      dropping = drop;
    },
    close() {
      for (const off of unsubscribers) off();
      inner.close();
    },
  };
}

export async function startCore(opts: StartOptions = {}): Promise<UiCore> {
  const { dir, cleanup: removeDir } = tempDir('dockside-ui-');
  const clock = new ManualClock();
  const connectivity = switchableConnectivity();
  const core = await createCore({
    dataDir: dir,
    databaseFile: ':memory:',
    settings: memorySettingsStore(opts.settings ?? {}),
    secrets: memorySecrets(),
    connectivity,
    logger: memoryLogger('warn'),
    version: '0.1.0-test',
    platform: 'test',
    clock,
    // No pulls of its own: a test configures remotes that do not exist and drives reachability itself.
    sync: { autoStart: false, ...opts.sync },
    ...opts.coreOptions,
  });
  const windows: Window[] = [];
  const zebras: FakeZebra[] = [];
  const window = () => {
    const w = makeWindow(core);
    windows.push(w);
    return w;
  };
  const api = createApi(window());
  let disposed = false;
  const ui: UiCore = {
    core,
    clock,
    connectivity,
    dir,
    api,
    window,
    async zebra(flags = {}) {
      const z = await new FakeZebra().start();
      Object.assign(z.flags, flags);
      zebras.push(z);
      return z;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const w of windows) w.close();
      await core.close();
      for (const z of zebras) await z.stop();
      removeDir();
    },
  };
  live.add(ui);

  if ((opts.station ?? 'bench') === 'bench') {
    const { supervisor, packer, agent } = USERS;
    await api.call('station.setup', { stationName: STATION_NAME, name: supervisor.name, pin: supervisor.pin });
    await api.call('station.createUser', packer);
    await api.call('station.createUser', agent);
    await api.call('station.signOut', {});
    if (opts.signedInPin) await api.call('station.signIn', { pin: opts.signedInPin });
  }
  return ui;
}

/**
 * Queued and dead outbox operations, as the sync engine (a later issue) will leave them: the
 * header counts come from core's outbox, so a test puts rows there.
 */
export function seedOutbox(core: Core, pending: number, dead = 0): void {
  const ids = core.outbox.transact((enqueue) =>
    Array.from({ length: pending + dead }, (_, i) =>
      enqueue({ remote: 'afosto', entity: 'order', entityId: `o${i}`, operation: 'update', payload: { i } }),
    ),
  );
  const mark = core.db.prepare(`UPDATE jobs SET status = 'dead', error_code = 'validation', error_detail = 'Rejected by the remote' WHERE id = ?`);
  for (const id of ids.slice(0, dead)) mark.run(id);
}

/** One pass of the print queue, as its timer would run it once a retry is due. */
export async function runPrintQueue(ui: UiCore): Promise<void> {
  await ui.core.jobs.runQueue(PRINT_QUEUE);
}

/** A printer saved through the contract, with a fixed id so tests can find its card. */
export async function addPrinter(ui: UiCore, id: string, name: string, uri: string, options: Record<string, unknown> = {}) {
  return ui.api.call('printing.savePrinter', { id, name, uri, options });
}
