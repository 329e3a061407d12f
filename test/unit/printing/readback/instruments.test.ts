// The read-back instruments themselves, against inputs whose answer is known by construction:
// the ^BC decoder against the ZPL II invocation table, the measurer against a drawn symbol.
import { describe, expect, it } from 'vitest';
import { measureLinear } from './measure';
import type { Raster } from './raster';
import { decodeBcFieldData, gs1CheckDigit, unFieldHex, zplFields } from './zplFields';

describe('^BC field data decoder (ZPL II invocation table, m = N)', () => {
  it.each([
    ['>:A>0B', ']C0', 'A>B'], // >0 is value 30: ">" in subset B
    ['>:A><B', ']C0', 'A^B'], // >< is value 62: "^" in subset B
    ['>:A>=B', ']C0', 'A~B'], // >= is value 94: "~"
    ['>:A>1B', ']C0', 'A\x7fB'], // >1 is value 95: DEL in subset B
    ['>:ORD-2024->5000981', ']C0', 'ORD-2024-000981'], // >5 switches to subset C
    ['>;1234>6AB', ']C0', '1234AB'], // >; starts in C, >6 back to B
    ['>9AB', ']C0', 'AB'], // >9 starts in subset A
    ['AB', ']C0', 'AB'], // no start character: subset B
    ['>;>800106141411234567897', ']C1', '00106141411234567897'], // FNC1 first: GS1-128
    ['>;>802123456789012313724>810>6AB1', ']C1', '02123456789012313724\x1d10AB1'], // FNC1 after a variable-length AI: GS
  ])('%s → %s %j', (data, aim, raw) => {
    const d = decodeBcFieldData(data);
    expect({ aim: d.aim, raw: d.raw }).toEqual({ aim, raw });
  });

  it('counts the symbol characters a printer draws (start + data + code switches)', () => {
    expect(decodeBcFieldData('>:ORD-2024->5000981').values).toHaveLength(1 + 9 + 1 + 3);
  });

  it('rejects data a Zebra would not take the way we meant it', () => {
    expect(() => decodeBcFieldData('>;123')).toThrow(/digit pairs/);
    expect(() => decodeBcFieldData('>:A>?')).toThrow(/invocation/);
  });

  it('reads ^FH hex escapes and the fields of a format', () => {
    expect(unFieldHex('A_5EB_7E')).toBe('A^B~');
    const [fields] = zplFields('^XA\n^FO10,20^BY3,2,50^BCN,50,N,N,N,N^FH^FD>:A_5EB^FS\n^FO5,6^A0N,20,20^FB100,1,0,L,0^FDHi^FS\n^XZ\n');
    expect(fields).toEqual([
      { x: 10, y: 20, command: 'BC', params: ['N', '50', 'N', 'N', 'N', 'N'], module: 3, data: '>:A^B' },
      { x: 5, y: 6, command: 'A0', params: ['N', '20', '20'], module: 3, data: 'Hi' },
    ]);
  });

  it('GS1 check digit as ^BE appends it', () => {
    expect(gs1CheckDigit('590123412345')).toBe('7');
    expect(gs1CheckDigit('400638133393')).toBe('1');
  });
});

describe('linear symbol measurer', () => {
  /** A raster with bars of the given module widths (bar, space, bar, …) at x0, X px per module, rows 20..79. */
  function draw(widths: number[], x0: number, X: number, width = 400): Raster {
    const gray = new Uint8Array(width * 100).fill(255);
    let x = x0;
    widths.forEach((w, i) => {
      if (i % 2 === 0) for (let y = 20; y < 80; y++) gray.fill(0, y * width + x, y * width + x + w * X);
      x += w * X;
    });
    return { gray, width, height: 100, dpi: 600 };
  }
  // Code 128 start B (211214) + "A" (111323) + stop (2331112): 35 modules.
  const symbol = [2, 1, 1, 2, 1, 4, 1, 1, 1, 3, 2, 3, 2, 3, 3, 1, 1, 1, 2];

  it('finds X, module count, quiet zones and bar height', () => {
    const m = measureLinear(draw(symbol, 60, 3), 58, 50, 300);
    expect(m).toMatchObject({ xPx: 3, narrowestPx: 3, modules: 35, quietLeftX: 20, clipped: false, overprintedLines: 0 });
    expect(m.xDots).toBeCloseTo(1.5, 5);
    expect(m.quietRightX).toBeCloseTo((400 - 60 - 105) / 3, 5);
    expect(m.heightMm).toBeCloseTo((60 / 600) * 25.4, 5);
  });

  it('notices a symbol cut by the raster edge and a mark over the bars', () => {
    expect(measureLinear(draw(symbol, 330, 3), 330, 50, 300).clipped).toBe(true);
    const r = draw(symbol, 60, 3);
    r.gray.fill(0, 30 * r.width + 70, 30 * r.width + 90); // a stroke of text through the bars
    expect(measureLinear(r, 60, 50, 300).overprintedLines).toBeGreaterThan(0);
  });
});
