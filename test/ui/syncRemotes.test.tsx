// The Sync screen's remote cards, conflicts and progress, and the header's pill, against the real
// core and sync engine. HOMS is configured against the in-process simulator over real HTTP, with a
// small connector of the test's own (orders, page by page, through the real HomsClient) registered
// as the engine's factory: a pull fills the card, stopping the simulator makes it unreachable (the
// header names it and never says Online), a pending local change turns the remote's version of
// that order into a conflict a supervisor dismisses. A gated fake resource shows the progress bar.
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HomsClient } from '../../src-main/core/connectors/homs';
import { RemoteError } from '../../src-main/core/connectors/shared/errors';
import type { PullResource, RemoteSync } from '../../src-main/core/sync/types';
import { demoRemotes } from '../../src-main/host/demo';
import { startSim, type RunningSim } from '../../src-main/sim/server';
import { absoluteTime } from '../../src-renderer/src/features/sync/view';
import { click, renderApp } from './renderApp';
import { startCore, USERS, type UiCore } from './realCore';

let sim: RunningSim;
let simOpen = false;
beforeEach(async () => {
  sim = await startSim({ port: 0, seed: 42 });
  simOpen = true;
  // Core runs in this DOM test's process, so its connectors use happy-dom's fetch: let it reach the
  // simulator's loopback port as Node's fetch would.
  (window as unknown as { happyDOM: { settings: { fetch: { disableSameOriginPolicy: boolean } } } }).happyDOM.settings.fetch.disableSameOriginPolicy = true;
});
afterEach(async () => {
  if (simOpen) await sim.close();
});

type Order = Awaited<ReturnType<HomsClient['listOrders']>>[number];

/** HOMS orders, 50 a page, into remote_records; an order with local work waiting becomes a conflict. */
function homsOrders(): RemoteSync<HomsClient> {
  const orders: PullResource<Order, HomsClient> = {
    remote: 'homs',
    resource: 'orders',
    mode: 'sweep',
    async fetchPage(client, cursor) {
      const page = Number(cursor ?? '1');
      const items = await client.listOrders(page, { pageSize: 50 });
      const done = items.length < 50;
      return { items, cursor: done ? null : String(page + 1), done };
    },
    apply(items, ctx) {
      const put = ctx.db.prepare(`INSERT OR REPLACE INTO remote_records (remote, resource, remote_id, data, updated_at) VALUES ('homs', 'orders', ?, ?, ?)`);
      for (const o of items) {
        if (ctx.isProtected('order', o.code)) ctx.conflict({ entity: 'order', entityId: o.code, remoteId: String(o.id), remoteData: o });
        else put.run(o.code, JSON.stringify(o), ctx.now);
      }
    },
  };
  return { remote: 'homs', resources: [orders as PullResource<unknown, HomsClient>], pushes: [] };
}

async function configureHoms(ui: UiCore) {
  await act(() => ui.core.connections.save({ remote: 'homs', ...demoRemotes(sim).homs }, null));
}

const card = (remote: string) => {
  const el = screen.getAllByTestId('sync-remote').find((c) => c.dataset.remote === remote);
  if (!el) throw new Error(`no card for ${remote}`);
  return el;
};
const pill = () => screen.getByTestId('header-online');

async function openSync(pin: string, opts: Parameters<typeof startCore>[0] = {}) {
  const ui = await startCore({ signedInPin: pin, sync: { factories: { homs: homsOrders } }, ...opts });
  const app = await renderApp({ core: ui });
  await click(screen.getByTestId('nav-sync'));
  return { ui, app };
}

