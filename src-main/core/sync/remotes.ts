// The connector modules the sync engine runs, one per remote. Each is a factory of its RemoteSync
// (pull resources and push handlers) over the shared client of its remote; the engine calls it
// when the remote gets configured. Filled in as the connectors land.
import type { Remote } from '../../../src-preload/contract';
import type { ClientOf } from '../connections/service';
import type { ConnectorDeps, RemoteSync } from './types';

export type RemoteSyncFactories = { [R in Remote]?: (deps: ConnectorDeps<ClientOf[R]>) => RemoteSync<ClientOf[R]> };

export const remoteSyncFactories: RemoteSyncFactories = {};
