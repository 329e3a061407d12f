// The Opentaps connector module for the sync engine: its pulls and pushes (see sync/types.ts).
import type { ConnectorDeps, RemoteSync } from '../../sync/types';
import type { OpentapsClient } from './client';
import { opentapsResources } from './pull';
import { opentapsPushes } from './push';

export function opentapsSync(deps: ConnectorDeps<OpentapsClient>, opts: { activityPageSize?: number } = {}): RemoteSync<OpentapsClient> {
  return { remote: 'opentaps', resources: opentapsResources(deps, opts), pushes: opentapsPushes(deps) };
}
