// packing.*: one call each into the service (roles are checked by the dispatcher).
import type { HandlersFor } from '../rpc/dispatcher';
import type { PackingService } from './service';

export function packingHandlers(packing: PackingService): HandlersFor<'packing'> {
  const who = (ctx: { user: { id: string } | null }) => ctx.user?.id ?? null;
  return {
    'packing.open': (input, ctx) => packing.open(input.code, who(ctx)),
    'packing.shipment': (input) => packing.shipment(input.shipmentId),
    'packing.scan': (input, ctx) => packing.scan(input.code, input.shipmentId, who(ctx)),
    'packing.undo': (input, ctx) => packing.undo(input.shipmentId, who(ctx)),
    'packing.openParcel': (input, ctx) => packing.openParcel(input.shipmentId, input.boxType, who(ctx)),
    'packing.moveItem': (input, ctx) => packing.moveItem(input, who(ctx)),
    'packing.setWeight': (input, ctx) => packing.setWeight(input.parcelId, input.grams, input.source, who(ctx)),
    'packing.closeParcel': (input, ctx) => packing.closeParcel(input.parcelId, who(ctx)),
    'packing.override': (input, ctx) => packing.override(input, who(ctx)),
    'packing.reprint': (input, ctx) => packing.reprint(input.parcelId, who(ctx)),
    'packing.boxTypes': () => packing.boxTypes(),
    'packing.settings': () => packing.settings(),
    'packing.setSettings': (input, ctx) => packing.setSettings(input, who(ctx)),
  };
}
