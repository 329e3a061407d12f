// The simulator in a child process, as `npm run sim` runs it: its CPU is not the app's, so a
// benchmark's event-loop figures and a scenario's "the remote is down" are about the app alone.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedRemotes } from '../../src-main/core/connections/config';
import { demoRemotes, type SimConnectionInfo } from '../../src-main/host/demo';
import type { Remote } from '../../src-preload/contract';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** GET /_sim: where each system is and its demo credentials. */
export interface SimInfo extends SimConnectionInfo {
  urls: Record<Remote | 'control', string>;
  counts: Record<string, number>;
}

export interface ChildSim {
  info: SimInfo;
  proc: ChildProcess;
  output: () => string;
  /** POST/DELETE/GET on the control API (/_sim…). */
  control(method: string, route: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts `tsx src-main/sim/cli.ts --port 0` and waits for the control URL it prints. */
export async function startChildSim(opts: { scale?: 'small' | 'large'; seed?: number } = {}): Promise<ChildSim> {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const args = ['src-main/sim/cli.ts', '--port', '0', '--seed', String(opts.seed ?? 42), '--scale', opts.scale ?? 'small'];
  // Its own process group, so stop() ends tsx and the node it runs together.
  const proc = spawn(tsx, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  proc.stderr!.on('data', (d) => (out += d));
  const control = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator printed no URL within 60 s:\n${out}`)), 60_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /Control\s+(http:\/\/127\.0\.0\.1:\d+\/_sim)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited with ${code}:\n${out}`));
    });
  });
  const call = async (method: string, route: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(control + route, { method, ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} /_sim${route}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  const info = (await call('GET', '')) as SimInfo;
  return {
    info,
    proc,
    output: () => out,
    control: call,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      process.kill(-proc.pid!, 'SIGTERM');
      await exited;
    },
  };
}

/** The connections (all five, or `only` these) as the --config file's `remotes` resolve them: demoRemotes of a simulator, in this process or a child. */
export function simRemotes(info: SimConnectionInfo, only?: readonly Remote[]): ResolvedRemotes {
  const all = demoRemotes(info);
  if (!only) return all;
  return Object.fromEntries(only.map((r) => [r, all[r]])) as ResolvedRemotes;
}

/** The same connections as a web-mode --config file writes them. */
export function simConfigFile(info: SimInfo): { remotes: Record<Remote, Record<string, string>> } {
  const c = info.credentials;
  return {
    remotes: {
      afosto: { baseUrl: info.urls.afosto, clientId: c.afosto.client_id, clientSecret: c.afosto.client_secret },
      ucs: { baseUrl: info.urls.ucs, clientId: c.ucs.client_id, clientSecret: c.ucs.client_secret },
      ultracart: { baseUrl: info.urls.ultracart, simpleKey: c.ultracart.key },
      homs: { baseUrl: info.urls.homs, email: c.homs.email, token: c.homs.apiToken },
      opentaps: { baseUrl: info.urls.opentaps, authToken: c.opentaps.authToken, clientDomain: c.opentaps.clientDomain },
    },
  };
}
