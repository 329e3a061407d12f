import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { tempDir } from '../helpers/tmp';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Running {
  url: string;
  stdout: () => string;
  stderr: () => string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a command that prints the web-mode URL, and waits for that line. */
export async function startPrintingUrl(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  if (!fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'))) throw new Error('Build first: npm run build');
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

export function startWebMode(dataDir: string, extra: string[] = []): Promise<Running> {
  return startPrintingUrl(process.execPath, [path.join(root, 'out', 'main', 'web.js'), '--port', '0', '--data-dir', dataDir, ...extra]);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

export interface OpenApp {
  app: Running;
  browser: Browser;
  page: Page;
  /** Uncaught page errors and console errors seen so far. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** A demo station in web mode, opened in Chromium at a bench screen's size. */
export async function openDemoApp(): Promise<OpenApp> {
  const { dir, cleanup } = tempDir();
  const app = await startWebMode(dir, ['--demo']);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  await page.goto(app.url);
  return {
    app,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await app.stop();
      cleanup();
    },
  };
}
