// The UCS connector module the sync engine runs: its pulls (pull.ts) and its pushes (push.ts).
import type { ConnectorDeps, RemoteSync } from '../../sync/types';
import type { UcsClient } from './client';
import { ucsPullResources, type UcsPullOptions } from './pull';
import { ucsPushes } from './push';

export function ucsSync(deps: ConnectorDeps<UcsClient>, opts: UcsPullOptions = {}): RemoteSync<UcsClient> {
  return { remote: 'ucs', resources: ucsPullResources(deps, opts), pushes: ucsPushes(deps) };
}
