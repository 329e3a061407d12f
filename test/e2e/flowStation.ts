// A bench station for the pick/pack flows and the scan bench, in web mode: the real core over its
// own SQLite file, served by the real web host to headless Chromium, with a fake Zebra for labels
// on a loopback TCP port. With `sim`, the Afosto simulator runs in process and
// all five connections point at it, as `--demo` does (src-main/host/demo.ts); without it the
// station is offline (a seeded store copied into `dataDir`, for the bench).
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createCore, type Core } from '../../src-main/core/app';
import { DB_FILE_NAME } from '../../src-main/core/db/database';
import { memoryLogger } from '../../src-main/core/log/logger';
import { inProcessBridge } from '../../src-main/core/rpc/inProcess';
import { memorySettingsStore } from '../../src-main/core/settings/memoryStore';
import { DEMO_SEED, demoRemotes } from '../../src-main/host/demo';
import { startWebHost, type WebHost } from '../../src-main/host/server';
import { startSim, type RunningSim } from '../../src-main/sim/server';
import { createApi, type Api } from '../../src-renderer/src/api/client';
import { memorySecrets, NO_INTERVAL_PULLS, switchableConnectivity } from '../helpers/core';
import { tempDir } from '../helpers/tmp';
import { FakeZebra } from '../unit/printing/fakeZebra';
import { launchChromium } from './chromium';
import { root } from './webMode';

const rendererDir = path.join(root, 'out', 'renderer');

export interface StationOptions {
  /** Run the simulator in process and point the connections at it (demo data through the real pull). */
  sim?: boolean;
  /** Use this data folder (e.g. holding a seeded store); default: a new temp folder, removed on close. */
  dataDir?: string;
  viewport?: { width: number; height: number };
  /** Scripts run in the page before the app's own (page.addInitScript). */
  initScripts?: string[];
}

export interface FlowStation {
  core: Core;
  dataDir: string;
  sim: RunningSim | null;
  host: WebHost;
  /** The contract in process, as the signed-in station (arrange and assert through it). */
  api: Api;
  labelPrinter: FakeZebra;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
  connectivity: ReturnType<typeof switchableConnectivity>;
  logger: ReturnType<typeof memoryLogger>;
  /** Loads the app in the page. */
  open(): Promise<void>;
  /** The station's SQLite file opened read-only (as another program would look at it). */
  readStore(): BetterSqlite3.Database;
  close(): Promise<void>;
}

let shared: Promise<Browser> | undefined;
/** One browser per process; every station gets its own context. */
export function flowBrowser(): Promise<Browser> {
  return (shared ??= launchChromium());
}
export async function closeFlowBrowser(): Promise<void> {
  const b = shared;
  shared = undefined;
  if (b) await (await b).close();
}

export async function startFlowStation(opts: StationOptions = {}): Promise<FlowStation> {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('Build first: npm run build');
  const browser = await flowBrowser();
  const temp = opts.dataDir ? null : tempDir('dockside-flow-');
  const dataDir = opts.dataDir ?? temp!.dir;
  // Undone in reverse order of creation.
  const cleanups: (() => unknown)[] = [];
  const undo = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  if (temp) cleanups.push(() => temp.cleanup());
  try {
    const sim = opts.sim ? await startSim({ port: 0, seed: DEMO_SEED }) : null;
    if (sim) cleanups.push(() => sim.close());
    const logger = memoryLogger('warn');
    const connectivity = switchableConnectivity(true);
    const core = await createCore({
      dataDir,
      settings: memorySettingsStore(),
      secrets: memorySecrets(),
      connectivity,
      logger,
      version: '0.0.0-flow',
      platform: 'test',
      demo: true,
      ...(sim ? { remotes: demoRemotes(sim), demoControlUrl: sim.urls.control } : {}),
      sync: { ...NO_INTERVAL_PULLS, ...(sim ? {} : { autoStart: false }) },
    });
    cleanups.push(() => core.close());
    const host = await startWebHost({ dispatcher: core.dispatcher, events: core.events, logger, rendererDir, port: 0 });
    cleanups.push(() => host.close());
    const bridge = inProcessBridge(core.dispatcher, core.events);
    cleanups.push(() => bridge.close());
    const labelPrinter = await new FakeZebra().start();
    cleanups.push(() => labelPrinter.stop());
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1366, height: 768 } });
    cleanups.push(() => context.close());
    for (const script of opts.initScripts ?? []) await context.addInitScript(script);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    const readers: BetterSqlite3.Database[] = [];
    cleanups.push(() => readers.forEach((r) => r.close()));
    return {
      core,
      dataDir,
      sim,
      host,
      api: createApi(bridge),
      labelPrinter,
      browser,
      context,
      page,
      pageErrors,
      connectivity,
      logger,
      async open() {
        await page.goto(host.url);
      },
      readStore() {
        const r = new BetterSqlite3(path.join(dataDir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
        readers.push(r);
        return r;
      },
      close: undo,
    };
  } catch (err) {
    await undo();
    throw err;
  }
}

/** The ZPL labels a fake Zebra received, each ^XA … ^XZ. */
export function labelsOf(zebra: FakeZebra): string[] {
  return zebra.received().match(/\^XA[\s\S]*?\^XZ/g) ?? [];
}
