// Phone keys for the later local phone index, checked against the simulator's own mixed formats
// (the generator is imported here, in the test, never from core).
import { describe, expect, it } from 'vitest';
import { callerKey, normalisePhone, phoneKeys } from '../../../../src-main/core/connectors/ucs/phone';
import { genCompany, genPerson } from '../../../../src-main/sim/generator/entities';
import { makePhone } from '../../../../src-main/sim/generator/phone';

describe('normalisePhone', () => {
  it.each([
    ['+420 601 123 456', 'CZ', '+420601123456'],
    ['601123456', 'CZ', '+420601123456'],
    ['00420601123456', 'CZ', '+420601123456'],
    ['601 123 456', 'CZ', '+420601123456'],
    ['+420 601123456', 'CZ', '+420601123456'],
    ['0776000001', 'CZ', '+420776000001'], // the seed's pilot number: PBX line prefix 0
    ['+421 905 123 456', 'CZ', '+421905123456'],
    ['0905 123 456', 'SK', '+421905123456'],
    ['02/1234 5678', 'SK', '+421212345678'],
    ['0151 12345678', 'DE', '+4915112345678'],
    ['(0151) 1234 5678', 'DE', '+4915112345678'],
    ['0049 151 12345678', 'CZ', '+4915112345678'],
    ['06-12345678', 'NL', '+31612345678'],
    ['(020) 123 4567', 'NL', '+31201234567'],
    ['+31 6 12345678', 'CZ', '+31612345678'],
  ] as const)('%s (default %s) → %s', (raw, country, e164) => {
    expect(normalisePhone(raw, country)?.e164).toBe(e164);
  });

  it('is undefined for what cannot be a phone number', () => {
    expect(normalisePhone('', 'CZ')).toBeUndefined();
    expect(normalisePhone('n/a', 'CZ')).toBeUndefined();
    expect(normalisePhone('1800', 'CZ')).toBeUndefined();
  });

  it('every raw format the simulator writes resolves to its E.164 with the number’s own country as default', () => {
    let n = 0;
    for (let i = 0; i < 800; i++) {
      for (const ph of genPerson(42, i).phones) {
        expect(normalisePhone(ph.raw, ph.country)?.e164, `${ph.raw} (${ph.country})`).toBe(ph.e164);
        n++;
      }
    }
    for (let c = 0; c < 160; c++) {
      const sw = genCompany(42, c).switchboard;
      expect(normalisePhone(sw.raw, sw.country)?.e164, sw.raw).toBe(sw.e164);
    }
    expect(n).toBeGreaterThan(800);
  });

  it('every variant of each kind of number, national form included', () => {
    const kinds = [
      ['CZ', 'mobile', '601123456', 0],
      ['CZ', 'fixed_number', '221234567', 1],
      ['SK', 'mobile', '905123456', 0],
      ['SK', 'fixed_number', '212345678', 1],
      ['DE', 'mobile', '15112345678', 0],
      ['DE', 'fixed_number', '3012345678', 2],
      ['NL', 'mobile', '612345678', 0],
      ['NL', 'fixed_number', '201234567', 2],
    ] as const;
    for (const [country, type, nsn, area] of kinds) {
      for (let v = 0; v < 6; v++) {
        const ph = makePhone(country, type, nsn, v, area);
        expect(normalisePhone(ph.raw, country)?.e164, ph.raw).toBe(ph.e164);
        expect(normalisePhone(ph.national, country)?.e164, ph.national).toBe(ph.e164);
        // Written with a country code, the station's default does not matter.
        if (/^(\+|00)/.test(ph.raw)) expect(normalisePhone(ph.raw, 'CZ')?.e164, ph.raw).toBe(ph.e164);
      }
    }
  });
});

describe('phoneKeys / callerKey', () => {
  it('a contact typed any way and a caller ID typed another way share the E.164 key', () => {
    const contact = phoneKeys('00420 601 123 456', 'CZ');
    expect(contact).toEqual(expect.arrayContaining(['+420601123456', '601123456']));
    for (const caller of ['+420601123456', '601123456', '0601123456', '+420 601 123 456']) expect(contact).toContain(callerKey(caller, 'CZ'));
  });

  it('national forms with the trunk prefix are keys too', () => {
    expect(phoneKeys('06-12345678', 'NL')).toEqual(['+31612345678', '612345678', '0612345678']);
    expect(phoneKeys('0151/12345678', 'DE')).toEqual(expect.arrayContaining(['+4915112345678', '015112345678']));
  });

  it('odd numbers keep their digits so identical entries still meet', () => {
    expect(phoneKeys('1800', 'CZ')).toEqual(['1800']);
    expect(callerKey('ext. 1800', 'CZ')).toBe('1800');
    expect(phoneKeys('—', 'CZ')).toEqual([]);
    expect(callerKey('', 'CZ')).toBeUndefined();
  });
});
