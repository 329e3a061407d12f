import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import fs from 'node:fs';
import { appendCheckDigit, gs1CheckDigit, hasValidCheckDigit, isValidGtin, toGtin14 } from '../../../src-preload/scanning/gs1/checkDigit';
import { blockForStation, isValidSscc, makeSscc, SsccAllocator } from '../../../src-main/core/printing/gs1/sscc';
import { SsccRangeRepo } from '../../../src-main/core/printing/repo';
import { buildElementString, GS, parseHumanReadable, toHumanReadable, type Gs1Element } from '../../../src-preload/scanning/gs1/elements';
import { gs1Date, parseGs1 } from '../../../src-preload/scanning/gs1/parse';
import { openTestDb, tempDir } from './helpers';

/** Independent oracle: weights counted from the LEFT, 3 on positions that are odd from the right. */
function oracleCheck(data: string): number {
  const n = data.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Number(data[i]) * ((n - i) % 2 === 1 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

describe('GS1 check digits', () => {
  // Published GS1 / GTIN examples; each is also recomputed by the oracle above.
  const published = [
    ['106141411234567897', 'SSCC (GS1 General Specifications example)'],
    ['09506000134352', 'GTIN-14 (GS1 example GTIN)'],
    ['4006381333931', 'GTIN-13'],
    ['5901234123457', 'GTIN-13'],
    ['036000291452', 'GTIN-12 (UPC-A)'],
    ['96385074', 'GTIN-8'],
  ];
  it.each(published)('%s (%s) carries the mod-10 check digit', (key) => {
    const data = key.slice(0, -1);
    expect(gs1CheckDigit(data)).toBe(Number(key.slice(-1)));
    expect(oracleCheck(data)).toBe(Number(key.slice(-1)));
    expect(hasValidCheckDigit(key)).toBe(true);
  });

  it('worked example: SSCC 1061414112345678|9 sums to 143, so the check digit is 7', () => {
    // 9·3+8+7·3+6+5·3+4+3·3+2+1·3+1+4·3+1+4·3+1+6·3+0+1·3 = 143
    expect(gs1CheckDigit('10614141123456789')).toBe(7);
  });

  it('detects every single-digit error', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7,17}$/), fc.nat(16), fc.integer({ min: 1, max: 9 }), (data, pos, delta) => {
        const key = appendCheckDigit(data);
        const i = pos % key.length;
        const wrong = key.slice(0, i) + String((Number(key[i]) + delta) % 10) + key.slice(i + 1);
        expect(hasValidCheckDigit(wrong)).toBe(false);
        expect(gs1CheckDigit(data)).toBe(oracleCheck(data));
      }),
    );
  });

  it('validates GTIN lengths and widens to GTIN-14', () => {
    expect(isValidGtin('96385074')).toBe(true);
    expect(isValidGtin('9638507')).toBe(false);
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(toGtin14('4006381333931')).toBe('04006381333931');
    expect(() => toGtin14('123')).toThrow(/invalid GTIN/);
  });
});

describe('SSCC', () => {
  it('composes extension + company prefix + serial + check digit', () => {
    expect(makeSscc({ extension: 1, companyPrefix: '0614141', serial: 123456789 })).toBe('106141411234567897');
    expect(makeSscc({ extension: 0, companyPrefix: '8594000', serial: 1n })).toMatch(/^08594000000000001\d$/);
    expect(isValidSscc('106141411234567897')).toBe(true);
    expect(isValidSscc('106141411234567898')).toBe(false);
  });

  it('rejects serials that do not fit and bad prefixes', () => {
    expect(() => makeSscc({ extension: 0, companyPrefix: '0614141', serial: 1_000_000_000 })).toThrow(/does not fit 9 digits/);
    expect(() => makeSscc({ extension: 10, companyPrefix: '0614141', serial: 1 })).toThrow(/extension/);
    expect(() => makeSscc({ extension: 0, companyPrefix: '12345', serial: 1 })).toThrow(/prefix/);
  });

  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('two stations draw from disjoint ranges, survive a restart and stop when exhausted', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'db.sqlite');
    let db = await openTestDb(file);
    let store = new SsccRangeRepo(db);
    const size = 5n;
    for (const [i, st] of ['st-a', 'st-b'].entries()) {
      const b = blockForStation('0614141', i, size);
      store.assign({ stationId: st, companyPrefix: '0614141', extension: 3, first: b.first, last: b.last });
    }
    let alloc = new SsccAllocator(store);
    const got = [alloc.next('st-a'), alloc.next('st-a'), alloc.next('st-b')];
    db.close();

    db = await openTestDb(file);
    store = new SsccRangeRepo(db);
    alloc = new SsccAllocator(store);
    for (let i = 0; i < 3; i++) got.push(alloc.next('st-a'));
    for (let i = 0; i < 4; i++) got.push(alloc.next('st-b'));
    expect(new Set(got).size).toBe(got.length);
    expect(got.every(isValidSscc)).toBe(true);
    expect(got[0]).toBe(makeSscc({ extension: 3, companyPrefix: '0614141', serial: 0 }));
    expect(got[2]).toBe(makeSscc({ extension: 3, companyPrefix: '0614141', serial: 5 }));
    expect(() => alloc.next('st-a')).toThrow(/exhausted/);
    expect(() => alloc.next('st-c')).toThrow(/no SSCC serial range/);
    // Re-assigning the same range keeps the position instead of handing serials out twice.
    const b = blockForStation('0614141', 1, size);
    store.assign({ stationId: 'st-b', companyPrefix: '0614141', extension: 3, first: b.first, last: b.last + 10n });
    expect(alloc.next('st-b')).toBe(makeSscc({ extension: 3, companyPrefix: '0614141', serial: 10 }));
    db.close();
  });
});

