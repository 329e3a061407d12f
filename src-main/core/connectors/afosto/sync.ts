// The Afosto connector module: its pulls (./pull) and pushes (./push) over the shared client, for
// the sync engine (core/sync/types.ts). The composition root passes the deps; `opts.onFile`
// receives label/slip files after they are stored in remote_files, `opts.onApplied` the pick lists
// and shipments a pulled chunk changed (after its commit).
import type { ConnectorDeps, RemoteSync } from '../../sync/types';
import type { AfostoClient } from './client';
import { afostoResources, type AfostoPullOptions } from './pull';
import { afostoPushes, type AfostoPushOptions } from './push';
import { AfostoRepo } from './repo';

export type AfostoSyncOptions = AfostoPullOptions & AfostoPushOptions;

export function afostoSync(deps: ConnectorDeps<AfostoClient>, opts: AfostoSyncOptions = {}): RemoteSync<AfostoClient> {
  const repo = new AfostoRepo(deps.db);
  // apply runs with the engine's Db (the same one): reuse the repo and its prepared statements
  const repoOf = (db: ConnectorDeps<AfostoClient>['db']) => (db === deps.db ? repo : new AfostoRepo(db));
  return {
    remote: 'afosto',
    resources: afostoResources(() => deps.db, repoOf, opts),
    pushes: afostoPushes(() => deps.client(), repo, deps.clock, opts),
  };
}
