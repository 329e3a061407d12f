// Packing on a real core over a real SQLite file: opening a shipment by every code a packer may
// scan, verification at scan time (wrong item and one too many refused), parcels (box types, two
// parcels, moving an item), weight (0 refused), verify-before-label with a logged supervisor
// override, and the label a close prints — exactly once, on a fake Zebra on a loopback port —
// plus the slip with the last parcel and the reprint. Afosto is not configured here: offline,
// so the label is Dockside's own ZPL.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../src-main/core/app';
import { printAfostoFiles } from '../../../src-main/core/connectors/afosto/printFiles';
import { AFOSTO_OPS } from '../../../src-main/core/connectors/afosto/push';
import { PackingService } from '../../../src-main/core/packing/service';
import type { PackShipment } from '../../../src-preload/contract';
import { createTestCore, type TestCore } from '../../helpers/core';
import type { FakeZebra } from '../printing/fakeZebra';
import { addPeople, addPrinters, addShipment, labelsIn, MUG, PEN, SUPERVISOR_PIN, TEA, type SeededShipment } from './fixture';

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
  ship = addShipment(core, 'ORD-1001', [
    [MUG, 2],
    [TEA, 1],
  ]);
});
afterEach(async () => {
  await zebra.stop();
  await t.dispose();
});

const P = () => core.packing;
const line = (s: PackShipment, sku: string) => s.lines.find((l) => l.sku === sku)!;
const ops = (operation?: string) =>
  core.outbox.list({ status: 'open', remote: 'afosto', limit: 500 }).filter((o) => !operation || o.operation === operation);
const scanRows = () =>
  core.db.prepare(`SELECT user_id, station_id, raw, read_as, result, entity_id, details FROM scan_events WHERE context = 'pack' ORDER BY seq`).all() as {
    user_id: string | null;
    station_id: string;
    raw: string;
    read_as: string;
    result: string;
    entity_id: string | null;
    details: string;
  }[];

/** Open the box, verify every unit, weigh: the shipment is ready to close. */
async function packAll(s: SeededShipment = ship): Promise<PackShipment> {
  await P().scan('BOX:M', s.shipmentId, people.packer);
  await P().scan(MUG.ean, s.shipmentId, people.packer);
  await P().scan(MUG.ean, s.shipmentId, people.packer);
  const r = await P().scan(TEA.ean, s.shipmentId, people.packer);
  return P().setWeight(r.shipment!.currentParcelId!, 1250, 'typed', people.packer);
}

async function printed(): Promise<string> {
  await core.printing.print.run();
  return zebra.received();
}

