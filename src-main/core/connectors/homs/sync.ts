// The HOMS connector module for the sync engine: users and orders pulled (sweeps), order create
// and partial update pushed. The code ↔ ext_code map the client keeps in memory is persisted as
// homs_orders(code, ext_code) and fed into each client the first time the module uses it.
import type { ConnectorDeps, PullResource, RemoteSync } from '../../sync/types';
import type { HomsClient } from './client';
import { homsOrdersResource, homsRepo, homsUsersResource } from './pull';
import { homsPushes, type HomsPushOptions } from './push';

export function homsSync(deps: ConnectorDeps<HomsClient>, opts: HomsPushOptions = {}): RemoteSync<HomsClient> {
  const primed = new WeakSet<HomsClient>();
  const prime = (c: HomsClient): void => {
    if (primed.has(c)) return;
    primed.add(c);
    // What the client already learned this run is newer than the table: it is kept.
    for (const [code, ext] of homsRepo(deps.db).extCodePairs()) if (c.extCodes.extCodeOf(code) === undefined) c.extCodes.note({ code, ext_code: ext });
  };
  return {
    remote: 'homs',
    // Users first: orders name their responsible user by e-mail.
    resources: [homsUsersResource() as PullResource<unknown, HomsClient>, homsOrdersResource(prime) as PullResource<unknown, HomsClient>],
    pushes: homsPushes(deps, prime, opts),
  };
}
