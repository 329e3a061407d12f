// secrets.*: names and flags out, values only in; every change is announced (without values).
import type { SecretList } from '../../../src-preload/contract';
import type { HandlersFor } from '../rpc/dispatcher';
import type { EventBus } from '../rpc/events';
import type { SecretsService } from './service';

export function secretsHandlers(secrets: SecretsService, events: EventBus): HandlersFor<'secrets'> {
  const changed = (list: SecretList): SecretList => {
    events.emit('secrets.changed', list);
    return list;
  };
  return {
    'secrets.list': () => secrets.list(),
    'secrets.set': async (input, ctx) => changed(await secrets.set(input.name, input.value, ctx.user?.id ?? null)),
    'secrets.remove': async (input, ctx) => changed(await secrets.remove(input.name, ctx.user?.id ?? null)),
  };
}
