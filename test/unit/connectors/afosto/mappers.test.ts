// The pure Afosto → local mappings: status words from Afosto's flags, lines grouped per SKU,
// barcode kinds, position zones and walk-order keys, file formats and cursors.
import { describe, expect, it } from 'vitest';
import * as M from '../../../../src-main/core/connectors/afosto/mappers';
import type * as S from '../../../../src-main/core/connectors/afosto/schemas';

describe('afosto mappers', () => {
  it('order status: the most advanced flag wins', () => {
    const o = (state: object) => ({ id: 'o', number: 'ODR-1', state }) as S.Order;
    expect(M.orderStatus(o({ is_canceled: true, is_finished: true }))).toBe('cancelled');
    expect(M.orderStatus(o({ is_finished: true }))).toBe('finished');
    expect(M.orderStatus(o({ is_confirmed: true, progress: { fulfilment: 'partial' } }))).toBe('in_fulfilment');
    expect(M.orderStatus(o({ is_confirmed: true, progress: { fulfilment: 'pending' } }))).toBe('confirmed');
    expect(M.orderStatus(o({ is_accepted: true }))).toBe('accepted');
    expect(M.orderStatus(o({}))).toBe('new');
  });

  it('order lines: one per SKU, quantity from the unit ids when larger, zero lines dropped', () => {
    const g = (sku: string, quantity: number, ids: string[], description?: string) => ({ sku, quantity, ids, ...(description ? { description } : {}) }) as S.OrderGroup;
    expect(M.orderLines([g('A', 1, ['a1'], 'Mug'), g('B', 0, []), g('A', 1, ['a2', 'a3']), g('C', 2, ['c1', 'c2'])])).toEqual([
      { remoteId: 'A', sku: 'A', name: 'Mug', quantity: 3 },
      { remoteId: 'C', sku: 'C', name: 'C', quantity: 2 },
    ]);
  });

  it('shipment, pick list and parcel status words', () => {
    expect(M.shipmentStatus({ id: 's', items: [], is_canceled: true, is_finished: true } as S.Shipment)).toBe('cancelled');
    expect(M.shipmentStatus({ id: 's', items: [], is_boxed: true, is_handled: true } as S.Shipment)).toBe('packed');
    expect(M.shipmentStatus({ id: 's', items: [], is_listed: true } as S.Shipment)).toBe('listed');
    expect(M.pickListStatus({ id: 'l', items: [], is_on_hold: true, is_in_progress: true } as S.ListedPickList)).toBe('on_hold');
    expect(M.parcelStatus({ id: 'p', label: { file_id: 'f' } } as S.Parcel)).toBe('labeled');
    expect(M.parcelStatus({ id: 'p', is_in_transit: true, label: { file_id: 'f' } } as S.Parcel)).toBe('in_transit');
  });

  it('barcode kinds, zones and walk-order keys', () => {
    expect(['8590001000007', '028131000010', '12345670', '18590001000004', 'ABC-1', '12345'].map(M.barcodeKind)).toEqual(['ean13', 'upca', 'ean8', 'gtin14', 'code128', 'code128']);
    expect([M.zoneOf('A-01-03'), M.zoneOf('A3.32435'), M.zoneOf('DOCK')]).toEqual(['A', 'A3', null]);
    const keys = [{ code: 'B', sorting: 10 }, { code: 'A', sorting: 9 }, { code: 'Z' }].map((p) => M.positionSortKey(p as S.Position));
    expect([...keys].sort()).toEqual([keys[1], keys[0], keys[2]]); // by sorting (numerically), unsorted last
  });

  it('file formats and cursors', () => {
    expect(M.fileFormat('application/pdf', new Uint8Array())).toBe('pdf');
    expect(M.fileFormat(null, new TextEncoder().encode('^XA^FDx^FS^XZ'))).toBe('zpl');
    expect(M.fileFormat('image/png', new Uint8Array([0x89]))).toBe('other');
    expect(M.readPage(null)).toBe(1);
    expect(M.readPage('7')).toBe(7);
    expect(M.readMultiCursor(JSON.stringify({ i: 2, p: 3 }))).toEqual({ i: 2, p: 3 });
    expect(M.readMultiCursor('garbage')).toEqual({ i: 0, p: 1 });
    expect(M.toMs('2025-01-06T07:00:00Z')).toBe(Date.UTC(2025, 0, 6, 7));
    expect(M.toMs('nope')).toBeNull();
  });
});
