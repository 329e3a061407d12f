// Demo mode's wiring as web mode and Electron run it: with --demo (or on a data folder marked demo)
// the simulator starts in-process before core and all five connections point at it, so sample data
// arrives through the real connectors; the simulator stops with the app; a real station's folder is
// never turned into a demo.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REMOTES } from '../../../src-preload/contract';
import { DB_FILE_NAME } from '../../../src-main/core/db/database';
import { DEMO_MARKER_FILE, DemoRefusedError, isDemoDataDir } from '../../../src-main/host/demo';
import { tempDir } from '../../helpers/tmp';
import { startDemoCore, type DemoCore } from '../training/harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function folder(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}
async function start(dir: string, opts: Parameters<typeof startDemoCore>[1]): Promise<DemoCore> {
  const demo = await startDemoCore(dir, opts);
  cleanups.push(() => demo.stop());
  return demo;
}

describe('demo mode wiring (web mode and Electron)', () => {
  it('--demo starts the simulator before core and configures all five connections to it; each tests OK', async () => {
    const dir = folder();
    const { api, host } = await start(dir, { demoFlag: true });
    const sim = host.running()!;
    expect(sim).not.toBeNull();
    expect(await api.call('system.info', {})).toMatchObject({ demo: true });
    expect(await api.call('training.state', {})).toEqual({ demo: true, canStartDemo: false });
    // The demo users exist; the supervisor's PIN is the README's.
    await api.call('station.signIn', { pin: '999999' });
    const { connections } = await api.call('connections.list', {});
    // Base URLs exactly as the simulator prints them.
    expect(Object.fromEntries(connections.map((c) => [c.remote, c.baseUrl]))).toEqual({
      afosto: sim.urls.afosto,
      ucs: sim.urls.ucs,
      ultracart: sim.urls.ultracart,
      homs: sim.urls.homs,
      opentaps: sim.urls.opentaps,
    });
    expect(connections.every((c) => c.configured && Object.values(c.secrets).some(Boolean))).toBe(true);
    for (const remote of REMOTES) expect(await api.call('connections.test', { remote }), remote).toEqual({ ok: true });
    // Each test reached the simulator through the real connector (its request log shows it).
    const log = sim.state.log.map((e) => e.system);
    for (const remote of REMOTES) expect(log, remote).toContain(remote);
    expect(isDemoDataDir(dir)).toBe(true);
  });

  it('the sample data arrives through the real connectors: the sync engine pulls the simulator into the store', async () => {
    const { core, host } = await start(folder(), { demoFlag: true });
    const count = (table: string) => (core.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    await vi.waitFor(() => expect(count('orders')).toBeGreaterThan(0), { timeout: 15_000, interval: 100 });
    // Pulled over HTTP from the simulator (its request log), not seeded around it.
    expect(host.running()!.state.log.some((e) => e.system === 'afosto' && e.method === 'GET')).toBe(true);
  });

  it('after the first-run choice too, the engine pulls the new demo connections without a restart', async () => {
    const { core, api } = await start(folder(), { demoFlag: false });
    await api.call('training.startDemo', {});
    const count = () => (core.db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;
    await vi.waitFor(() => expect(count()).toBeGreaterThan(0), { timeout: 15_000, interval: 100 });
  });

  it('a folder marked demo starts its simulator again on the next start (new port, connections follow), and stopping the app stops it', async () => {
    const dir = folder();
    const first = await start(dir, { demoFlag: true });
    const firstUrl = first.host.running()!.url;
    await first.stop();
    await expect(fetch(`${firstUrl}/_sim`)).rejects.toThrow();

    const second = await start(dir, { demoFlag: false });
    const sim = second.host.running()!;
    expect(sim).not.toBeNull();
    await second.api.call('station.signIn', { pin: '999999' });
    const { connections } = await second.api.call('connections.list', {});
    expect(connections.map((c) => c.baseUrl)).toEqual(REMOTES.map((r) => sim.urls[r]));
    expect(await second.api.call('connections.test', { remote: 'homs' })).toEqual({ ok: true });
    // Still one supervisor and two others: the demo users are not created twice.
    expect((await second.api.call('station.state', {})).users).toHaveLength(3);
  });

  it('--config remotes are ignored on a demo station: it talks to its own simulator only', async () => {
    const dir = folder();
    const remotes = { homs: { baseUrl: 'http://127.0.0.1:9/homs', settings: { email: 'a@b.example' }, secrets: { token: 'real-token' } } };
    const { api, host } = await start(dir, { demoFlag: true, remotes });
    await api.call('station.signIn', { pin: '999999' });
    const homs = (await api.call('connections.list', {})).connections.find((c) => c.remote === 'homs')!;
    expect(homs.baseUrl).toBe(host.running()!.urls.homs);
  });

  it('without --demo on a folder not marked demo, no simulator runs; core only gets the first-run choice', async () => {
    const dir = folder();
    const { api, host } = await start(dir, { demoFlag: false });
    expect(host.running()).toBeNull();
    expect(await api.call('system.info', {})).toMatchObject({ demo: false });
    expect(await api.call('training.state', {})).toEqual({ demo: false, canStartDemo: true });
    expect(fs.existsSync(path.join(dir, DEMO_MARKER_FILE))).toBe(false);
  });

  it('--demo refuses a folder that holds a real station (a database but no demo mark)', async () => {
    const dir = folder();
    const real = await start(dir, { demoFlag: false });
    await real.api.call('station.setup', { stationName: 'Real bench', name: 'Boss', pin: '123456' });
    await real.stop();
    expect(fs.existsSync(path.join(dir, DB_FILE_NAME))).toBe(true);
    await expect(startDemoCore(dir, { demoFlag: true })).rejects.toThrow(DemoRefusedError);
    expect(isDemoDataDir(dir)).toBe(false);
  });
});