describe('Sync screen: remotes', () => {
  it('a pull fills the card; when the remote stops answering the card says unreachable and the header names it, never Online', async () => {
    const { ui } = await openSync(USERS.supervisor.pin);
    // Nothing configured: every card is "Not configured", the header "Local only".
    await waitFor(() => expect(screen.getAllByTestId('sync-remote')).toHaveLength(5));
    expect(card('homs').dataset.state).toBe('not_configured');
    expect(within(card('homs')).getByTestId('sync-remote-state').textContent).toBe('Not configured');
    expect(within(card('homs')).queryByTestId('sync-remote-now')).toBeNull();
    expect(pill().dataset.state).toBe('local');

    await configureHoms(ui);
    // Configured, not heard from yet: "Connecting…", not "Online"; its card comes first.
    await waitFor(() => expect(card('homs').dataset.state).toBe('connecting'));
    expect(screen.getAllByTestId('sync-remote')[0]!.dataset.remote).toBe('homs');
    expect(pill().dataset.state).toBe('connecting');
    expect(within(card('homs')).getByTestId('sync-remote-contact').textContent).toBe('Never');

    await click(within(card('homs')).getByTestId('sync-remote-now'));
    await waitFor(() => expect(card('homs').dataset.state).toBe('connected'));
    const orders = () => within(card('homs')).getAllByTestId('sync-resource').find((r) => r.dataset.resource === 'orders')!;
    await waitFor(() => expect(within(orders()).getByTestId('sync-resource-records').textContent).toBe('80'));
    expect(within(card('homs')).getByTestId('sync-remote-state').textContent).toBe('Connected');
    // Last successful pull: relative, with the exact time in the title.
    const last = within(orders()).getByTestId('sync-resource-last').querySelector('time')!;
    expect(last.getAttribute('title')).toBe(absoluteTime(ui.clock.now(), 'en'));
    expect(last.textContent).toMatch(/ago|now/);
    expect(within(orders()).getByText('Up to date')).toBeTruthy();
    await waitFor(() => expect(pill().dataset.state).toBe('online'));
    expect(pill().textContent).toBe('Online');
    expect(ui.core.db.raw.prepare(`SELECT COUNT(*) AS n FROM remote_records WHERE remote = 'homs'`).get()).toEqual({ n: 80 });

    // The simulator goes away: the next pull cannot reach it.
    await sim.close();
    simOpen = false;
    ui.clock.advance(60_000);
    await click(within(card('homs')).getByTestId('sync-remote-now'));
    await waitFor(() => expect(card('homs').dataset.state).toBe('unreachable'));
    expect(within(card('homs')).getByTestId('sync-remote-state').textContent).toBe('Unreachable');
    expect(within(card('homs')).getByTestId('sync-remote-error').textContent).toMatch(/Cannot reach the remote/);
    await waitFor(() => expect(pill().dataset.state).toBe('unreachable'));
    expect(pill().textContent).toBe('HOMS unreachable');
    expect(pill().dataset.remote).toBe('homs');
    expect(screen.getByTestId('sync-connection').textContent).toBe('HOMS unreachable');
    // What was pulled before stays, with its time; the failed attempt is shown beside it.
    expect(within(orders()).getByTestId('sync-resource-last').querySelector('time')!.getAttribute('title')).toBe(absoluteTime(ui.clock.now() - 60_000, 'en'));
    expect(within(orders()).getByTestId('sync-resource-error').textContent).toMatch(/Failed/);

    // The interface itself going offline says "Offline", whatever the remotes.
    act(() => ui.connectivity.set(false));
    await waitFor(() => expect(pill().dataset.state).toBe('offline'));
    expect(pill().textContent).toBe('Offline');
  });

  it('in Czech the card and the header use Czech words and the remote’s own name', async () => {
    const { ui } = await openSync(USERS.supervisor.pin, { settings: { language: 'cs' } });
    await configureHoms(ui);
    await sim.close();
    simOpen = false;
    await waitFor(() => expect(card('homs').dataset.state).toBe('connecting'));
    await click(within(card('homs')).getByTestId('sync-remote-now'));
    await waitFor(() => expect(card('homs').dataset.state).toBe('unreachable'));
    expect(within(card('homs')).getByTestId('sync-remote-state').textContent).toBe('Nedostupné');
    expect(within(card('homs')).getByTestId('sync-remote-now').textContent).toBe('Synchronizovat HOMS');
    await waitFor(() => expect(pill().textContent).toBe('HOMS neodpovídá'));
    expect(within(card('afosto')).getByTestId('sync-remote-state').textContent).toBe('Nenastaveno');
  });
});

