// The boxes at the bench. Scanning a box-type barcode (BOX:<code>, printed beside the shelf of
// boxes) opens a parcel with these inner dimensions, which go to Afosto with the parcel's create.
// A station with other boxes changes this table; codes are upper-case and short so they scan fast.
import { BOX_PREFIX, type BoxType } from '../../../src-preload/contract';

const box = (code: string, name: string, lengthCm: number, widthCm: number, heightCm: number): BoxType => ({
  code,
  barcode: BOX_PREFIX + code,
  name,
  lengthCm,
  widthCm,
  heightCm,
});

export const BOX_TYPES: readonly BoxType[] = [
  box('XS', 'Envelope', 25, 18, 3),
  box('S', 'Small box', 30, 20, 10),
  box('M', 'Medium box', 40, 30, 20),
  box('L', 'Large box', 60, 40, 30),
  box('XL', 'Extra large box', 80, 60, 40),
];

export function boxType(code: string): BoxType | undefined {
  const c = code.trim().toUpperCase();
  return BOX_TYPES.find((b) => b.code === c);
}
