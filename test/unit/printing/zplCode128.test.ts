// ^BC field data against the ZPL II Programming Guide's "Code 128 Invocation Characters" table
// (^BC, Table 2), copied here by hand so a wrong table in the encoder cannot agree with itself.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FNC1, ZPL_CODE128_INVOCATIONS, zplCode128, type Code128Token } from '../../../src-main/core/printing/barcode/zplCode128';
import { zplFieldHex } from '../../../src-main/core/printing/render/zpl';

/** [invocation code, Code 128 value] as printed in the guide. */
const MANUAL: [string, number][] = [
  ['><', 62],
  ['>0', 30],
  ['>=', 94],
  ['>1', 95],
  ['>2', 96],
  ['>3', 97],
  ['>4', 98],
  ['>5', 99],
  ['>6', 100],
  ['>7', 101],
  ['>8', 102],
  ['>9', 103],
  ['>:', 104],
  ['>;', 105],
];
const VALUE_OF = new Map(MANUAL);

/**
 * What a Zebra does with ^FH^FD…^FS data for ^BC mode N, from the guide: "_XX" hex first (^FH),
 * then ">x" invocation codes, subset B characters as ASCII (value = code − 32), subset C digit
 * pairs. Returns the text a scanner reports (FNC1 as "<FNC1>").
 */
function decodeBcField(fd: string, fh: boolean): string {
  const raw = fh ? fd.replace(/_([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : fd;
  // ZPL would read these as command prefixes, ending the field.
  if (/[\^~]/.test(raw) && !fh) throw new Error(`unescaped command prefix in ${fd}`);
  const values: number[] = [];
  let set: 'A' | 'B' | 'C' | undefined;
  for (let i = 0; i < raw.length; ) {
    const pair = raw.slice(i, i + 2);
    const v = VALUE_OF.get(pair);
    if (raw[i] === '>') {
      if (v === undefined) throw new Error(`unknown invocation code ${pair}`);
      values.push(v);
      i += 2;
    } else if (set === 'C') {
      if (!/^\d\d$/.test(pair)) throw new Error(`subset C needs digit pairs, got ${pair}`);
      values.push(Number(pair));
      i += 2;
    } else {
      values.push((raw.charCodeAt(i) ?? 0) - 32);
      i += 1;
    }
    // Track the subset so the next characters are read right.
    const last = values[values.length - 1] as number;
    if (set === undefined) set = last === 103 ? 'A' : last === 105 ? 'C' : 'B';
    else if (set === 'B' && last === 99) set = 'C';
    else if (set === 'C' && last === 100) set = 'B';
    else if (set !== 'A' && last === 101) set = 'A';
  }
  // Now interpret the values like a scanner.
  let out = '';
  set = undefined;
  for (const v of values) {
    if (set === undefined) {
      if (v < 103) throw new Error('no start character');
      set = v === 103 ? 'A' : v === 104 ? 'B' : 'C';
    } else if (v === 102) out += '<FNC1>';
    else if (set === 'C') {
      if (v === 100) set = 'B';
      else if (v === 101) set = 'A';
      else if (v < 100) out += String(v).padStart(2, '0');
      else throw new Error(`value ${v} in subset C`);
    } else if (set === 'B') {
      if (v === 99) set = 'C';
      else if (v === 101) set = 'A';
      else if (v < 95) out += String.fromCharCode(v + 32);
      else throw new Error(`value ${v} (DEL/FNC/SHIFT) in subset B`);
    } else throw new Error('subset A is never used');
  }
  return out;
}

/** The ^BC field as the renderer writes it: ^FH only when the data needs it. */
function roundTrip(tokens: Code128Token[]): string {
  const { fh, data } = zplFieldHex(zplCode128(tokens));
  return decodeBcField(data, fh);
}
const text = (tokens: Code128Token[]): string => tokens.map((t) => (typeof t === 'string' ? t : '<FNC1>')).join('');

describe('ZPL ^BC invocation characters (ZPL II Programming Guide, ^BC table)', () => {
  it.each(MANUAL)('%s is Code 128 value %i', (code, value) => {
    expect(ZPL_CODE128_INVOCATIONS.find((r) => r.code === code)?.value).toBe(value);
  });

  it('has exactly the rows of the guide', () => {
    expect(ZPL_CODE128_INVOCATIONS.map((r) => [r.code, r.value])).toEqual(MANUAL);
  });

  // Each code the encoder uses, with the input that needs it.
  it.each([
    ['>0 for a literal ">"', 'A>B', '>:A>0B'],
    ['>< for "^" (value 62)', 'A^B', '>:A><B'],
    ['>= for "~" (value 94)', 'A~B', '>:A>=B'],
    ['>: start B', 'AB', '>:AB'],
    ['>; start C', '1234', '>;1234'],
    ['>5 switch B → C', 'AB123456', '>:AB>5123456'],
    ['>6 switch C → B', '12345', '>;1234>65'],
    ['backslash and underscore are plain subset B characters', 'A\\_', '>:A\\_'],
  ])('%s', (_what, input, field) => {
    expect(zplCode128(Array.from(input))).toBe(field);
    expect(roundTrip(Array.from(input))).toBe(input);
  });

  it('>8 is FNC1: first in GS1-128 and after a variable-length AI', () => {
    const tokens = [FNC1, ...'010950600013435210ABC123', FNC1, ...'21X'];
    expect(zplCode128(tokens)).toBe('>;>8010950600013435210>6ABC123>821X');
    expect(roundTrip(tokens)).toBe('<FNC1>010950600013435210ABC123<FNC1>21X');
  });

  it('keeps the subset choices that make symbols short', () => {
    expect(zplCode128(Array.from('ORD-000981'))).toBe('>:ORD->5000981');
    expect(zplCode128(Array.from('AB12345'))).toBe('>:AB1>52345');
    expect(zplCode128(Array.from('12'))).toBe('>;12');
    expect(zplCode128(Array.from('123'))).toBe('>:123');
  });

  it('decodes back to the original for any printable ASCII (">", "^", "~", "\\", "_" included) and FNC1', () => {
    const ch = fc.oneof(
      fc.constantFrom('>', '^', '~', '\\', '_', '<', '=', '0', '5', '8', ':', ';'),
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0, max: 9 }).map(String),
    );
    const token: fc.Arbitrary<Code128Token> = fc.oneof({ weight: 12, arbitrary: ch }, { weight: 1, arbitrary: fc.constant(FNC1) });
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 40 }), (tokens) => {
        const field = zplCode128(tokens);
        expect(field).not.toMatch(/[\^~]/); // never a ZPL command prefix inside the barcode data
        expect(field).not.toMatch(/>[123479]/); // codes we never need (DEL, FNC2-4, SHIFT, subset A)
        expect(roundTrip(tokens)).toBe(text(tokens));
      }),
      { numRuns: 2000 },
    );
  });
});