describe('header pill across a lost link', () => {
  it('events lost while the link was down: reconnecting reads the remotes again and the pill names the one that failed meanwhile', async () => {
    const { ui, app } = await openSync(USERS.packer.pin);
    await configureHoms(ui);
    await act(async () => {
      await ui.core.connections.save({ remote: 'ultracart', baseUrl: sim.urls.ultracart, secrets: { simpleKey: 'k' } }, null);
      ui.core.sync.reachability.succeeded('homs');
      ui.core.sync.reachability.succeeded('ultracart');
    });
    await waitFor(() => expect(pill().dataset.state).toBe('online'));

    act(() => app.connection.set(false));
    expect(pill().dataset.state).toBe('disconnected');
    app.bridge.dropEvents(true);
    act(() => ui.core.sync.reachability.failed('ultracart', new RemoteError({ remote: 'ultracart', kind: 'auth', status: 401, message: 'get me' }), 'pull'));
    await new Promise((r) => setTimeout(r, 400)); // the engine's throttled notice goes out, and is lost
    app.bridge.dropEvents(false);
    act(() => app.connection.set(true));
    await waitFor(() => expect(pill().textContent).toBe('UltraCart: sign-in refused'));
    expect(pill().dataset.remote).toBe('ultracart');
    expect(card('ultracart').dataset.state).toBe('auth_failed');
  });
});

