// picking.*: one call each into the service (roles are checked by the dispatcher); the signed-in
// user is written on every scan event.
import type { HandlersFor } from '../rpc/dispatcher';
import type { PickingService } from './service';

export function pickingHandlers(picking: PickingService): HandlersFor<'picking'> {
  return {
    'picking.list': (input) => picking.list(input),
    'picking.open': (input) => picking.open(input.listId),
    'picking.scan': (input, ctx) => picking.scan(input.listId, input.raw, ctx.user?.id ?? null),
    'picking.count': (input, ctx) => picking.count(input.listId, input.quantity, ctx.user?.id ?? null),
    'picking.short': (input, ctx) => picking.short(input.listId, input.reason, ctx.user?.id ?? null),
    'picking.undo': (input, ctx) => picking.undo(input.listId, ctx.user?.id ?? null),
    'picking.skip': (input, ctx) => picking.skip(input.listId, ctx.user?.id ?? null),
  };
}
