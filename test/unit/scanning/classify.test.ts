// The shared scanning vocabulary: what each kind of code a bench sees is classified as.
import { describe, expect, it } from 'vitest';
import {
  classify,
  commandCode,
  COMMANDS,
  GS,
  NAV_COMMANDS,
  FLOW_COMMANDS,
  SHEET_COMMANDS,
} from '../../../src-preload/scanning';
import { appendCheckDigit } from '../../../src-preload/scanning/gs1/checkDigit';

const today = new Date('2026-11-26T00:00:00Z');
const TOKEN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.slice(0, 20) + '234567';

describe('commands', () => {
  it('every listed command is a known command, in any case and with stray spaces', () => {
    for (const c of COMMANDS) {
      expect(classify(commandCode(c))).toEqual({ kind: 'command', code: `CMD:${c}`, command: c, known: true });
      expect(classify(`cmd:${c.toLowerCase()} `)).toMatchObject({ kind: 'command', command: c, known: true });
    }
    expect(SHEET_COMMANDS).toEqual(['NEXT', 'UNDO', 'SHORT', 'DONE', 'CANCEL', 'REPRINT', 'NEWPARCEL', 'SKIP']);
    expect(NAV_COMMANDS).toEqual(['PICK', 'PACK', 'CALLS', 'SYNC', 'SETTINGS']);
    expect(new Set([...FLOW_COMMANDS, ...NAV_COMMANDS]).size).toBe(COMMANDS.length);
  });

  it('an unknown CMD: code is still a command (it must be answered), marked unknown', () => {
    expect(classify('CMD:FOO')).toEqual({ kind: 'command', code: 'CMD:FOO', command: 'FOO', known: false });
    expect(classify('CMD:')).toEqual({ kind: 'text', code: 'CMD:' });
  });
});

describe('badges', () => {
  it('BADGE: + 26 base32 characters is a badge', () => {
    expect(TOKEN).toHaveLength(26);
    expect(classify(`BADGE:${TOKEN}`)).toEqual({ kind: 'badge', code: `BADGE:${TOKEN}`, token: TOKEN });
  });

  it('anything else after BADGE: is text: wrong length, lower case, 0/1/8/9 outside base32', () => {
    for (const bad of [`BADGE:${TOKEN.slice(1)}`, `BADGE:${TOKEN}A`, `BADGE:${TOKEN.toLowerCase()}`, `BADGE:${TOKEN.slice(0, 25)}0`, `BADGE:${TOKEN.slice(0, 25)}8`, `badge:${TOKEN}`, 'BADGE:']) {
      expect(classify(bad).kind, bad).toBe('text');
    }
  });
});

describe('retail codes and SSCCs', () => {
  it('EAN-13, UPC-A and EAN-8 with a valid check digit, with their GTIN-14', () => {
    expect(classify('4006381333931')).toEqual({ kind: 'ean13', code: '4006381333931', gtin: '04006381333931' });
    expect(classify('036000291452')).toEqual({ kind: 'upca', code: '036000291452', gtin: '00036000291452' });
    expect(classify('96385074')).toEqual({ kind: 'ean8', code: '96385074', gtin: '00000000096385074'.slice(-14) });
  });

  it('a wrong check digit is not a GTIN', () => {
    expect(classify('4006381333932').kind).toBe('text');
    expect(classify('96385075').kind).toBe('text');
  });

  it('18 digits with a valid check digit are an SSCC, bare or as AI (00) alone', () => {
    const sscc = appendCheckDigit('10614141123456789');
    expect(classify(sscc)).toEqual({ kind: 'sscc', code: sscc, sscc });
    expect(classify(`]C100${sscc}`)).toEqual({ kind: 'sscc', code: `]C100${sscc}`, sscc });
    expect(classify(`(00)${sscc}`)).toMatchObject({ kind: 'sscc', sscc });
  });
});

describe('GS1 element strings', () => {
  it('FNC1 as GS, symbology identifiers and the human form all parse, with GTIN and lot', () => {
    for (const code of [`0104012345678901${GS}10LOT42`, `]C10104012345678901${GS}10LOT42`, '(01)04012345678901(10)LOT42', `]d2${GS}0104012345678901${GS}10LOT42`]) {
      const c = classify(code, { today });
      expect(c, code).toMatchObject({ kind: 'gs1', gtin: '04012345678901', elements: [{ ai: '01' }, { ai: '10', value: 'LOT42' }] });
    }
    expect(classify(`]C10104012345678901${GS}10LOT42`)).toMatchObject({ symbology: 'gs1-128' });
  });

  it('dates and weights are decoded', () => {
    const c = classify('(01)04012345678901(17)270331(3103)001250', { today });
    expect(c).toMatchObject({ kind: 'gs1', elements: [{ ai: '01' }, { ai: '17', date: '2027-03-31' }, { ai: '3103', amount: 1.25, unit: 'kg' }] });
  });

  it('plain words that happen to start with an AI stay text; a broken GS1 code is text', () => {
    for (const code of ['21-A-03', '10LOT42', '9XYZ', 'ORD-2026-0042', 'A1-03-2', '0104012345678902', '(01)123']) {
      expect(classify(code).kind, code).toBe('text');
    }
  });
});
