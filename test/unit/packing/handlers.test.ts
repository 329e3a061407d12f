// packing.* through the dispatcher, as a window calls it: who may pack, what a refusal looks like
// on the wire (a code in details), packing.changed after each change, and the repeat of a write
// under the same idempotency key answered with the first result (one label, not two).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/app';
import type { RpcResult } from '../../../src-preload/contract';
import { createTestCore, type TestCore } from '../../helpers/core';
import type { FakeZebra } from '../printing/fakeZebra';
import { addPeople, addPrinters, addShipment, labelsIn, MUG, PACKER_PIN, type SeededShipment } from './fixture';

let t: TestCore;
let core: Core;
let zebra: FakeZebra;
let ship: SeededShipment;

beforeEach(async () => {
  t = await createTestCore({ logLevel: 'warn', sync: { autoStart: false } });
  core = t.core;
  await addPeople(core);
  zebra = await addPrinters(core, t.dir);
  ship = addShipment(core, 'ORD-7', [[MUG, 1]]);
});
afterEach(async () => {
  await zebra.stop();
  await t.dispose();
});

let n = 0;
const call = (method: string, input: unknown, idempotencyKey = `k${++n}`) =>
  core.dispatcher.dispatch({ method, input, idempotencyKey }, 'in-process') as Promise<RpcResult<Record<string, unknown>>>;

describe('packing over the dispatcher', () => {
  it('an agent may not pack; a packer may', async () => {
    await core.station.createUser({ name: 'Adam', role: 'agent', pin: '2222' }, null);
    await core.station.signIn({ pin: '2222' });
    expect(await call('packing.scan', { code: 'ORD-7', shipmentId: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await core.station.signIn({ pin: PACKER_PIN });
    expect(await call('packing.scan', { code: 'ORD-7', shipmentId: null })).toMatchObject({ ok: true, value: { ok: true, code: 'shipment_opened' } });
  });

  it('refusals carry their reason code; a weight of 0 is CONFLICT zero_weight', async () => {
    const opened = await call('packing.openParcel', { shipmentId: ship.shipmentId, boxType: 'S' });
    const parcelId = (opened as unknown as { value: { currentParcelId: string } }).value.currentParcelId;
    expect(await call('packing.setWeight', { parcelId, grams: 0, source: 'typed' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'zero_weight' } } });
    expect(await call('packing.openParcel', { shipmentId: ship.shipmentId, boxType: 'HUGE' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'unknown_box' } } });
    expect(await call('packing.open', { code: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'unknown_code' } } });
  });

  it('each change is announced as packing.changed; a repeated close prints one label', async () => {
    const seen: unknown[] = [];
    core.events.subscribe((event, payload) => event === 'packing.changed' && seen.push(payload));
    const opened = await call('packing.openParcel', { shipmentId: ship.shipmentId, boxType: 'S' });
    const parcelId = (opened as unknown as { value: { currentParcelId: string } }).value.currentParcelId;
    await call('packing.scan', { code: MUG.ean, shipmentId: ship.shipmentId });
    await call('packing.setWeight', { parcelId, grams: 300, source: 'typed' });
    expect(seen).toEqual([{ shipmentId: ship.shipmentId }, { shipmentId: ship.shipmentId }, { shipmentId: ship.shipmentId }]);
    const first = await call('packing.closeParcel', { parcelId }, 'close-1');
    const again = await call('packing.closeParcel', { parcelId }, 'close-1');
    expect(again).toEqual(first);
    await core.printing.print.run();
    expect(labelsIn(zebra.received())).toHaveLength(1);
  });
});
