// Screenshots of the Sync screen and the header in Chromium, for a person to look at (not a test):
//   npm run build && npx tsx test/e2e/syncScreenshots.ts [OUT_DIR]
// 1. The real web host (`node out/main/web.js --demo --config …`) with four remotes pointed at an
//    in-process simulator and Opentaps at a closed port: what a station shows with today's connectors.
// 2. The built renderer served by the real web host over a core with connectors of this script's
//    own, so every state shows at once: HOMS pulled over the simulator with a conflict, UltraCart in
//    the middle of a long pull, UCS unreachable, Afosto refusing its credentials, a refused operation.
//    In English and in Czech, light and dark.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { createCore } from '../../src-main/core/app';
import type { HomsClient } from '../../src-main/core/connectors/homs';
import { RemoteError } from '../../src-main/core/connectors/shared/errors';
import { memoryLogger } from '../../src-main/core/log/logger';
import { inProcessBridge } from '../../src-main/core/rpc/inProcess';
import { memorySettingsStore } from '../../src-main/core/settings/memoryStore';
import type { PullResource, RemoteSync } from '../../src-main/core/sync/types';
import { startWebHost } from '../../src-main/host/server';
import { startSim } from '../../src-main/sim/server';
import { createApi } from '../../src-renderer/src/api/client';
import { memorySecrets, switchableConnectivity } from '../helpers/core';
import { chromiumChoice, launchOptions } from './chromium';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(os.tmpdir(), 'dockside-sync-shots'));
fs.mkdirSync(out, { recursive: true });
const SUPERVISOR_PIN = '999999';

async function signInAndOpenSync(page: Page, url: string) {
  await page.goto(url);
  await page.getByTestId('signin-pin').fill(SUPERVISOR_PIN);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('nav-sync').click();
  await page.getByTestId('sync-remotes').waitFor();
}

async function shoot(page: Page, name: string) {
  await page.waitForTimeout(400); // let the last event and the bar's transition land
  const full = path.join(out, `${name}.png`);
  // The content scrolls inside the shell: a window as tall as the content shows all of it.
  const main = page.locator('main.content');
  const top = (await main.boundingBox())?.y ?? 0;
  const height = top + (await main.evaluate((el) => (el as { scrollHeight: number }).scrollHeight));
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: viewport.width, height: Math.max(768, Math.ceil(height)) });
  await page.screenshot({ path: full });
  await page.setViewportSize(viewport);
  await page.locator('header.header').screenshot({ path: path.join(out, `${name}-header.png`) });
  console.log(`wrote ${full}`);
}

async function realWebJs(page: Page, sim: Awaited<ReturnType<typeof startSim>>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-sync-shots-web-'));
  const c = sim.credentials;
  const config = {
    remotes: {
      afosto: { baseUrl: sim.urls.afosto, clientId: c.afosto.client_id, clientSecret: c.afosto.client_secret },
      ucs: { baseUrl: sim.urls.ucs, clientId: c.ucs.client_id, clientSecret: c.ucs.client_secret },
      ultracart: { baseUrl: sim.urls.ultracart, simpleKey: c.ultracart.key },
      homs: { baseUrl: sim.urls.homs, email: c.homs.email, token: c.homs.apiToken },
      opentaps: { baseUrl: 'http://127.0.0.1:9/opentaps', authToken: 'x', clientDomain: 'x' },
    },
  };
  const configFile = path.join(dataDir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  const proc = spawn(process.execPath, ['out/main/web.js', '--demo', '--port', '0', '--data-dir', path.join(dataDir, 'data'), '--config', configFile], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`web.js printed no URL: ${text}`)), 30_000);
      proc.stdout.on('data', (d) => {
        text += d;
        const m = /Dockside web mode: (\S+)/.exec(text);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      proc.on('exit', (code) => reject(new Error(`web.js exited (${code})`)));
    });
    await signInAndOpenSync(page, url);
    await page.waitForTimeout(3000); // the engine's first pulls
    await shoot(page, 'web-js-sync');
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

type Order = Awaited<ReturnType<HomsClient['listOrders']>>[number];

