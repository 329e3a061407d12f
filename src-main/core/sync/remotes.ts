// The connector modules the sync engine runs, one per remote. Each is a factory of its RemoteSync
// (pull resources and push handlers) over the shared client of its remote; the engine calls it
// when the remote gets configured.
import type { Remote } from '../../../src-preload/contract';
import type { ClientOf } from '../connections/service';
import { afostoSync, type AfostoSyncOptions } from '../connectors/afosto/sync';
import { homsSync } from '../connectors/homs/sync';
import { opentapsSync } from '../connectors/opentaps/sync';
import { ucsSync } from '../connectors/ucs/sync';
import { ultracartSync } from '../connectors/ultracart/sync';
import type { ConnectorDeps, RemoteSync } from './types';

export type RemoteSyncFactories = { [R in Remote]?: (deps: ConnectorDeps<ClientOf[R]>) => RemoteSync<ClientOf[R]> };

/** Per-connector options the composition root passes (Afosto: `onFile`, where label/slip files go). */
export interface RemoteSyncOptions {
  afosto?: AfostoSyncOptions;
}

export function createRemoteSyncFactories(o: RemoteSyncOptions = {}): RemoteSyncFactories {
  return {
    afosto: (deps) => afostoSync(deps, o.afosto),
    ucs: (deps) => ucsSync(deps),
    ultracart: (deps) => ultracartSync(deps),
    homs: (deps) => homsSync(deps),
    opentaps: (deps) => opentapsSync(deps),
  };
}

export const remoteSyncFactories: RemoteSyncFactories = createRemoteSyncFactories();