describe('opening a shipment', () => {
  it('opens by order number (= the packing slip barcode), shipment id, Afosto shipment id and tote; unknown codes are refused', async () => {
    expect(P().open('ORD-1001', people.packer).id).toBe(ship.shipmentId);
    expect(P().open(ship.shipmentId, people.packer).id).toBe(ship.shipmentId);
    expect(P().open(ship.remoteId, people.packer).id).toBe(ship.shipmentId);
    const withTotes = new PackingService({
      db: core.db,
      outbox: core.outbox,
      clock: { now: () => Date.now() },
      stationId: core.station.state().stationId,
      station: core.station,
      printing: core.printing.print,
      afostoOnline: () => false,
      toteShipment: (code) => (code === 'TOTE-07' ? ship.shipmentId : undefined),
    });
    expect(withTotes.open('TOTE-07', people.packer).orderNumber).toBe('ORD-1001');
    expect(() => P().open('ORD-404', people.packer)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', details: { reason: 'unknown_code' } }));

    // scanned on the screen, a shipment code opens it too (also while another one is open)
    const r = await P().scan('ORD-1001', null, people.packer);
    expect(r).toMatchObject({ ok: true, code: 'shipment_opened', readAs: 'order', shipment: { id: ship.shipmentId } });
    const unknown = await P().scan('NO-SUCH-CODE', ship.shipmentId, people.packer);
    expect(unknown).toMatchObject({ ok: false, code: 'unknown_code' });
  });

  it('shows lines with name, SKU, image, expected and verified, coloured missing until done', () => {
    const s = P().open('ORD-1001', people.packer);
    expect(s.lines).toEqual([
      expect.objectContaining({ sku: 'MUG-01', name: 'Enamel mug', imageUrl: 'https://img.example/MUG-01.png', expected: 2, verified: 0, state: 'missing' }),
      expect.objectContaining({ sku: 'TEA-02', expected: 1, verified: 0, state: 'missing' }),
    ]);
    expect(s).toMatchObject({ expectedTotal: 3, verifiedTotal: 0, verified: false, labelsAllowed: false, currentParcelId: null, parcels: [] });
  });
});

describe('verifying items', () => {
  it('an item goes into the open parcel; wrong item, one too many and no open parcel are refused and logged', async () => {
    const noBox = await P().scan(MUG.ean, ship.shipmentId, people.packer);
    expect(noBox).toMatchObject({ ok: false, code: 'no_open_parcel', sku: 'MUG-01' });

    const box = await P().scan('BOX:S', ship.shipmentId, people.packer);
    expect(box).toMatchObject({ ok: true, code: 'parcel_opened' });
    expect(box.shipment!.parcels[0]).toMatchObject({ boxType: 'S', lengthCm: 30, widthCm: 20, heightCm: 10, status: 'open', seq: 1 });

    const ok = await P().scan(MUG.ean, ship.shipmentId, people.packer);
    expect(ok).toMatchObject({ ok: true, code: 'item_verified', sku: 'MUG-01', readAs: 'product' });
    expect(line(ok.shipment!, 'MUG-01')).toMatchObject({ verified: 1, state: 'missing' });
    // the SKU scans as well as the EAN
    const bySku = await P().scan('MUG-01', ship.shipmentId, people.packer);
    expect(line(bySku.shipment!, 'MUG-01')).toMatchObject({ verified: 2, state: 'done' });

    const tooMany = await P().scan(MUG.ean, ship.shipmentId, people.packer);
    expect(tooMany).toMatchObject({ ok: false, code: 'too_many', sku: 'MUG-01', lineId: line(ok.shipment!, 'MUG-01').id });
    expect(line(tooMany.shipment!, 'MUG-01').verified).toBe(2);

    const wrong = await P().scan(PEN.ean, ship.shipmentId, people.packer).catch((e: unknown) => e);
    // PEN is unknown to the store: unknown_code; once it is a product of another order: wrong_item
    expect(wrong).toMatchObject({ ok: false, code: 'unknown_code' });
    addShipment(core, 'ORD-2002', [[PEN, 1]]);
    const wrong2 = await P().scan(PEN.ean, ship.shipmentId, people.packer);
    expect(wrong2).toMatchObject({ ok: false, code: 'wrong_item', sku: 'PEN-03', name: 'Fountain pen' });

    const rows = scanRows();
    expect(rows.map((r) => [r.raw, r.read_as, r.result, JSON.parse(r.details).code])).toEqual([
      [MUG.ean, 'product', 'error', 'no_open_parcel'],
      ['BOX:S', 'parcel', 'ok', 'parcel_opened'],
      [MUG.ean, 'product', 'ok', 'item_verified'],
      ['MUG-01', 'product', 'ok', 'item_verified'],
      [MUG.ean, 'product', 'error', 'too_many'],
      [PEN.ean, 'unknown', 'error', 'unknown_code'],
      [PEN.ean, 'product', 'error', 'wrong_item'],
    ]);
    expect(new Set(rows.map((r) => r.user_id))).toEqual(new Set([people.packer]));
    expect(new Set(rows.map((r) => r.station_id))).toEqual(new Set([core.station.state().stationId]));
    // refusals change nothing: two units in the parcel, two parcel_items ops
    expect(ops(AFOSTO_OPS.parcelItems).map((o) => o.payload)).toHaveLength(2);
  });

  it('a shipment that has left or was cancelled takes no box and no item (shipment_closed)', async () => {
    await P().scan('BOX:S', ship.shipmentId, people.packer);
    core.db.prepare(`UPDATE shipments SET status = 'cancelled' WHERE id = ?`).run(ship.shipmentId);
    expect(await P().scan(MUG.ean, ship.shipmentId, people.packer)).toMatchObject({ ok: false, code: 'shipment_closed' });
    expect(await P().scan('BOX:M', ship.shipmentId, people.packer)).toMatchObject({ ok: false, code: 'shipment_closed' });
    expect(P().shipment(ship.shipmentId).verifiedTotal).toBe(0);
  });

  it('an item scanned with no shipment open is refused (no_shipment)', async () => {
    expect(await P().scan(MUG.ean, null, people.packer)).toMatchObject({ ok: false, code: 'no_shipment', shipment: null });
  });

  it('writes each change and its Afosto ops in one transaction: when the ops cannot be stored, the scan is not either', async () => {
    await P().scan('BOX:M', ship.shipmentId, people.packer);
    const before = { scans: scanRows().length, packed: (core.db.prepare(`SELECT COUNT(*) AS n FROM pack_units`).get() as { n: number }).n };
    core.db.raw.exec(`CREATE TEMP TRIGGER no_ops BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'outbox full'); END;`);
    await expect(P().scan(MUG.ean, ship.shipmentId, people.packer)).rejects.toThrow('outbox full');
    expect(scanRows()).toHaveLength(before.scans);
    expect((core.db.prepare(`SELECT COUNT(*) AS n FROM pack_units`).get() as { n: number }).n).toBe(before.packed);
    core.db.raw.exec(`DROP TRIGGER no_ops`);
    expect(await P().scan(MUG.ean, ship.shipmentId, people.packer)).toMatchObject({ ok: true, code: 'item_verified' });
  });
});

describe('parcels', () => {
  it('two parcels, an item moved between them; Afosto ops carry the units and dimensions', async () => {
    await P().scan('BOX:M', ship.shipmentId, people.packer);
    await P().scan(MUG.ean, ship.shipmentId, people.packer);
    await P().scan(MUG.ean, ship.shipmentId, people.packer);
    const second = await P().scan('CMD:NEWPARCEL', ship.shipmentId, people.packer);
    expect(second).toMatchObject({ ok: true, code: 'parcel_opened' });
    const [p1, p2] = second.shipment!.parcels;
    expect(second.shipment!.currentParcelId).toBe(p2!.id);
    await P().scan(TEA.ean, ship.shipmentId, people.packer);
    const mugLine = line(second.shipment!, 'MUG-01').id;
    const moved = P().moveItem({ shipmentId: ship.shipmentId, lineId: mugLine, fromParcelId: p1!.id, toParcelId: p2!.id, quantity: 1 }, people.packer);
    expect(moved.parcels.map((p) => p.units.map((u) => [u.sku, u.quantity]))).toEqual([[['MUG-01', 1]], [['MUG-01', 1], ['TEA-02', 1]]]);
    expect(moved.verified).toBe(true);
    // parcel_units (what other screens read) follows
    const pu = core.db.prepare(`SELECT parcel_id, quantity FROM parcel_units ORDER BY parcel_id, quantity`).all() as { parcel_id: string; quantity: number }[];
    expect(pu.filter((r) => r.parcel_id === p1!.id).map((r) => r.quantity)).toEqual([1]);
    expect(pu.filter((r) => r.parcel_id === p2!.id).map((r) => r.quantity).sort()).toEqual([1, 1]);

    const creates = ops(AFOSTO_OPS.parcelCreate);
    expect(creates.map((o) => [o.entityId, o.payload])).toEqual([
      [p1!.id, { unitIds: [], length: 40, width: 30, height: 20 }],
      [p2!.id, { unitIds: [] }],
    ]);
    const items = ops(AFOSTO_OPS.parcelItems).map((o) => [o.entityId, o.payload]);
    const mugUnits = ship.units.filter((u) => u.sku === 'MUG-01').map((u) => u.id);
    expect(items.slice(0, 2)).toEqual([
      [p1!.id, { add: [mugUnits[0]], remove: [] }],
      [p1!.id, { add: [mugUnits[1]], remove: [] }],
    ]);
    expect(items.slice(-2)).toEqual([
      [p1!.id, { add: [], remove: [mugUnits[1]] }],
      [p2!.id, { add: [mugUnits[1]], remove: [] }],
    ]);
    expect(() => P().moveItem({ shipmentId: ship.shipmentId, lineId: mugLine, fromParcelId: p1!.id, toParcelId: p2!.id, quantity: 2 }, people.packer)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: { reason: 'too_many' } }),
    );
  });

  it('an unknown box type is refused', async () => {
    expect(await P().scan('BOX:HUGE', ship.shipmentId, people.packer)).toMatchObject({ ok: false, code: 'unknown_box' });
  });

  it('a weight of 0 is refused; a typed weight is stored with its source and sent to Afosto', async () => {
    const s = await P().scan('BOX:S', ship.shipmentId, people.packer);
    const parcelId = s.shipment!.currentParcelId!;
    expect(() => P().setWeight(parcelId, 0, 'typed', people.packer)).toThrow(expect.objectContaining({ code: 'CONFLICT', details: { reason: 'zero_weight' } }));
    expect(ops(AFOSTO_OPS.parcelWeight)).toEqual([]);
    const w = P().setWeight(parcelId, 830, 'scale', people.packer);
    expect(w.parcels[0]).toMatchObject({ weightGrams: 830, weightSource: 'scale' });
    expect(ops(AFOSTO_OPS.parcelWeight).map((o) => o.payload)).toEqual([{ weight: 830 }]);
  });
});

