// A real core over SQLite in a temp folder, wired for demo mode the way web mode wires it
// (createDemoHost + demoCoreOptions before createCore), reached through the in-process transport.
import { createCore, type Core, type CoreOptions } from '../../../src-main/core/app';
import type { ResolvedRemotes } from '../../../src-main/core/connections/config';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { inProcessBridge } from '../../../src-main/core/rpc/inProcess';
import { memorySettingsStore } from '../../../src-main/core/settings/memoryStore';
import { createDemoHost, demoCoreOptions, type DemoHost } from '../../../src-main/host/demo';
import { createApi, type Api } from '../../../src-renderer/src/api/client';
import { memorySecrets, switchableConnectivity } from '../../helpers/core';

export interface DemoCore {
  core: Core;
  host: DemoHost;
  api: Api;
  /** Stops core and the simulator, as web mode's Ctrl+C does. */
  stop(): Promise<void>;
}

export async function startDemoCore(
  dataDir: string,
  opts: { demoFlag: boolean; remotes?: ResolvedRemotes; sync?: CoreOptions['sync'] },
): Promise<DemoCore> {
  const logger = memoryLogger('warn');
  const host = createDemoHost({ dataDir, logger });
  const { sync, ...wiring } = opts;
  const demo = await demoCoreOptions(host, { dataDir, logger, ...wiring });
  const core = await createCore({
    dataDir,
    settings: memorySettingsStore(),
    secrets: memorySecrets(),
    connectivity: switchableConnectivity(),
    logger,
    version: '0.0.0-test',
    platform: 'test',
    ...demo,
    ...(sync ? { sync } : {}),
  });
  const api = createApi(inProcessBridge(core.dispatcher, core.events));
  return {
    core,
    host,
    api,
    async stop() {
      await core.close();
      await host.close();
    },
  };
}
