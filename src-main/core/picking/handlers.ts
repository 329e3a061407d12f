// picking.*: one call each into the service (roles are checked by the dispatcher).
import type { HandlersFor } from '../rpc/dispatcher';
import { AppError } from '../rpc/errors';

const notYet = (): never => {
  throw new AppError('UNAVAILABLE', 'Picking is not built yet');
};

export function pickingHandlers(): HandlersFor<'picking'> {
  return {
    'picking.list': notYet,
    'picking.open': notYet,
    'picking.scan': notYet,
    'picking.count': notYet,
    'picking.short': notYet,
    'picking.undo': notYet,
    'picking.skip': notYet,
  };
}