describe('verify before label', () => {
  it('a parcel does not close until the shipment is verified and weighed', async () => {
    await P().scan('BOX:M', ship.shipmentId, people.packer);
    const empty = await P().scan('CMD:DONE', ship.shipmentId, people.packer);
    expect(empty).toMatchObject({ ok: false, code: 'parcel_empty' });
    const r = await P().scan(MUG.ean, ship.shipmentId, people.packer);
    const parcelId = r.shipment!.currentParcelId!;
    await expect(P().closeParcel(parcelId, people.packer)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'shipment_not_verified' } });
    await P().scan(MUG.ean, ship.shipmentId, people.packer);
    await P().scan(TEA.ean, ship.shipmentId, people.packer);
    await expect(P().closeParcel(parcelId, people.packer)).rejects.toMatchObject({ details: { reason: 'weight_required' } });
    expect(ops(AFOSTO_OPS.parcelLabel)).toEqual([]);
    expect(labelsIn(await printed())).toEqual([]);
  });

  it('a supervisor override (PIN + reason) lets an unverified shipment close; it is in the audit log and the missing unit is flagged for Afosto', async () => {
    await P().scan('BOX:M', ship.shipmentId, people.packer);
    const r = await P().scan(MUG.ean, ship.shipmentId, people.packer);
    const parcelId = r.shipment!.currentParcelId!;
    P().setWeight(parcelId, 500, 'typed', people.packer);

    // a packer's PIN is not a supervisor's; a wrong PIN counts as a failed sign-in
    await expect(P().override({ shipmentId: ship.shipmentId, pin: '123456', reason: 'customer asked' }, people.packer)).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'wrong_pin' } });
    // …and counts toward the station's sign-in lockout, so the override prompt is no way around it
    expect((core.db.prepare(`SELECT COUNT(*) AS n FROM signin_failures`).get() as { n: number }).n).toBe(1);
    const s = await P().override({ shipmentId: ship.shipmentId, pin: SUPERVISOR_PIN, reason: 'TEA out of stock, customer agreed' }, people.packer);
    expect(s).toMatchObject({ verified: false, labelsAllowed: true, override: { by: people.supervisor, byName: 'Jana Svobodová', reason: 'TEA out of stock, customer agreed' } });
    // the packer stays signed in
    expect(core.station.state().currentUser?.id).toBe(people.packer);
    const audit = core.db.prepare(`SELECT user_id, action, entity, entity_id, details FROM audit_log WHERE action = 'packing.override'`).all() as { user_id: string; entity_id: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: people.supervisor, entity: 'shipment', entity_id: ship.shipmentId });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ packer: people.packer, method: 'pin', reason: 'TEA out of stock, customer agreed' });
    expect(scanRows().filter((x) => x.result === 'override')).toHaveLength(1);

    const closed = await P().closeParcel(parcelId, people.packer);
    expect(closed).toMatchObject({ labelSource: 'own', shipment: { complete: true } });
    const missing = ops(AFOSTO_OPS.shipmentMissing);
    // the second mug and the tea never went into a box
    const notPacked = [ship.units[1]!.id, ship.units[2]!.id];
    expect(missing.map((o) => [o.entity, o.entityId, o.payload])).toEqual([['shipment', ship.shipmentId, { units: notPacked.map((unitId) => ({ unitId, missing: true })) }]]);
  });

  it('a badge overrides too; an agent’s or packer’s credentials do not', async () => {
    const { code } = core.station.issueBadge(people.supervisor, people.supervisor);
    const packerBadge = core.station.issueBadge(people.packer, people.supervisor).code;
    await expect(P().override({ shipmentId: ship.shipmentId, badge: packerBadge, reason: 'trying' }, people.packer)).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'not_supervisor' } });
    const s = await P().override({ shipmentId: ship.shipmentId, badge: code, reason: 'short shipped' }, people.packer);
    expect(s.labelsAllowed).toBe(true);
  });
});

