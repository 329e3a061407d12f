// The MT-SICS driver against a fake scale over real TCP on 127.0.0.1: every reply kind, a scale
// that settles, one that hangs, one that drops the link, and one that is not there.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MtSicsTcpScale } from '../../../src-main/core/scale/mtsicsTcp';
import { FakeScale } from '../../helpers/fakeScale';

const open: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.stop();
});

async function setup(opts: { replyTimeoutMs?: number; stableTimeoutMs?: number; reconnectDelayMs?: number } = {}) {
  const fake = await FakeScale.start();
  const scale = new MtSicsTcpScale({ host: '127.0.0.1', port: fake.port, connectTimeoutMs: 1000, replyTimeoutMs: 400, stableTimeoutMs: 1500, reconnectDelayMs: 0, ...opts });
  open.push({ stop: () => scale.close() }, fake);
  return { fake, scale };
}

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('MT-SICS scale over TCP', () => {
  it('reads a stable weight with S and an immediate one with SI, converting the unit', async () => {
    const { fake, scale } = await setup();
    fake.show('0.750', 'kg');
    expect(await scale.read('stable')).toEqual({ ok: true, grams: 750, stable: true });
    fake.show('1.25', 'lb');
    expect(await scale.read('immediate')).toEqual({ ok: true, grams: 567, stable: true });
    fake.show('412', 'g');
    expect(await scale.read('immediate')).toEqual({ ok: true, grams: 412, stable: true });
    expect(fake.received).toEqual(['S', 'SI', 'SI']);
    // One connection for all of them: converters often take a single client.
    expect(fake.connections).toBe(1);
    expect(scale.connected).toBe(true);
  });

  it('SI shows a moving pan as not stable; S waits for it to settle and gives the settled weight', async () => {
    const { fake, scale } = await setup();
    fake.settleAfter(250, '1.204', 'kg');
    expect(await scale.read('immediate')).toMatchObject({ ok: true, stable: false });
    expect(await scale.read('stable')).toEqual({ ok: true, grams: 1204, stable: true });
  });

  it('a pan that never settles: S answers not_stable (S I)', async () => {
    const { fake, scale } = await setup();
    fake.stableHoldMs = 100;
    fake.setCondition('moving');
    expect(await scale.read('stable')).toEqual({ ok: false, reason: 'not_stable' });
  });

  it('overload, underload and the general errors come back as reason codes', async () => {
    const { fake, scale } = await setup();
    fake.setCondition('overload');
    expect(await scale.read('immediate')).toEqual({ ok: false, reason: 'overload' });
    fake.setCondition('underload');
    expect(await scale.read('stable')).toEqual({ ok: false, reason: 'underload' });
    fake.next({ line: 'ES' }, { line: 'ET' }, { line: 'EL' }, { line: 'S S 1.0 ct' }, { line: 'garbage' });
    expect(await scale.read('immediate')).toEqual({ ok: false, reason: 'syntax_error' });
    expect(await scale.read('immediate')).toEqual({ ok: false, reason: 'transmission_error' });
    expect(await scale.read('immediate')).toEqual({ ok: false, reason: 'logical_error' });
    expect(await scale.read('immediate')).toEqual({ ok: false, reason: 'unknown_unit' });
    // A line that answers nothing is skipped: the command then times out.
    expect(await scale.read('immediate')).toEqual({ ok: false, reason: 'timeout' });
  });

  it('zeroes the scale with Z, and refuses while the pan moves', async () => {
    const { fake, scale } = await setup();
    fake.show('0.020', 'kg');
    expect(await scale.zero()).toEqual({ ok: true });
    expect(await scale.read('immediate')).toEqual({ ok: true, grams: 0, stable: true });
    fake.setCondition('moving');
    expect(await scale.zero()).toEqual({ ok: false, reason: 'not_stable' });
    expect(fake.received).toEqual(['Z', 'SI', 'Z']);
  });

  it('a scale that does not answer: timeout, the connection is dropped, the next command reconnects and is answered', async () => {
    const { fake, scale } = await setup({ replyTimeoutMs: 200 });
    fake.show('0.500');
    fake.next({ silent: true });
    const t0 = Date.now();
    expect(await scale.read('immediate')).toEqual({ ok: false, reason: 'timeout' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    expect(scale.connected).toBe(false);
    expect(await scale.read('immediate')).toEqual({ ok: true, grams: 500, stable: true });
    expect(fake.connections).toBe(2);
  });

  it('a dropped connection: the command in flight says connection_lost, the next one reconnects', async () => {
    const { fake, scale } = await setup();
    fake.show('0.300');
    expect(await scale.read('immediate')).toMatchObject({ ok: true, grams: 300 });
    fake.next({ disconnect: true });
    expect(await scale.read('immediate')).toEqual({ ok: false, reason: 'connection_lost' });
    expect(await scale.read('immediate')).toEqual({ ok: true, grams: 300, stable: true });
    // Dropped from the scale's side between commands: noticed and reconnected.
    fake.dropClients();
    await new Promise((r) => setTimeout(r, 50));
    expect(await scale.read('stable')).toEqual({ ok: true, grams: 300, stable: true });
    expect(fake.connections).toBe(3);
  });

  it('nothing listening: unreachable, and no reconnect storm within the reconnect delay', async () => {
    const port = await deadPort();
    const scale = new MtSicsTcpScale({ host: '127.0.0.1', port, connectTimeoutMs: 500, reconnectDelayMs: 60_000 });
    open.push({ stop: () => scale.close() });
    expect(await scale.read('immediate')).toEqual({ ok: false, reason: 'unreachable' });
    expect(scale.lastError).toMatch(/ECONNREFUSED/);
    // Within the delay a poll answers at once without dialling again.
    const t0 = Date.now();
    expect(await scale.read('immediate')).toEqual({ ok: false, reason: 'unreachable' });
    expect(Date.now() - t0).toBeLessThan(50);
  });

  it('a scale that comes back after being unreachable is read once the delay has passed', async () => {
    const port = await deadPort();
    const scale = new MtSicsTcpScale({ host: '127.0.0.1', port, connectTimeoutMs: 500, reconnectDelayMs: 100 });
    open.push({ stop: () => scale.close() });
    expect(await scale.read('immediate')).toEqual({ ok: false, reason: 'unreachable' });
    const server = net.createServer((s) => s.on('data', () => s.write('S S      2.000 kg\r\n')));
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    open.push({ stop: () => new Promise<void>((r) => server.close(() => r())) });
    await new Promise((r) => setTimeout(r, 120));
    expect(await scale.read('immediate')).toEqual({ ok: true, grams: 2000, stable: true });
  });

  it('commands asked together go one at a time, each getting its own answer', async () => {
    const { fake, scale } = await setup();
    fake.next({ line: 'S S      0.100 kg' }, { line: 'S S      0.200 kg' }, { line: 'Z A' }, { line: 'S D      0.300 kg' });
    const [a, b, z, c] = await Promise.all([scale.read('stable'), scale.read('immediate'), scale.zero(), scale.read('immediate')]);
    expect([a, b, z, c]).toEqual([
      { ok: true, grams: 100, stable: true },
      { ok: true, grams: 200, stable: true },
      { ok: true },
      { ok: true, grams: 300, stable: false },
    ]);
    expect(fake.received).toEqual(['S', 'SI', 'Z', 'SI']);
  });
});
