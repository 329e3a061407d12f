// connections.*: one call each into the service; changes are announced by the service's listener.
import type { HandlersFor } from '../rpc/dispatcher';
import type { ConnectionsService } from './service';

export function connectionsHandlers(connections: ConnectionsService): HandlersFor<'connections'> {
  return {
    'connections.list': () => connections.list(),
    'connections.save': (input, ctx) => connections.save(input, ctx.user?.id ?? null),
    'connections.remove': (input, ctx) => connections.remove(input.remote, ctx.user?.id ?? null),
    'connections.test': (input) => connections.test(input.remote),
  };
}
