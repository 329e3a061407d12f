// Pack undo and weighing any open parcel, on a real core over a real SQLite file: CMD:UNDO /
// packing.undo takes the last verified item back out of its parcel with a compensating scan event
// and Afosto's parcel_items remove in the same transaction; refused when nothing is packed or its
// parcel is closed. setWeight weighs an open parcel that is not the current one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/app';
import { AFOSTO_OPS } from '../../../src-main/core/connectors/afosto/push';
import { createTestCore, type TestCore } from '../../helpers/core';
import type { FakeZebra } from '../printing/fakeZebra';
import { addPeople, addPrinters, addShipment, MUG, TEA, type SeededShipment } from './fixture';

let t: TestCore;
let core: Core;
let zebra: FakeZebra;
let people: { supervisor: string; packer: string };
let ship: SeededShipment;

beforeEach(async () => {
  t = await createTestCore({ logLevel: 'warn', sync: { autoStart: false } });
  core = t.core;
  people = await addPeople(core);
  zebra = await addPrinters(core, t.dir);
  ship = addShipment(core, 'ORD-2001', [
    [MUG, 2],
    [TEA, 1],
  ]);
});
afterEach(async () => {
  await zebra.stop();
  await t.dispose();
});

const P = () => core.packing;
const ops = (operation: string) => core.outbox.list({ status: 'open', remote: 'afosto', limit: 500 }).filter((o) => o.operation === operation);
const packRows = () =>
  core.db.prepare(`SELECT id, raw, result, compensates, quantity, details FROM scan_events WHERE context = 'pack' AND result <> 'error' ORDER BY seq`).all() as {
    id: string;
    raw: string;
    result: string;
    compensates: string | null;
    quantity: number;
    details: string;
  }[];
const parcelUnits = (parcelId: string) => (core.db.prepare(`SELECT COALESCE(SUM(quantity), 0) AS n FROM parcel_units WHERE parcel_id = ?`).get(parcelId) as { n: number }).n;

describe('pack undo', () => {
  it('takes the last item back out with a compensating event and a parcel_items remove; again walks further back; then nothing to undo', async () => {
    const none = await P().scan('CMD:UNDO', ship.shipmentId, people.packer);
    expect(none).toMatchObject({ ok: false, code: 'nothing_to_undo' });

    await P().scan('BOX:M', ship.shipmentId, people.packer);
    await P().scan(MUG.ean, ship.shipmentId, people.packer);
    const tea = await P().scan(TEA.ean, ship.shipmentId, people.packer);
    const parcelId = tea.shipment!.currentParcelId!;
    expect(parcelUnits(parcelId)).toBe(2);
    const teaUnit = ship.units.find((u) => u.sku === 'TEA-02')!.id;

    const r = await P().scan('CMD:UNDO', ship.shipmentId, people.packer);
    expect(r).toMatchObject({ ok: true, code: 'undone', sku: 'TEA-02', name: 'Green tea 100 g' });
    expect(r.shipment!.lines.find((l) => l.sku === 'TEA-02')).toMatchObject({ verified: 0, state: 'missing' });
    expect(r.shipment!.verifiedTotal).toBe(1);
    expect(parcelUnits(parcelId)).toBe(1);
    // the log: the tea's scan stays, a compensating row points at it
    const rows = packRows();
    const teaScan = rows.find((x) => x.result === 'ok' && JSON.parse(x.details).unitId === teaUnit)!;
    expect(rows.at(-1)).toMatchObject({ raw: 'CMD:UNDO', result: 'undo', compensates: teaScan.id, quantity: -1 });
    // Afosto: the add, then the remove of the same unit from the same parcel
    expect(ops(AFOSTO_OPS.parcelItems).map((o) => [o.entityId, o.payload])).toEqual([
      [parcelId, { add: [ship.units.find((u) => u.sku === 'MUG-01')!.id], remove: [] }],
      [parcelId, { add: [teaUnit], remove: [] }],
      [parcelId, { add: [], remove: [teaUnit] }],
    ]);

    // the tea scans in again (its unit is free); the keyboard undo takes it back, then the mug
    expect(await P().scan(TEA.ean, ship.shipmentId, people.packer)).toMatchObject({ ok: true, code: 'item_verified' });
    expect(P().undo(ship.shipmentId, people.packer)).toMatchObject({ ok: true, code: 'undone', sku: 'TEA-02' });
    expect(P().undo(ship.shipmentId, people.packer)).toMatchObject({ ok: true, code: 'undone', sku: 'MUG-01' });
    expect(P().shipment(ship.shipmentId).verifiedTotal).toBe(0);
    expect(parcelUnits(parcelId)).toBe(0);
    expect(P().undo(ship.shipmentId, people.packer)).toMatchObject({ ok: false, code: 'nothing_to_undo' });
    expect(packRows().filter((x) => x.result === 'undo').map((x) => x.raw)).toEqual(['CMD:UNDO', 'KEY:UNDO', 'KEY:UNDO']);
  });

  it('an item in a closed parcel is not taken back (its label is out)', async () => {
    await P().scan('BOX:M', ship.shipmentId, people.packer);
    await P().scan(MUG.ean, ship.shipmentId, people.packer);
    await P().scan(MUG.ean, ship.shipmentId, people.packer);
    const r = await P().scan(TEA.ean, ship.shipmentId, people.packer);
    const parcelId = r.shipment!.currentParcelId!;
    P().setWeight(parcelId, 900, 'typed', people.packer);
    await P().closeParcel(parcelId, people.packer);
    const before = ops(AFOSTO_OPS.parcelItems).length;
    expect(P().undo(ship.shipmentId, people.packer)).toMatchObject({ ok: false, code: 'parcel_not_open' });
    expect(ops(AFOSTO_OPS.parcelItems)).toHaveLength(before);
    expect(P().shipment(ship.shipmentId).verifiedTotal).toBe(3);
  });
});

describe('weight of any open parcel', () => {
  it('weighs the first parcel while the second is current; the current one stays current and unweighed', async () => {
    await P().scan('BOX:S', ship.shipmentId, people.packer);
    const first = (await P().scan(MUG.ean, ship.shipmentId, people.packer)).shipment!.currentParcelId!;
    await P().scan('BOX:M', ship.shipmentId, people.packer);
    const second = P().shipment(ship.shipmentId).currentParcelId!;
    expect(second).not.toBe(first);

    const s = P().setWeight(first, 640, 'scale', people.packer);
    expect(s.currentParcelId).toBe(second);
    expect(s.parcels.find((p) => p.id === first)).toMatchObject({ weightGrams: 640, weightSource: 'scale', status: 'open' });
    expect(s.parcels.find((p) => p.id === second)).toMatchObject({ weightGrams: null });
    expect(ops(AFOSTO_OPS.parcelWeight).map((o) => [o.entityId, o.payload])).toEqual([[first, { weight: 640 }]]);
    // 0 g is refused on it too
    expect(() => P().setWeight(first, 0, 'typed', people.packer)).toThrow(expect.objectContaining({ code: 'CONFLICT', details: { reason: 'zero_weight' } }));
  });
});
