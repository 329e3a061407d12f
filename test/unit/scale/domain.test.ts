// What each MT-SICS reply line means, and unit conversion to whole grams.
import { describe, expect, it } from 'vitest';
import { parseWeightReply, parseZeroReply, toGrams } from '../../../src-main/core/scale/domain';

describe('MT-SICS replies', () => {
  it('reads stable and dynamic weights in any spacing of the 10-character field', () => {
    expect(parseWeightReply('S S      0.750 kg')).toEqual({ ok: true, grams: 750, stable: true });
    expect(parseWeightReply('S D      0.748 kg')).toEqual({ ok: true, grams: 748, stable: false });
    expect(parseWeightReply('S S 1250.5 g')).toEqual({ ok: true, grams: 1251, stable: true });
    expect(parseWeightReply('S S     -0.012 kg')).toEqual({ ok: true, grams: -12, stable: true });
    expect(parseWeightReply('S S -     0.012 kg')).toEqual({ ok: true, grams: -12, stable: true });
    expect(parseWeightReply('S S     -0.000 kg')).toEqual({ ok: true, grams: 0, stable: true });
  });

  it('names every status and error reply by its code', () => {
    expect(parseWeightReply('S I')).toEqual({ ok: false, reason: 'not_stable' });
    expect(parseWeightReply('S +')).toEqual({ ok: false, reason: 'overload' });
    expect(parseWeightReply('S -')).toEqual({ ok: false, reason: 'underload' });
    expect(parseWeightReply('ES')).toEqual({ ok: false, reason: 'syntax_error' });
    expect(parseWeightReply('ET')).toEqual({ ok: false, reason: 'transmission_error' });
    expect(parseWeightReply('EL')).toEqual({ ok: false, reason: 'logical_error' });
    expect(parseWeightReply('S S      0.750 ct')).toEqual({ ok: false, reason: 'unknown_unit' });
    expect(parseWeightReply('S S      abc kg')).toEqual({ ok: false, reason: 'bad_reply' });
    expect(parseWeightReply('S X 1 kg')).toEqual({ ok: false, reason: 'bad_reply' });
    expect(parseWeightReply('hello')).toEqual({ ok: false, reason: 'bad_reply' });
    expect(parseZeroReply('Z A')).toEqual({ ok: true });
    expect(parseZeroReply('Z I')).toEqual({ ok: false, reason: 'not_stable' });
    expect(parseZeroReply('Z +')).toEqual({ ok: false, reason: 'overload' });
    expect(parseZeroReply('EL')).toEqual({ ok: false, reason: 'logical_error' });
  });

  it('converts g, kg, mg, lb and oz to whole grams', () => {
    expect(toGrams(750, 'g')).toBe(750);
    expect(toGrams(0.75, 'kg')).toBe(750);
    expect(toGrams(2.5, 'lb')).toBe(1134); // 1133.98 g
    expect(toGrams(16, 'oz')).toBe(454); // 453.59 g
    expect(toGrams(1500, 'mg')).toBe(2);
    expect(toGrams(1, 't')).toBeNull();
  });
});