describe('Sync screen: conflicts', () => {
  /** A local change to ORD-1 waits (no push handler for it): the pull records HOMS's version as a conflict. */
  async function withConflict(pin: string) {
    const opened = await openSync(pin);
    const { ui } = opened;
    ui.core.outbox.transact((enqueue) => void enqueue({ remote: 'homs', entity: 'order', entityId: 'ORD-1', operation: 'note', payload: { text: 'local' } }));
    await configureHoms(ui);
    await act(() => ui.core.sync.syncNow('homs'));
    await waitFor(() => expect(screen.getAllByTestId('sync-conflict')).toHaveLength(1));
    return opened;
  }

  it('a pull that meets waiting local work shows the remote’s version; a supervisor dismisses it', async () => {
    const { ui } = await withConflict(USERS.supervisor.pin);
    const conflict = screen.getByTestId('sync-conflict');
    expect(conflict.dataset.remote).toBe('homs');
    expect(within(conflict).getByTestId('sync-conflict-what').textContent).toContain('order ORD-1');
    expect(within(conflict).getByTestId('sync-conflict-when').getAttribute('title')).toBe(absoluteTime(ui.clock.now(), 'en'));
    await waitFor(() => expect(within(card('homs')).getByTestId('sync-remote-conflicts').textContent).toBe('1'));
    // The remote's version, readable: field and value, on request (keyboard: a real button).
    expect(within(conflict).queryByTestId('sync-conflict-remote')).toBeNull();
    const toggle = within(conflict).getByTestId('sync-conflict-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await click(toggle);
    const remote = within(conflict).getByTestId('sync-conflict-remote');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const codeLine = [...remote.querySelectorAll('.record-line')].find((l) => l.querySelector('dt')?.textContent === 'code');
    expect(codeLine?.querySelector('dd')?.textContent).toBe('ORD-1');
    // The other 79 orders were applied; ORD-1 was not overwritten.
    expect(ui.core.db.raw.prepare(`SELECT COUNT(*) AS n FROM remote_records WHERE remote = 'homs'`).get()).toEqual({ n: 79 });

    await click(within(conflict).getByTestId('sync-conflict-dismiss'));
    await waitFor(() => expect(screen.queryAllByTestId('sync-conflict')).toHaveLength(0));
    expect(screen.getByText('No conflicts.')).toBeTruthy();
    expect(ui.core.db.raw.prepare(`SELECT resolution FROM sync_conflicts`).all()).toEqual([{ resolution: 'dismissed' }]);
    await waitFor(() => expect(within(card('homs')).getByTestId('sync-remote-conflicts').textContent).toBe('0'));
  });

  it('a packer sees the conflict but cannot dismiss it, and core refuses it too', async () => {
    const { app, ui } = await withConflict(USERS.packer.pin);
    expect(screen.queryByTestId('sync-conflict-dismiss')).toBeNull();
    const [c] = ui.core.sync.conflicts({ limit: 1 });
    await expect(app.api.call('sync.dismissConflict', { id: c!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(ui.core.sync.conflicts({ limit: 10 })).toHaveLength(1);
  });
});

describe('Sync screen: a long pull', () => {
  it('shows a progress bar while it runs: done of total when the remote counts, moving otherwise', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const items = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));
    const counted: PullResource<{ id: number }> = {
      remote: 'ultracart',
      resource: 'tasks',
      mode: 'sweep',
      async fetchPage(_c, cursor) {
        if (cursor === null) return { items: items(100, 0), cursor: '100', done: false, total: 250 };
        await gate;
        return { items: items(150, 100), cursor: null, done: true, total: 250 };
      },
      apply() {},
    };
    const uncounted: PullResource<{ id: number }> = { ...counted, resource: 'users', fetchPage: async () => ({ items: items(30, 0), cursor: null, done: true }) };
    const factory = (): RemoteSync => ({ remote: 'ultracart', resources: [counted as PullResource, uncounted as PullResource], pushes: [] });
    const ui = await startCore({ signedInPin: USERS.supervisor.pin, sync: { factories: { ultracart: factory } } });
    await renderApp({ core: ui });
    await click(screen.getByTestId('nav-sync'));
    await act(() => ui.core.connections.save({ remote: 'ultracart', baseUrl: `${sim.urls.ultracart}`, secrets: { simpleKey: 'k' } }, null));
    await waitFor(() => expect(card('ultracart').dataset.state).toBe('connecting'));

    await click(within(card('ultracart')).getByTestId('sync-remote-now'));
    const progress = await waitFor(() => within(card('ultracart')).getByTestId('sync-progress'));
    await waitFor(() => expect(progress.dataset.done).toBe('100'));
    expect(progress.dataset.total).toBe('250');
    expect(progress.dataset.indeterminate).toBe('false');
    expect(within(progress).getByTestId('sync-progress-text').textContent).toBe('100 of 250');
    const bar = within(progress).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(bar.getAttribute('aria-valuemax')).toBe('250');
    expect(bar.getAttribute('aria-label')).toBe('Pulling Tasks from UltraCart');
    expect((bar.firstElementChild as HTMLElement).style.width).toBe('40%');

    release();
    await waitFor(() => expect(within(card('ultracart')).queryByTestId('sync-progress')).toBeNull());
    const row = (name: string) => within(card('ultracart')).getAllByTestId('sync-resource').find((r) => r.dataset.resource === name)!;
    expect(within(row('tasks')).getByTestId('sync-resource-records').textContent).toBe('250');
    expect(within(row('users')).getByTestId('sync-resource-records').textContent).toBe('30');
  });

  it('a pull without a total shows a moving bar with what arrived so far', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const uncounted: PullResource<{ id: number }> = {
      remote: 'ultracart',
      resource: 'users',
      mode: 'sweep',
      async fetchPage(_c, cursor) {
        if (cursor === null) return { items: Array.from({ length: 1234 }, (_, i) => ({ id: i })), cursor: 'next', done: false };
        await gate;
        return { items: [], cursor: null, done: true };
      },
      apply() {},
    };
    const ui = await startCore({ signedInPin: USERS.supervisor.pin, sync: { factories: { ultracart: () => ({ remote: 'ultracart', resources: [uncounted as PullResource], pushes: [] }) } } });
    await renderApp({ core: ui });
    await click(screen.getByTestId('nav-sync'));
    await act(() => ui.core.connections.save({ remote: 'ultracart', baseUrl: sim.urls.ultracart, secrets: { simpleKey: 'k' } }, null));
    await act(() => void ui.core.sync.syncNow('ultracart'));
    const progress = await waitFor(() => within(card('ultracart')).getByTestId('sync-progress'));
    await waitFor(() => expect(progress.dataset.done).toBe('1234'));
    expect(progress.dataset.indeterminate).toBe('true');
    expect(within(progress).getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    expect(within(progress).getByTestId('sync-progress-text').textContent).toBe('1,234 so far');
    release();
    await waitFor(() => expect(within(card('ultracart')).queryByTestId('sync-progress')).toBeNull());
  });
});
