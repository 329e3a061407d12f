// packing.*: one call each into the service (roles are checked by the dispatcher).
import type { HandlersFor } from '../rpc/dispatcher';
import { AppError } from '../rpc/errors';

const notYet = (): never => {
  throw new AppError('UNAVAILABLE', 'Packing is not built yet');
};

export function packingHandlers(): HandlersFor<'packing'> {
  return {
    'packing.open': notYet,
    'packing.shipment': notYet,
    'packing.scan': notYet,
    'packing.openParcel': notYet,
    'packing.moveItem': notYet,
    'packing.setWeight': notYet,
    'packing.closeParcel': notYet,
    'packing.override': notYet,
    'packing.reprint': notYet,
    'packing.boxTypes': notYet,
    'packing.settings': notYet,
    'packing.setSettings': notYet,
  };
}