async function everyState(page: Page, sim: Awaited<ReturnType<typeof startSim>>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-sync-shots-core-'));
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const homsOrders: PullResource<Order, HomsClient> = {
    remote: 'homs',
    resource: 'orders',
    mode: 'sweep',
    async fetchPage(client, cursor) {
      const p = Number(cursor ?? '1');
      const items = await client.listOrders(p, { pageSize: 50 });
      return { items, cursor: items.length < 50 ? null : String(p + 1), done: items.length < 50 };
    },
    apply(items, ctx) {
      for (const o of items) if (ctx.isProtected('order', o.code)) ctx.conflict({ entity: 'order', entityId: o.code, remoteId: String(o.id), remoteData: o });
    },
  };
  const homsUsers: PullResource<unknown, HomsClient> = {
    remote: 'homs',
    resource: 'users',
    mode: 'sweep',
    fetchPage: async (client) => ({ items: await client.listUsers(1, { pageSize: 50 }), cursor: null, done: true }),
    apply() {},
  };
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i);
  const longPull: PullResource<number> = {
    remote: 'ultracart',
    resource: 'tasks',
    mode: 'delta',
    async fetchPage(_c, cursor) {
      if (cursor === null) return { items: ids(1200), cursor: '1200', done: false, total: 3400 };
      await gate;
      return { items: ids(2200), cursor: 'end', done: true, total: 3400 };
    },
    apply() {},
  };
  const quick = (remote: RemoteSync['remote'], resource: string, n: number): PullResource => ({ remote, resource, mode: 'sweep', fetchPage: async () => ({ items: ids(n), cursor: null, done: true }), apply() {} });
  const failing = (remote: RemoteSync['remote'], resource: string, kind: 'network' | 'auth', message: string): PullResource => ({
    remote,
    resource,
    mode: 'sweep',
    fetchPage: async () => {
      throw new RemoteError({ remote, kind, message, remoteMessage: message });
    },
    apply() {},
  });
  const core = await createCore({
    dataDir,
    settings: memorySettingsStore({}),
    secrets: memorySecrets(),
    connectivity: switchableConnectivity(),
    logger: memoryLogger('error'),
    version: 'shots',
    platform: 'shots',
    demo: true,
    sync: {
      autoStart: false,
      factories: {
        homs: () => ({ remote: 'homs', resources: [homsOrders as PullResource<unknown, HomsClient>, homsUsers], pushes: [] }),
        ultracart: () => ({ remote: 'ultracart', resources: [quick('ultracart', 'users', 48), quick('ultracart', 'groups', 7), longPull as PullResource], pushes: [] }),
        ucs: () => ({ remote: 'ucs', resources: [failing('ucs', 'persons', 'network', 'connect ECONNREFUSED 127.0.0.1:9')], pushes: [] }),
        afosto: () => ({ remote: 'afosto', resources: [failing('afosto', 'orders', 'auth', 'invalid_client: client authentication failed')], pushes: [] }),
      },
    },
  });
  const c = sim.credentials;
  await core.connections.save({ remote: 'homs', baseUrl: sim.urls.homs, settings: { email: c.homs.email }, secrets: { token: c.homs.apiToken } }, null);
  await core.connections.save({ remote: 'ultracart', baseUrl: sim.urls.ultracart, secrets: { simpleKey: c.ultracart.key } }, null);
  await core.connections.save({ remote: 'ucs', baseUrl: 'http://127.0.0.1:9/ucs', secrets: { clientId: 'a', clientSecret: 'b' } }, null);
  await core.connections.save({ remote: 'afosto', baseUrl: sim.urls.afosto, secrets: { clientId: 'wrong', clientSecret: 'wrong' } }, null);
  // Local work on ORD-1 waits (no handler): HOMS's version becomes a conflict. A refused create parks as dead.
  core.outbox.registerPush('homs', 'create', async () => {
    throw new RemoteError({ remote: 'homs', kind: 'validation', status: 422, message: 'create order', remoteMessage: 'ext_code DS-1042 is already used' });
  });
  core.outbox.transact((enqueue) => {
    enqueue({ remote: 'homs', entity: 'order', entityId: 'ORD-1', operation: 'update', payload: { data: { note: 'called back' } } });
    enqueue({ remote: 'homs', entity: 'order', entityId: 'DS-1042', operation: 'create', payload: { ext_code: 'DS-1042', order_type_code: 'support_request' } });
    for (let i = 0; i < 3; i++) enqueue({ remote: 'ucs', entity: 'call', entityId: `c${i}`, operation: 'metadata', payload: { i } });
  });
  await core.sync.syncNow('homs');
  await core.sync.syncNow('afosto');
  await core.sync.syncNow('ucs');
  // Its tasks' second page waits at the gate: a pull in progress.
  void core.sync.syncNow('ultracart');

  const host = await startWebHost({ dispatcher: core.dispatcher, events: core.events, logger: memoryLogger('error'), rendererDir: path.join(root, 'out', 'renderer'), port: 0 });
  try {
    await signInAndOpenSync(page, host.url);
    await page.getByTestId('sync-progress').first().waitFor();
    await page.getByTestId('sync-conflict-toggle').first().click();
    await page.getByTestId('sync-inspect').first().click();
    await shoot(page, 'all-states-en');
    // Another window signed in as the supervisor switches the language and theme: the page follows.
    const api = createApi(inProcessBridge(core.dispatcher, core.events));
    await api.call('station.signIn', { pin: SUPERVISOR_PIN });
    await api.call('settings.set', { theme: 'dark', language: 'cs' });
    await shoot(page, 'all-states-cs-dark');
    await api.call('settings.set', { theme: 'light', language: 'en' });
    release();
    await page.getByTestId('sync-progress').first().waitFor({ state: 'detached' });
    await shoot(page, 'after-pull-en');
  } finally {
    release();
    await host.close();
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const sim = await startSim({ port: 0, seed: 42 });
  const browser = await chromium.launch(launchOptions(await chromiumChoice()));
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await everyState(page, sim);
    await realWebJs(page, sim);
  } finally {
    await browser.close();
    await sim.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
