// station.*: the contract methods of the station capability, each a call into StationService
// (which emits station.changed itself).
import type { HandlersFor } from '../rpc/dispatcher';
import type { StationService } from './service';

export function stationHandlers(station: StationService): HandlersFor<'station'> {
  return {
    'station.state': () => station.state(),
    'station.rename': (input, ctx) => station.rename(input.name, ctx.user?.id ?? null),
    'station.setup': (input) => station.setup(input),
    'station.createUser': (input, ctx) => station.createUser(input, ctx.user?.id ?? null),
    'station.updateUser': (input, ctx) => station.updateUser(input, ctx.user?.id ?? null),
    'station.signIn': (input) => station.signIn(input),
    'station.signOut': () => station.signOut(),
    'station.issueBadge': (input, ctx) => station.issueBadge(input.userId, ctx.user?.id ?? null),
    'station.printBadge': (input, ctx) => station.printBadge(input.userId, input.lang, ctx.user?.id ?? null),
  };
}
