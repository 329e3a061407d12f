// scale.*: one call each into the service (roles are checked by the dispatcher).
import type { HandlersFor } from '../rpc/dispatcher';
import type { ScaleService } from './service';

export function scaleHandlers(scale: ScaleService): HandlersFor<'scale'> {
  return {
    'scale.configure': (input) => scale.configure(input),
    'scale.status': () => scale.status(),
    'scale.read': (input) => scale.read(input.mode),
    'scale.zero': () => scale.zero(),
  };
}
