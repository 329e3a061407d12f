// The scale capability through the contract on a real core and SQLite file: the station's setting
// is kept, a reading is grams or a reason code, only a supervisor sets the scale up, and a new
// setting drops the old scale's connection.
import { afterEach, describe, expect, it } from 'vitest';
import type { ScaleReading, ScaleStatus, ScaleZeroResult } from '../../../src-preload/contract';
import { ScaleService } from '../../../src-main/core/scale/service';
import { FakeScale } from '../../helpers/fakeScale';
import { openBench, type Bench } from './bench';

const open: { dispose?(): Promise<void>; stop?(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await (o.dispose?.() ?? o.stop?.());
});

async function bench(): Promise<Bench> {
  const b = await openBench();
  open.push(b);
  return b;
}
async function fakeScale(): Promise<FakeScale> {
  const f = await FakeScale.start();
  open.push(f);
  return f;
}

describe('scale service', () => {
  it('without a scale a reading says not_configured, and nothing is dialled', async () => {
    const b = await bench();
    await b.signIn('1111');
    expect(await b.call<ScaleStatus>('scale.status')).toEqual({ config: { kind: 'none' }, connected: false, last: null });
    const r = await b.call<ScaleReading>('scale.read', { mode: 'stable' });
    expect(r).toMatchObject({ ok: false, reason: 'not_configured' });
    expect(await b.call<ScaleZeroResult>('scale.zero')).toEqual({ ok: false, reason: 'not_configured' });
  });

  it('a supervisor sets the scale up; packers read grams from it; the setting is kept in the store', async () => {
    const b = await bench();
    const fake = await fakeScale();
    fake.show('0.750', 'kg');
    await b.signIn('999999');
    const changed: unknown[] = [];
    const off = b.core.events.subscribe((e, p) => e === 'scale.changed' && changed.push(p));
    const status = await b.call<ScaleStatus>('scale.configure', { kind: 'mt-sics', host: '127.0.0.1', port: fake.port });
    off();
    expect(status).toEqual({ config: { kind: 'mt-sics', host: '127.0.0.1', port: fake.port }, connected: false, last: null });
    expect(changed).toEqual([status]);

    await b.signIn('1111');
    const reading = await b.call<ScaleReading>('scale.read', { mode: 'stable' });
    expect(reading).toMatchObject({ ok: true, grams: 750, stable: true });
    expect(await b.call<ScaleStatus>('scale.status')).toMatchObject({ connected: true, last: reading });
    expect(fake.received).toEqual(['S']);

    // A service made anew on the same store (a restart) has the same setting.
    const again = new ScaleService({ db: b.core.db, clock: { now: () => 0 }, stationId: b.core.station.state().stationId });
    expect(again.status().config).toEqual({ kind: 'mt-sics', host: '127.0.0.1', port: fake.port });
  });

  it('immediate reads show a moving pan; overload and a silent scale come back as codes', async () => {
    const b = await bench();
    const fake = await fakeScale();
    await b.signIn('999999');
    await b.call('scale.configure', { kind: 'mt-sics', host: '127.0.0.1', port: fake.port });
    fake.settleAfter(5_000, '2.000');
    expect(await b.call<ScaleReading>('scale.read', { mode: 'immediate' })).toMatchObject({ ok: true, stable: false });
    fake.setCondition('overload');
    expect(await b.call<ScaleReading>('scale.read', {})).toMatchObject({ ok: false, reason: 'overload' });
    fake.show('2.000');
    fake.next({ silent: true });
    expect(await b.call<ScaleReading>('scale.read', {})).toMatchObject({ ok: false, reason: 'timeout' });
    expect(await b.call<ScaleReading>('scale.read', {})).toMatchObject({ ok: true, stable: true, grams: 2000 });
  });

  it('only a supervisor sets the scale; an agent may not read it; bad settings are refused', async () => {
    const b = await bench();
    await b.signIn('1111');
    expect(await b.invoke('scale.configure', { kind: 'none' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await b.signIn('2222');
    expect(await b.invoke('scale.read', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await b.signIn('999999');
    expect(await b.invoke('scale.configure', { kind: 'mt-sics', host: '127.0.0.1', port: 70000 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await b.invoke('scale.configure', { kind: 'mt-sics', host: 'a b', port: 4001 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('a new setting closes the old scale’s connection and reads the new scale; none stops reading', async () => {
    const b = await bench();
    const first = await fakeScale();
    const second = await fakeScale();
    first.show('1.000');
    second.show('2.000');
    await b.signIn('999999');
    await b.call('scale.configure', { kind: 'mt-sics', host: '127.0.0.1', port: first.port });
    expect(await b.call<ScaleReading>('scale.read', {})).toMatchObject({ grams: 1000 });
    await b.call('scale.configure', { kind: 'mt-sics', host: '127.0.0.1', port: second.port });
    expect(await b.call<ScaleReading>('scale.read', {})).toMatchObject({ grams: 2000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(first['sockets'].size).toBe(0);
    await b.call('scale.configure', { kind: 'none' });
    expect(await b.call<ScaleReading>('scale.read', {})).toMatchObject({ ok: false, reason: 'not_configured' });
    expect(b.core.db.prepare('SELECT COUNT(*) AS n FROM station_scales').get()).toEqual({ n: 0 });
  });

  it('zero through the contract sends Z and the next reading is 0 g', async () => {
    const b = await bench();
    const fake = await fakeScale();
    fake.show('0.015');
    await b.signIn('999999');
    await b.call('scale.configure', { kind: 'mt-sics', host: '127.0.0.1', port: fake.port });
    expect(await b.call<ScaleZeroResult>('scale.zero')).toEqual({ ok: true });
    expect(await b.call<ScaleReading>('scale.read', {})).toMatchObject({ ok: true, grams: 0 });
  });
});
