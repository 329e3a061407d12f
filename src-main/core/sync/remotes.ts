// The connector modules the sync engine runs, one per remote. Each is a factory of its RemoteSync
// (pull resources and push handlers) over the shared client of its remote; the engine calls it
// when the remote gets configured.
import type { Remote } from '../../../src-preload/contract';
import type { ClientOf } from '../connections/service';
import { afostoSync } from '../connectors/afosto/sync';
import { homsSync } from '../connectors/homs/sync';
import { opentapsSync } from '../connectors/opentaps/sync';
import { ucsSync } from '../connectors/ucs/sync';
import { ultracartSync } from '../connectors/ultracart/sync';
import type { ConnectorDeps, RemoteSync } from './types';

export type RemoteSyncFactories = { [R in Remote]?: (deps: ConnectorDeps<ClientOf[R]>) => RemoteSync<ClientOf[R]> };

export const remoteSyncFactories: RemoteSyncFactories = {
  afosto: (deps) => afostoSync(deps),
  ucs: (deps) => ucsSync(deps),
  ultracart: (deps) => ultracartSync(deps),
  homs: (deps) => homsSync(deps),
  opentaps: (deps) => opentapsSync(deps),
};
