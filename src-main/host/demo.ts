// Demo mode's host side, shared by web mode and Electron: the remote simulator runs inside the
// app on a free loopback port, all five connections point at it, and the data folder remembers
// that it is a demo station so the next start runs the simulator again. Core never imports the
// simulator; it gets the connections, the control URL and a DemoPort for the first-run choice.
import fs from 'node:fs';
import path from 'node:path';
import type { CoreOptions } from '../core/app';
import type { ResolvedRemotes } from '../core/connections/config';
import { DB_FILE_NAME } from '../core/db/database';
import { PRIVATE_FILE_MODE } from '../core/db/privateFiles';
import type { Logger } from '../core/log/logger';
import type { DemoPort, DemoSim } from '../core/training/domain';
import { startSim, type RunningSim, type SimCredentials } from '../sim/server';

/** The simulator's own default seed (`npm run sim`): every demo shows the same sample data. */
export const DEMO_SEED = 20240807;
/** In the data folder: this folder is a demo station (its content is informative only). */
export const DEMO_MARKER_FILE = 'demo-station.json';

export function isDemoDataDir(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, DEMO_MARKER_FILE));
}

export function markDemoDataDir(dataDir: string, seed: number = DEMO_SEED): void {
  const file = path.join(dataDir, DEMO_MARKER_FILE);
  if (fs.existsSync(file)) return;
  fs.writeFileSync(file, JSON.stringify({ demo: true, seed, since: new Date().toISOString() }) + '\n', { mode: PRIVATE_FILE_MODE });
}

/** What demoRemotes reads of a simulator: a RunningSim, or GET /_sim of one in another process. */
export interface SimConnectionInfo {
  urls: Omit<RunningSim['urls'], 'control'>;
  credentials: {
    afosto: Pick<SimCredentials['afosto'], 'client_id' | 'client_secret'>;
    ucs: Pick<SimCredentials['ucs'], 'client_id' | 'client_secret'>;
    ultracart: Pick<SimCredentials['ultracart'], 'key'>;
    homs: SimCredentials['homs'];
    opentaps: SimCredentials['opentaps'];
  };
}

/** The five connections to a running simulator: its printed base URLs and its demo credentials. */
export function demoRemotes(sim: SimConnectionInfo): Required<ResolvedRemotes> {
  const c = sim.credentials;
  return {
    afosto: { baseUrl: sim.urls.afosto, settings: {}, secrets: { clientId: c.afosto.client_id, clientSecret: c.afosto.client_secret } },
    ucs: { baseUrl: sim.urls.ucs, settings: {}, secrets: { clientId: c.ucs.client_id, clientSecret: c.ucs.client_secret } },
    ultracart: { baseUrl: sim.urls.ultracart, settings: {}, secrets: { simpleKey: c.ultracart.key } },
    homs: { baseUrl: sim.urls.homs, settings: { email: c.homs.email }, secrets: { token: c.homs.apiToken } },
    opentaps: { baseUrl: sim.urls.opentaps, settings: { clientDomain: c.opentaps.clientDomain }, secrets: { authToken: c.opentaps.authToken } },
  };
}

export interface DemoHost {
  /** Starts the simulator once (later calls get the same one) and marks the data folder a demo station. */
  start(): Promise<DemoSim>;
  /** What core's first-run choice calls. */
  readonly port: DemoPort;
  /** The running simulator, if any (tests read its state). */
  running(): RunningSim | null;
  /** Stops the simulator (its state is not kept: the next start regenerates it from the seed). */
  close(): Promise<void>;
}

export function createDemoHost(opts: { dataDir: string; logger: Logger; seed?: number }): DemoHost {
  const seed = opts.seed ?? DEMO_SEED;
  let sim: RunningSim | null = null;
  let starting: Promise<DemoSim> | null = null;
  let closed = false;
  const start = (): Promise<DemoSim> => {
    if (closed) return Promise.reject(new Error('The app is stopping'));
    starting ??= (async () => {
      sim = await startSim({ port: 0, seed });
      markDemoDataDir(opts.dataDir, seed);
      opts.logger.info('demo simulator started', { url: sim.url, seed });
      return { remotes: demoRemotes(sim), controlUrl: sim.urls.control };
    })();
    // A failed start may be tried again (the first-run button).
    starting.catch(() => (starting = null));
    return starting;
  };
  return {
    start,
    port: { start },
    running: () => sim,
    async close() {
      closed = true;
      await starting?.catch(() => undefined);
      if (sim) await sim.close();
      sim = null;
    },
  };
}

export class DemoRefusedError extends Error {}

/**
 * What createCore needs for demo mode. With --demo, or on a data folder marked demo, the simulator
 * starts now and replaces any --config remotes; otherwise core only gets the DemoPort, for the
 * first-run choice. --demo never turns an existing real station's folder into a demo.
 */
export async function demoCoreOptions(
  host: DemoHost,
  opts: { dataDir: string; demoFlag: boolean; remotes?: ResolvedRemotes; logger: Logger },
): Promise<Pick<CoreOptions, 'demo' | 'remotes' | 'demoControlUrl' | 'demoPort'>> {
  const marked = isDemoDataDir(opts.dataDir);
  if (opts.demoFlag && !marked && fs.existsSync(path.join(opts.dataDir, DB_FILE_NAME))) {
    throw new DemoRefusedError(`${opts.dataDir} holds a station that is not a demo; --demo keeps its sample data in a folder of its own (leave out --data-dir, or name a new folder)`);
  }
  if (!opts.demoFlag && !marked) return { demo: false, demoPort: host.port, ...(opts.remotes ? { remotes: opts.remotes } : {}) };
  if (opts.remotes) opts.logger.warn('demo station: the --config remotes are ignored; all five connections point at the built-in simulator');
  const sim = await host.start();
  return { demo: true, remotes: sim.remotes, demoControlUrl: sim.controlUrl, demoPort: host.port };
}
