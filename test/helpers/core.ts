import { createCore, type Core } from '../../src-main/core/app';
import { memoryLogger } from '../../src-main/core/log/logger';
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

/** A real core over a real SQLite file in a temp dir, with in-memory platform ports. */
export async function createTestCore(opts: { demo?: boolean } = {}): Promise<TestCore> {
  const { dir, cleanup } = tempDir();
  const logger = memoryLogger();
  const connectivity = switchableConnectivity();
  const core = await createCore({
    dataDir: dir,
    settings: memorySettingsStore(),
    secrets: memorySecrets(),
    connectivity,
    logger,
    version: '0.0.0-test',
    platform: 'test',
    demo: opts.demo ?? false,
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
