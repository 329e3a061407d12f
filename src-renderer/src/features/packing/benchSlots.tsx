// The scale reading and the photo button in the shape of the Pack screen's slots (packSlots.ts on
// the Pack branch: ScaleReading {parcelId, onReading}, PhotoButton {parcelId, shipmentId}), so
// wiring them in is `export const packSlots: PackSlots = { ...benchSlots };`.
import { PhotoButton } from './PhotoButton';
import { ScaleReading } from './ScaleReading';

/** The reading starts afresh for each parcel (its "weight taken" note belongs to one parcel). */
function ScaleReadingSlot({ parcelId, onReading }: { parcelId: string; onReading(grams: number): void }) {
  return <ScaleReading key={parcelId} onWeight={onReading} />;
}

function PhotoButtonSlot({ parcelId }: { parcelId: string; shipmentId: string }) {
  return <PhotoButton parcelId={parcelId} />;
}

export const benchSlots = { ScaleReading: ScaleReadingSlot, PhotoButton: PhotoButtonSlot };
