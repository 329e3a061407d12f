import { describe, expect, it } from 'vitest';
import { jpegInfo } from '../../../src-main/core/evidence/domain';
import { tinyJpeg } from './jpeg';

describe('jpegInfo', () => {
  it('reads the picture size from the frame header of a whole JPEG', () => {
    expect(jpegInfo(tinyJpeg(640, 480))).toEqual({ width: 640, height: 480 });
    expect(jpegInfo(tinyJpeg(1920, 1080))).toEqual({ width: 1920, height: 1080 });
  });

  it('refuses what is not a whole JPEG: no SOI, cut short (no EOI), a PNG, a segment running past the end', () => {
    const whole = tinyJpeg(64, 48);
    expect(jpegInfo(whole.subarray(2))).toBeNull();
    expect(jpegInfo(whole.subarray(0, whole.length - 10))).toBeNull();
    expect(jpegInfo(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).toBeNull();
    const broken = Buffer.from(whole);
    broken[5] = 0xff; // APP0 claims 65 kB
    expect(jpegInfo(broken)).toBeNull();
  });
});
