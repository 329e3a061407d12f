// Issue 9, "What it must show": web mode started with --config pointing at the simulator (both real
// child processes, as `npm run start:web -- --config FILE` and `npm run sim` run them) fills the
// local store; with the simulator unreachable (a connection reset on every request) local work piles
// up and the header and sync.remotes say unreachable; when it answers again the outbox drains and
// the simulator's state shows each operation once.
//
// No contract method enqueues remote work yet (no UI flow creates HOMS orders), so the local work is
// made the way a service makes it — createHomsOrder: the row and its op in one transaction — by this
// test process on the station's own SQLite file, while web mode runs on it. Everything else goes
// through the WebSocket contract the page uses.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createHomsOrder } from '../../src-main/core/connectors/homs';
import { DB_FILE_NAME, openDatabase, type Db } from '../../src-main/core/db/database';
import { JobQueue } from '../../src-main/core/jobs/queue';
import { systemClock } from '../../src-main/core/platform/ports';
import { Outbox } from '../../src-main/core/sync/outbox';
import type { SyncRemoteStatus } from '../../src-preload/contract';
import { createApi, type Api } from '../../src-renderer/src/api/client';
import { createWsBridge, type WsConstructor } from '../../src-renderer/src/api/wsBridge';
import { simConfigFile, startChildSim, type ChildSim } from '../helpers/childSim';
import { tempDir } from '../helpers/tmp';
import { root, startPrintingUrl, type Running } from './webMode';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const LOCAL_ORDERS = 5;

describe('web mode with --config against the simulator', () => {
  it('fills the store; while the simulator is unreachable local work piles up; when it is back the outbox drains, each op once', { timeout: 180_000 }, async () => {
    const sim: ChildSim = await startChildSim({ scale: 'small' });
    cleanups.push(() => sim.stop());
    const { dir, cleanup } = tempDir('dockside-e2e-sync-');
    cleanups.push(cleanup);
    const configFile = path.join(dir, 'dockside.json');
    fs.writeFileSync(configFile, JSON.stringify(simConfigFile(sim.info), null, 2));
    const dataDir = path.join(dir, 'data');

    const web: Running = await startPrintingUrl(process.execPath, [path.join(root, 'out', 'main', 'web.js'), '--port', '0', '--data-dir', dataDir, '--config', configFile]);
    cleanups.push(() => web.stop());
    const m = /^http:\/\/(127\.0\.0\.1:\d+)\/#token=([\w-]+)$/.exec(web.url)!;
    const bridge = createWsBridge(`ws://${m[1]}/rpc?token=${m[2]}`, { WebSocket: WebSocket as unknown as WsConstructor });
    cleanups.push(() => bridge.close());
    await bridge.ready;
    const api: Api = createApi(bridge);
    await api.call('station.setup', { stationName: 'E2E', name: 'Boss', pin: '999999' });
    const remotes = async (): Promise<Map<string, SyncRemoteStatus>> => new Map((await api.call('sync.remotes', {})).remotes.map((r) => [r.remote, r]));

    // 1. The store fills from all five remotes, with nobody asking (pull starts with the app).
    await vi.waitFor(
      async () => {
        const r = await remotes();
        for (const name of ['afosto', 'ucs', 'ultracart', 'homs', 'opentaps']) expect(r.get(name), name).toMatchObject({ configured: true, state: 'connected', pulling: false });
        expect(r.get('afosto')!.resources.find((x) => x.resource === 'orders')).toMatchObject({ lastError: null, lastSuccessAt: expect.any(Number) });
        expect(r.get('homs')!.resources.find((x) => x.resource === 'orders')).toMatchObject({ lastError: null, lastSuccessAt: expect.any(Number) });
      },
      { timeout: 60_000, interval: 250 },
    );
    const db: Db = await openDatabase({ file: path.join(dataDir, DB_FILE_NAME) });
    cleanups.push(() => db.close());
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM orders')).toBeGreaterThan(0);
    expect(count('SELECT COUNT(*) AS n FROM homs_orders')).toBeGreaterThan(0);
    expect((await api.call('system.status', {})).remotes).toEqual({ configured: 5, connected: 5, unreachable: 0, failing: 0 });

    // 2. The simulator stops answering: every connection is reset. "Sync now" finds out at once.
    await sim.control('POST', '/faults', { system: '*', kind: 'reset', durationMs: 10 * 60_000 });
    await api.call('sync.now', {});
    await vi.waitFor(
      async () => {
        const r = await remotes();
        for (const [name, s] of r) expect(s.state, name).toBe('unreachable');
        expect((await api.call('system.status', {})).remotes).toEqual({ configured: 5, connected: 0, unreachable: 5, failing: 0 });
      },
      { timeout: 30_000, interval: 250 },
    );

    // 3. Local work while it is down: each HOMS order stored with its create op in one transaction.
    // (This process's queue is never started: web mode's sends them.)
    const outbox = new Outbox(db, systemClock, new JobQueue({ db, clock: systemClock }));
    const ids: string[] = [];
    for (let i = 0; i < LOCAL_ORDERS; i++) {
      ids.push(createHomsOrder(outbox, db, { order_type_code: 'support_request', data: { requesterName: `Offline ${i}` } }).id);
    }
    await vi.waitFor(
      async () => {
        expect((await remotes()).get('homs')).toMatchObject({ state: 'unreachable', pending: LOCAL_ORDERS, dead: 0 });
        expect((await api.call('system.status', {})).outbox).toEqual({ pending: LOCAL_ORDERS, dead: 0 });
      },
      { timeout: 30_000, interval: 250 },
    );
    const created = async (): Promise<{ ext_code: string | null }[]> => ((await sim.control('GET', '/state/homs')) as { orders: { created: { ext_code: string | null }[] } }).orders.created;
    expect((await created()).filter((o) => o.ext_code !== null && ids.includes(o.ext_code))).toEqual([]);

    // 4. It answers again: the next probe finds it, and the waiting ops go — each exactly once.
    await sim.control('DELETE', '/faults');
    await vi.waitFor(
      async () => {
        const r = await remotes();
        for (const [name, s] of r) expect(s.state, name).toBe('connected');
        expect(r.get('homs')).toMatchObject({ pending: 0, dead: 0 });
        expect((await api.call('system.status', {})).outbox).toEqual({ pending: 0, dead: 0 });
      },
      { timeout: 90_000, interval: 500 },
    );
    const mine = (await created()).filter((o) => o.ext_code !== null && ids.includes(o.ext_code));
    expect(mine.map((o) => o.ext_code).sort()).toEqual([...ids].sort());
    // And each local order now knows its HOMS code.
    const linked = db.prepare(`SELECT COUNT(*) AS n FROM homs_orders WHERE id IN (${ids.map(() => '?').join(',')}) AND code IS NOT NULL`).get(...ids) as { n: number };
    expect(linked.n).toBe(LOCAL_ORDERS);
  });
});
