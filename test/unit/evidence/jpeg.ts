// A tiny JPEG built by hand, for the service tests: SOI, APP0, a DQT, SOF0 with the picture size,
// a DHT, SOS, some entropy-coded bytes, EOI. Only its structure matters to the store (the e2e
// test checks a real photo from Chromium's fake camera).
export function tinyJpeg(width: number, height: number, filler = 64): Buffer {
  const seg = (marker: number, body: number[]) => [0xff, marker, ((body.length + 2) >> 8) & 0xff, (body.length + 2) & 0xff, ...body];
  const bytes = [
    0xff, 0xd8,
    ...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...seg(0xdb, [0, ...new Array<number>(64).fill(1)]),
    ...seg(0xc0, [8, (height >> 8) & 0xff, height & 0xff, (width >> 8) & 0xff, width & 0xff, 1, 1, 0x11, 0]),
    ...seg(0xc4, [0, ...new Array<number>(16).fill(0)]),
    ...seg(0xda, [1, 1, 0, 0, 63, 0]),
    ...new Array<number>(filler).fill(0x55),
    0xff, 0xd9,
  ];
  return Buffer.from(bytes);
}
