// The UltraCart connector module for the sync engine: its pulls and pushes (see sync/types.ts).
import type { ConnectorDeps, RemoteSync } from '../../sync/types';
import type { UltracartClient } from './client';
import { ultracartResources } from './pull';
import { ultracartPushes } from './push';

export function ultracartSync(deps: ConnectorDeps<UltracartClient>, opts: { taskPageSize?: number } = {}): RemoteSync<UltracartClient> {
  return { remote: 'ultracart', resources: ultracartResources(opts), pushes: ultracartPushes(deps) };
}
