// Where the Pack screen takes components built beside it: the scale reading (MT-SICS driver) and
// the photo evidence button. Each is optional; the screen works without them (typed weight, no photo).
import type { ComponentType } from 'react';
import { benchSlots } from './benchSlots';

export interface ScaleReadingProps {
  /** The open parcel the reading is for. */
  parcelId: string;
  /** A stable reading in grams: the screen stores it as the parcel's weight (source: scale). */
  onReading(grams: number): void;
}

export interface PhotoButtonProps {
  parcelId: string;
  shipmentId: string;
}

export interface PackSlots {
  ScaleReading?: ComponentType<ScaleReadingProps>;
  PhotoButton?: ComponentType<PhotoButtonProps>;
}

/** The scale reading and the photo button of the bench (./ScaleReading, ./PhotoButton). */
export const packSlots: PackSlots = { ...benchSlots };
