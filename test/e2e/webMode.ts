import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { inProcessBridge } from '../../src-main/core/rpc/inProcess';
import { startWebHost, type WebHost } from '../../src-main/host/server';
import { createApi, type Api } from '../../src-renderer/src/api/client';
import { createTestCore, type TestCore } from '../helpers/core';
import { launchChromium } from './chromium';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const rendererDir = path.join(root, 'out', 'renderer');

/** The demo people's PINs (src-main/core/station/demo.ts). */
export const PIN = { supervisor: '999999', packer: '1111', agent: '2222' } as const;

function requireBuild(): void {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('Build first: npm run build');
}

export interface Running {
  url: string;
  stdout: () => string;
  stderr: () => string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a command that prints the web-mode URL, and waits for that line. */
export async function startPrintingUrl(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  requireBuild();
  const proc = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No URL printed within 30 s.\nstdout: ${out}\nstderr: ${err}`)), 30_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /Dockside web mode: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing a URL.\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  return {
    url,
    proc,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      process.kill(-proc.pid!, 'SIGTERM');
      await exited;
    },
  };
}

let browser: Promise<Browser> | undefined;

/** One browser per test file; every test gets its own context (cookies, storage) in it. */
function sharedBrowser(): Promise<Browser> {
  return (browser ??= launchChromium());
}

async function closeSharedBrowser(): Promise<void> {
  const b = browser;
  browser = undefined;
  if (b) await (await b).close();
}

export interface DemoApp {
  /** A fresh demo station: real core over its own SQLite file, served by the real web host. */
  core: TestCore;
  host: WebHost;
  /** The contract, in process, for arranging a test's starting state before the page opens. */
  api: Api;
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far. */
  pageErrors: string[];
  /** Loads the app in the page (after any arranging through `api`). */
  open(): Promise<void>;
  close(): Promise<void>;
}

/** A new demo station in web mode, and a new page at a bench screen's size, not yet loaded. */
export async function startDemoApp(): Promise<DemoApp> {
  requireBuild();
  // The browser first: if it cannot start there is no station to clean up.
  const context = await (await sharedBrowser()).newContext({ viewport: { width: 1366, height: 768 } });
  const core = await createTestCore({ demo: true });
  const host = await startWebHost({ dispatcher: core.core.dispatcher, events: core.core.events, logger: core.logger, rendererDir, port: 0 });
  const bridge = inProcessBridge(core.core.dispatcher, core.core.events);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  return {
    core,
    host,
    api: createApi(bridge),
    context,
    page,
    pageErrors,
    async open() {
      await page.goto(host.url);
    },
    async close() {
      await context.close();
      bridge.close();
      await host.close();
      await core.dispose();
    },
  };
}

/**
 * Gives every test of the calling file its own demo station and page, so no test depends on
 * another: `const app = demoAppPerTest();` then `app()` inside a test. A test whose page raised
 * an error fails.
 */
export function demoAppPerTest(): () => DemoApp {
  let current: DemoApp | undefined;
  beforeEach(async () => {
    current = await startDemoApp();
  });
  afterEach(async () => {
    const app = current;
    current = undefined;
    if (!app) return;
    const errors = [...app.pageErrors];
    await app.close();
    expect(errors, 'errors in the page').toEqual([]);
  });
  afterAll(closeSharedBrowser);
  return () => {
    if (!current) throw new Error('demoAppPerTest(): only inside a test');
    return current;
  };
}

/** Signs in on the sign-in screen. */
export async function signIn(page: Page, pin: string): Promise<void> {
  await page.getByTestId('signin-pin').fill(pin);
  await page.getByTestId('signin-submit').click();
}
