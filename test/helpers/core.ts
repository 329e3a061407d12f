import { createCore, type Core, type CoreOptions } from '../../src-main/core/app';
import { memoryLogger, type LogLevel } from '../../src-main/core/log/logger';
import type { Connectivity, SecretStore } from '../../src-main/core/platform/ports';
import { memorySettingsStore } from '../../src-main/core/settings/memoryStore';
import { tempDir } from './tmp';

export function memorySecrets(): SecretStore {
  const m = new Map<string, string>();
  return {
    get: async (k) => m.get(k) ?? null,
    set: async (k, v) => void m.set(k, v),
    delete: async (k) => void m.delete(k),
    list: async () => [...m.keys()].sort(),
    describe: () => ({ backend: 'memory', encrypted: false }),
  };
}

export function switchableConnectivity(initial = true): Connectivity & { set(online: boolean): void } {
  let online = initial;
  const listeners = new Set<(o: boolean) => void>();
  return {
    isOnline: () => online,
    onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
    set(next) {
      online = next;
      for (const l of listeners) l(next);
    },
  };
}

export interface TestCore {
  core: Core;
  dir: string;
  logger: ReturnType<typeof memoryLogger>;
  connectivity: ReturnType<typeof switchableConnectivity>;
  dispose(): Promise<void>;
}

/** No interval pulls during a test: what runs is the start, "sync now", a saved connection and the probe. */
export const NO_INTERVAL_PULLS = { deltaIntervalMs: 10 * 60_000, sweepIntervalMs: 10 * 60_000 } as const;

export type TestCoreOptions = Omit<Partial<CoreOptions>, 'dataDir' | 'logger' | 'connectivity'> & { logLevel?: LogLevel };

/** A real core over a real SQLite file in a temp dir, with in-memory platform ports; `opts` adds or replaces core options. */
export async function createTestCore(opts: TestCoreOptions = {}): Promise<TestCore> {
  const { logLevel, ...coreOpts } = opts;
  const { dir, cleanup } = tempDir();
  const logger = memoryLogger(logLevel);
  const connectivity = switchableConnectivity();
  const core = await createCore({
    dataDir: dir,
    settings: memorySettingsStore(),
    secrets: memorySecrets(),
    connectivity,
    logger,
    version: '0.0.0-test',
    platform: 'test',
    demo: false,
    ...coreOpts,
  });
  return {
    core,
    dir,
    logger,
    connectivity,
    async dispose() {
      await core.close();
      cleanup();
    },
  };
}
