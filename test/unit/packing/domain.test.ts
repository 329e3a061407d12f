// The pure packing rules: what a scanned code is, how lines are counted and coloured, when a
// parcel may close, which label a close prints, and what Afosto is told of an overage.
import { describe, expect, it } from 'vitest';
import { buildLines, closeRefusal, isVerified, itemRefusal, labelModeFor, lineKey, lineState, overageLines, readPackCode, weightRefusal } from '../../../src-main/core/packing/domain';
import { boxType } from '../../../src-main/core/packing/boxTypes';

describe('readPackCode', () => {
  it('retail codes are looked up in every stored form (EAN-13, GTIN-14, UPC-A)', () => {
    expect(readPackCode('8594001000012')).toEqual({ kind: 'code', codes: ['8594001000012', '08594001000012'], text: '8594001000012', readAs: 'product' });
    expect(readPackCode('012183001187')).toMatchObject({ codes: expect.arrayContaining(['012183001187', '0012183001187', '00012183001187']) });
  });
  it('a GS1 element string is looked up by its GTIN, and logged as gs1', () => {
    const c = readPackCode('(01)08594001000012(10)LOT7(17)261231');
    expect(c).toMatchObject({ kind: 'code', readAs: 'gs1' });
    expect(c.kind === 'code' && c.codes).toEqual(expect.arrayContaining(['08594001000012', '8594001000012']));
  });
  it('box barcodes, commands, badges and plain text', () => {
    expect(readPackCode('BOX:m')).toEqual({ kind: 'box', box: 'M' });
    expect(readPackCode('cmd:done')).toEqual({ kind: 'command', command: 'DONE' });
    expect(readPackCode('BADGE:ABCDEFGHIJKLMNOPQRSTUVWXYZ')).toEqual({ kind: 'badge' });
    expect(readPackCode('ODR-10000003')).toEqual({ kind: 'code', codes: ['ODR-10000003'], text: 'ODR-10000003', readAs: 'product' });
  });
  it('box types set dimensions; unknown ones are not guessed', () => {
    expect(boxType('m')).toMatchObject({ code: 'M', barcode: 'BOX:M', lengthCm: 40, widthCm: 30, heightCm: 20 });
    expect(boxType('HUGE')).toBeUndefined();
  });
});

describe('lines', () => {
  const unit = (lineId: string, sku = lineId) => ({ lineId, productId: `p-${sku}`, sku, name: sku, imageUrl: null });
  it('expected from units, verified from packed units; missing / done / over', () => {
    const lines = buildLines([unit('a'), unit('a'), unit('b')], [{ ...unit('a'), parcelId: 'x' }, { ...unit('b'), parcelId: 'x' }, { ...unit('c'), parcelId: 'x' }]);
    expect(lines.map((l) => [l.id, l.expected, l.verified, l.state])).toEqual([
      ['a', 2, 1, 'missing'],
      ['b', 1, 1, 'done'],
      ['c', 0, 1, 'over'],
    ]);
    expect(isVerified(lines)).toBe(false);
    expect(overageLines(lines)).toEqual([{ sku: 'c', quantity: 1, description: 'c' }]);
    expect(isVerified(buildLines([unit('a')], [{ ...unit('a'), parcelId: 'x' }]))).toBe(true);
    expect(isVerified([])).toBe(false);
    expect(lineState(3, 3)).toBe('done');
  });
  it('a unit without an order line counts on its product', () => {
    expect(lineKey(null, 'p1', 'S')).toBe('product:p1');
    expect(lineKey('l1', 'p1', 'S')).toBe('l1');
  });
});

describe('refusals', () => {
  it('an item: not in the shipment, then none left, then no parcel', () => {
    expect(itemRefusal({ unitsOfProduct: 0, freeUnit: false, openParcel: true })).toBe('wrong_item');
    expect(itemRefusal({ unitsOfProduct: 2, freeUnit: false, openParcel: true })).toBe('too_many');
    expect(itemRefusal({ unitsOfProduct: 2, freeUnit: true, openParcel: false })).toBe('no_open_parcel');
    expect(itemRefusal({ unitsOfProduct: 2, freeUnit: true, openParcel: true })).toBeNull();
  });
  it('a close: open, not empty, labels allowed, weighed', () => {
    const ok = { open: true, units: 1, weightGrams: 100, labelsAllowed: true };
    expect(closeRefusal(ok)).toBeNull();
    expect(closeRefusal({ ...ok, open: false })).toBe('parcel_not_open');
    expect(closeRefusal({ ...ok, units: 0 })).toBe('parcel_empty');
    expect(closeRefusal({ ...ok, labelsAllowed: false })).toBe('shipment_not_verified');
    expect(closeRefusal({ ...ok, weightGrams: null })).toBe('weight_required');
    expect(weightRefusal(0)).toBe('zero_weight');
    expect(weightRefusal(1)).toBeNull();
  });
  it('the carrier label only when wanted and Afosto answers; otherwise our own', () => {
    expect(labelModeFor('carrier', true)).toBe('carrier');
    expect(labelModeFor('carrier', false)).toBe('own');
    expect(labelModeFor('own', true)).toBe('own');
  });
});