describe('closing prints the label', () => {
  it('offline: exactly one own ZPL label on the label printer, the packing slip with the last parcel, ops label/slip/finished in one transaction', async () => {
    const s = await packAll();
    const parcelId = s.currentParcelId!;
    const r = await P().scan('CMD:DONE', ship.shipmentId, people.packer);
    expect(r).toMatchObject({ ok: true, code: 'parcel_closed' });
    expect(r.jobs.map((j) => j.kind)).toEqual(['shipping', 'packing-slip']);
    expect(r.shipment).toMatchObject({ complete: true, currentParcelId: null, parcels: [{ id: parcelId, status: 'closed', labelSource: 'own', labelJobId: r.jobs[0]!.id }] });

    const zpl = await printed();
    const labels = labelsIn(zpl);
    expect(labels).toHaveLength(1);
    expect(labels[0]).toContain('ORD-1001');
    expect(labels[0]).toContain('ORD-1001-1'); // own tracking reference: order and parcel number
    expect(labels[0]).toContain('Karel Nov');
    const slip = core.printing.print.get(r.jobs[1]!.id)!;
    expect(slip).toMatchObject({ status: 'done', format: 'pdf' });
    expect(fs.readFileSync(path.join(t.dir, 'slips', `${slip.id}.pdf`)).subarray(0, 4).toString()).toBe('%PDF');

    // the close's ops, in order for the parcel, after its create and items
    const parcelOps = ops().filter((o) => o.entityId === parcelId).map((o) => o.operation);
    expect(parcelOps).toEqual(['parcel_create', 'parcel_items', 'parcel_items', 'parcel_items', 'parcel_weight', 'parcel_label', 'parcel_slip', 'parcel_finished']);

    // later, online, the parcel_label op brings Afosto's carrier label: kept, not printed again
    const onFile = P().gateAfostoFiles(printAfostoFiles(core.printing.print, t.logger));
    const labelOp = ops(AFOSTO_OPS.parcelLabel)[0]!;
    onFile({ kind: 'label', opId: labelOp.id, parcelId, fileId: 'f1', format: 'zpl', file: { meta: { id: 'f1' }, bytes: Buffer.from('^XA^FDCARRIER^FS^XZ') } as never });
    onFile({ kind: 'slip', opId: ops(AFOSTO_OPS.parcelSlip)[0]!.id, parcelId, fileId: 'f2', format: 'pdf', file: { meta: { id: 'f2' }, bytes: Buffer.from('%PDF-1.4') } as never });
    const after = await printed();
    expect(labelsIn(after)).toHaveLength(1);
    expect(after).not.toContain('CARRIER');
    expect(core.printing.print.list({ limit: 50 }).map((j) => j.kind).sort()).toEqual(['packing-slip', 'shipping']);

    // closing again is refused; no second label
    await expect(P().closeParcel(parcelId, people.packer)).rejects.toMatchObject({ details: { reason: 'parcel_not_open' } });
    expect(labelsIn(await printed())).toHaveLength(1);
  });

  it('two parcels: each close prints its own label, the slip only with the last', async () => {
    await P().scan('BOX:M', ship.shipmentId, people.packer);
    await P().scan(MUG.ean, ship.shipmentId, people.packer);
    await P().scan(MUG.ean, ship.shipmentId, people.packer);
    const s = await P().scan('BOX:S', ship.shipmentId, people.packer);
    const [p1, p2] = s.shipment!.parcels;
    await P().scan(TEA.ean, ship.shipmentId, people.packer);
    P().setWeight(p1!.id, 900, 'typed', people.packer);
    P().setWeight(p2!.id, 150, 'typed', people.packer);
    const c1 = await P().closeParcel(p1!.id, people.packer);
    expect(c1.slipJob).toBeNull();
    expect(c1.shipment.complete).toBe(false);
    const c2 = await P().closeParcel(p2!.id, people.packer);
    expect(c2.slipJob?.kind).toBe('packing-slip');
    const labels = labelsIn(await printed());
    expect(labels).toHaveLength(2);
    expect(labels[0]).toContain('1 / 2');
    expect(labels[1]).toContain('2 / 2');
    expect(ops(AFOSTO_OPS.parcelSlip).map((o) => o.entityId)).toEqual([p2!.id]);
  });

  it('carrier mode online: no own label at close; the carrier label prints once when the push brings it, even if the op is delivered twice', async () => {
    const online = new PackingService({
      db: core.db,
      outbox: core.outbox,
      clock: { now: () => Date.now() },
      stationId: core.station.state().stationId,
      station: core.station,
      printing: core.printing.print,
      afostoOnline: () => true,
      carrierWaitMs: 60_000,
    });
    const s = await packAll();
    const parcelId = s.currentParcelId!;
    const r = await online.closeParcel(parcelId, people.packer);
    expect(r).toMatchObject({ labelSource: 'carrier', labelJob: null, slipJob: null });
    expect(labelsIn(await printed())).toEqual([]);
    const onFile = online.gateAfostoFiles(printAfostoFiles(core.printing.print, t.logger));
    const labelOp = ops(AFOSTO_OPS.parcelLabel)[0]!;
    const event = { kind: 'label' as const, opId: labelOp.id, parcelId, fileId: 'f1', format: 'zpl' as const, file: { meta: { id: 'f1' }, bytes: Buffer.from('^XA^FDCARRIER PPL^FS^XZ') } as never };
    onFile(event);
    onFile(event); // the same op again (a crash after printing, before the op was recorded done)
    const zpl = await printed();
    expect(labelsIn(zpl)).toEqual(['^XA^FDCARRIER PPL^FS^XZ']);
    expect(online.shipment(ship.shipmentId).parcels[0]).toMatchObject({ labelSource: 'carrier' });
    // reprint prints the carrier label again (a new job linked to the first)
    const again = await online.reprint(undefined, people.packer);
    expect(online.shipment(ship.shipmentId).parcels[0]!.labelJobId).toBe(`afosto-label-${labelOp.id}`);
    expect(again).toMatchObject({ reprintOf: `afosto-label-${labelOp.id}`, kind: 'carrier_label' });
    expect(labelsIn(await printed())).toHaveLength(2);
    online.dispose();
  });

  it('carrier mode, Afosto gone after the close: our label prints after the wait, and the late carrier label does not', async () => {
    const online = new PackingService({
      db: core.db,
      outbox: core.outbox,
      clock: { now: () => Date.now() },
      stationId: core.station.state().stationId,
      station: core.station,
      printing: core.printing.print,
      afostoOnline: () => true,
      carrierWaitMs: 50,
    });
    const s = await packAll();
    const parcelId = s.currentParcelId!;
    await online.closeParcel(parcelId, people.packer);
    await vi.waitFor(() => expect(online.shipment(ship.shipmentId).parcels[0]!.labelJobId).not.toBeNull(), { timeout: 3000 });
    const onFile = online.gateAfostoFiles(printAfostoFiles(core.printing.print, t.logger));
    onFile({ kind: 'label', opId: ops(AFOSTO_OPS.parcelLabel)[0]!.id, parcelId, fileId: 'f1', format: 'zpl', file: { meta: { id: 'f1' }, bytes: Buffer.from('^XA^FDLATE^FS^XZ') } as never });
    const zpl = await printed();
    expect(labelsIn(zpl)).toHaveLength(1);
    expect(zpl).not.toContain('LATE');
    expect(online.shipment(ship.shipmentId).parcels[0]!.labelSource).toBe('own');
    online.dispose();
  });

  it('a station set to its own labels prints ZPL even when Afosto is online', async () => {
    P().setSettings({ labelSource: 'own' }, people.supervisor);
    const online = new PackingService({
      db: core.db,
      outbox: core.outbox,
      clock: { now: () => Date.now() },
      stationId: core.station.state().stationId,
      station: core.station,
      printing: core.printing.print,
      afostoOnline: () => true,
    });
    const s = await packAll();
    const r = await online.closeParcel(s.currentParcelId!, people.packer);
    expect(r.labelSource).toBe('own');
    expect(labelsIn(await printed())).toHaveLength(1);
    online.dispose();
  });
});