describe('GS1 element strings', () => {
  const today = new Date(Date.UTC(2024, 2, 5));

  it('parses a GS1-128 scan with symbology identifier and FNC1 as GS', () => {
    const r = parseGs1(`]C10109506000134352172512311` + `0ABC123${GS}21SN-1`, { today });
    expect(r).toEqual({
      ok: true,
      symbology: 'gs1-128',
      elements: [
        { ai: '01', value: '09506000134352', title: 'GTIN' },
        { ai: '17', value: '251231', title: 'USE BY', date: '2025-12-31' },
        { ai: '10', value: 'ABC123', title: 'BATCH/LOT' },
        { ai: '21', value: 'SN-1', title: 'SERIAL' },
      ],
    });
  });

  it('parses GS1 DataMatrix with SSCC, net weight 3103 and count', () => {
    const r = parseGs1(`]d2001061414112345678973103001250${'37'}24`, { today });
    if (!r.ok) throw new Error(r.error);
    expect(r.symbology).toBe('gs1-datamatrix');
    expect(r.elements.map((e) => [e.ai, e.value, e.amount])).toEqual([
      ['00', '106141411234567897', undefined],
      ['3103', '001250', 1.25],
      ['37', '24', 24],
    ]);
  });

  it('parses the parenthesised human form and resolves DD=00 to the last day of the month', () => {
    const r = parseGs1('(01)09506000134352(15)240200(10)L(1)2', { today });
    if (!r.ok) throw new Error(r.error);
    expect(r.elements.map((e) => [e.ai, e.value, e.date])).toEqual([
      ['01', '09506000134352', undefined],
      ['15', '240200', '2024-02-29'],
      ['10', 'L(1)2', undefined],
    ]);
  });

  it('parses QR with ]Q3 and a (13) pack date, tolerating a trailing CR', () => {
    const r = parseGs1(']Q3010950600013435213130301' + '\r', { today });
    expect(r.ok && r.elements[1]).toMatchObject({ ai: '13', date: '2013-03-01' });
  });

  it.each([
    ['0109506000134353', /check digit/],
    ['0109506000', /cut short/],
    ['17251331', /YYMMDD/],
    ['5512345', /unknown AI/],
    [`10${'A'.repeat(21)}`, /longer than 20/],
    ['(01)0950600013435', /exactly 14/],
    ['(10)ä', /character set/],
    ['', /empty/],
  ])('rejects %j', (input, error) => {
    const r = parseGs1(input, { today });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('applies the GS1 sliding century to YY', () => {
    expect(gs1Date('991231', today)).toBe('1999-12-31');
    expect(gs1Date('740101', today)).toBe('2074-01-01');
    expect(gs1Date('750101', today)).toBe('1975-01-01');
    expect(gs1Date('240200', today)).toBe('2024-02-29');
    expect(gs1Date('230200', today)).toBe('2023-02-28');
  });

  it('puts FNC1 only after variable-length elements that are not last', () => {
    const els: Gs1Element[] = [
      { ai: '01', value: '09506000134352' },
      { ai: '10', value: 'ABC' },
      { ai: '402', value: '12345678901234560' },
      { ai: '17', value: '250101' },
    ];
    expect(buildElementString(els, '|')).toBe('0109506000134352' + '10ABC|' + '40212345678901234560|' + '17250101');
    expect(toHumanReadable(els)).toBe('(01)09506000134352(10)ABC(402)12345678901234560(17)250101');
    expect(() => buildElementString([{ ai: '01', value: '09506000134353' }])).toThrow(/check digit/);
  });

  // Generators for valid elements of several shapes (fixed, variable, dates, measures, check digits).
  const x82 = fc.stringMatching(/^[A-Za-z0-9\-./:;<=>?_!"%&'*+,]{1,20}$/);
  const element: fc.Arbitrary<Gs1Element> = fc.oneof(
    fc.stringMatching(/^\d{13}$/).map((d) => ({ ai: '01', value: appendCheckDigit(d) })),
    fc.stringMatching(/^\d{17}$/).map((d) => ({ ai: '00', value: appendCheckDigit(d) })),
    x82.map((v) => ({ ai: '10', value: v })),
    x82.map((v) => ({ ai: '21', value: v })),
    fc.stringMatching(/^\d{1,8}$/).map((v) => ({ ai: '37', value: v })),
    fc.stringMatching(/^\d{6}$/).map((v) => ({ ai: '3103', value: v })),
    fc
      .record({ y: fc.integer({ min: 0, max: 99 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 0, max: 28 }) })
      .map(({ y, m, d }) => ({ ai: '17', value: [y, m, d].map((n) => String(n).padStart(2, '0')).join('') })),
  );

  it('round-trips build → parse for element strings with FNC1 (property)', () => {
    fc.assert(
      fc.property(fc.array(element, { minLength: 1, maxLength: 6 }), fc.constantFrom('', ']C1', ']d2'), (els, prefix) => {
        const r = parseGs1(prefix + buildElementString(els), { today });
        if (!r.ok) throw new Error(r.error);
        expect(r.elements.map(({ ai, value }) => ({ ai, value }))).toEqual(els);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips the human-readable form (property)', () => {
    fc.assert(
      fc.property(fc.array(element, { minLength: 1, maxLength: 6 }), (els) => {
        expect(parseHumanReadable(toHumanReadable(els))).toEqual(els);
      }),
      { numRuns: 300 },
    );
  });
});
