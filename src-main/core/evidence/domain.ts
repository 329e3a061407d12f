// Pure checks on a photo: is it a whole JPEG, and how large is the picture. A JPEG starts with SOI
// (FF D8), ends with EOI (FF D9), and its frame header (SOFn) carries the height and width. The
// segments before the scan are walked by their lengths, so bytes inside them cannot fool it.
export interface JpegInfo {
  width: number;
  height: number;
}

/** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range but are no frame header. */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** The picture size of a whole JPEG, or null when `bytes` is not one (or is cut short). */
export function jpegInfo(bytes: Uint8Array): JpegInfo | null {
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  if (bytes[n - 2] !== 0xff || bytes[n - 1] !== 0xd9) return null;
  let i = 2;
  while (i + 4 <= n) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (length < 2 || i + 2 + length > n) return null;
    if (isFrameHeader(marker)) {
      if (length < 7) return null;
      const height = (bytes[i + 5]! << 8) | bytes[i + 6]!;
      const width = (bytes[i + 7]! << 8) | bytes[i + 8]!;
      return width > 0 && height > 0 ? { width, height } : null;
    }
    if (marker === 0xda) return null; // the scan began without a frame header
    i += 2 + length;
  }
  return null;
}