describe('label printer failing at the close', () => {
  it('the close stands and says printer_missing; CMD:REPRINT then prints the label', async () => {
    // printing refuses (e.g. the label printer was removed a moment ago)
    const broken = new PackingService({
      db: core.db,
      outbox: core.outbox,
      clock: { now: () => Date.now() },
      stationId: core.station.state().stationId,
      station: core.station,
      printing: { print: () => Promise.reject(new Error('Printer not found')), reprint: (id) => core.printing.print.reprint(id) },
      afostoOnline: () => false,
    });
    await packAll();
    const r = await broken.scan('CMD:DONE', ship.shipmentId, people.packer);
    expect(r).toMatchObject({ ok: false, code: 'printer_missing', shipment: { complete: true, parcels: [{ status: 'closed', labelSource: 'own', labelJobId: null }] } });
    expect(labelsIn(await printed())).toEqual([]);
    expect(await P().scan('CMD:REPRINT', ship.shipmentId, people.packer)).toMatchObject({ ok: true, code: 'reprinted' });
    expect(labelsIn(await printed())).toHaveLength(1);
    expect(await P().scan('CMD:REPRINT', ship.shipmentId, people.packer)).toMatchObject({ ok: true, code: 'reprinted' });
    expect(labelsIn(await printed())).toHaveLength(2);
  });
});

describe('reprint', () => {
  it('CMD:REPRINT prints the last label again, byte for byte, as a linked job', async () => {
    expect(await P().scan('CMD:REPRINT', ship.shipmentId, people.packer)).toMatchObject({ ok: false, code: 'nothing_to_reprint' });
    await packAll();
    const closed = await P().scan('CMD:DONE', ship.shipmentId, people.packer);
    const first = labelsIn(await printed());
    const r = await P().scan('CMD:REPRINT', ship.shipmentId, people.packer);
    expect(r).toMatchObject({ ok: true, code: 'reprinted' });
    expect(r.jobs[0]).toMatchObject({ reprintOf: closed.jobs[0]!.id, kind: 'shipping' });
    const both = labelsIn(await printed());
    expect(both).toHaveLength(2);
    expect(both[1]).toBe(first[0]);
    expect(scanRows().at(-1)).toMatchObject({ raw: 'CMD:REPRINT', read_as: 'command', result: 'ok' });
  });
});
