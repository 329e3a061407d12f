// station.*: the contract methods of the station capability, each a call into StationService.
import type { HandlersFor } from '../rpc/dispatcher';
import type { EventBus } from '../rpc/events';
import type { StationService } from './service';

export function stationHandlers(station: StationService, events: EventBus): HandlersFor<'station'> {
  const changed = <T>(value: T): T => {
    events.emit('station.changed', station.state());
    return value;
  };
  return {
    'station.state': () => station.state(),
    'station.rename': (input, ctx) => changed(station.rename(input.name, ctx.user?.id ?? null)),
    'station.setup': (input) => changed(station.setup(input)),
    'station.createUser': (input, ctx) => changed(station.createUser(input, ctx.user?.id ?? null)),
    'station.updateUser': (input, ctx) => changed(station.updateUser(input, ctx.user?.id ?? null)),
    'station.signIn': (input) => changed(station.signIn(input.pin)),
    'station.signOut': () => changed(station.signOut()),
  };
}
