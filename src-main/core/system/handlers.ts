// system.*: what a window needs to know about this station before anyone signs in.
import type { Db } from '../db/database';
import type { HandlersFor } from '../rpc/dispatcher';
import type { StatusService } from './status';

export interface SystemFacts {
  version: string;
  platform: string;
  dataDir: string;
  demo: boolean;
}

export function systemHandlers(facts: SystemFacts, db: Db, status: StatusService): HandlersFor<'system'> {
  return {
    'system.info': (_input, ctx) => ({
      appName: 'Dockside',
      version: facts.version,
      dataDir: facts.dataDir,
      schemaVersion: db.schemaVersion,
      transport: ctx.transport,
      platform: facts.platform,
      demo: facts.demo,
    }),
    'system.status': () => status.snapshot(),
  };
}
