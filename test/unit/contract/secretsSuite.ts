// Secrets over the contract, run against every transport (inProcess.test.ts, websocket.test.ts):
// a credential goes in through secrets.set and never comes back out — in no answer of any method
// a supervisor can call with an empty input, in no event, in no log line, in no file of the
// data dir (the in-memory SecretStore of the test core holds it, as the OS keychain would).
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, methods, type MethodName, type RpcResult } from '../../../src-preload/contract';
import { createTestCore, type TestCore } from '../../helpers/core';
import { filesBelow } from '../../helpers/tmp';
import type { TransportUnderTest } from './contractSuite';

const SECRET = 'ucs-Client-Secret-Žluťoučký-9c1e7f3a';
const NAME = 'remote.ucs.clientSecret';
const SUPERVISOR_PIN = '999999';
const needles = [
  SECRET,
  Buffer.from(SECRET).toString('base64'),
  Buffer.from(SECRET).toString('base64url'),
  Buffer.from(SECRET).toString('hex'),
  JSON.stringify(SECRET).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
];

export function secretsSuite(transport: 'websocket' | 'in-process', connect: (t: TestCore) => Promise<TransportUnderTest>): void {
  describe(`secrets over ${transport}`, () => {
    let t: TestCore;
    let conn: TransportUnderTest;
    beforeEach(async () => {
      t = await createTestCore();
      conn = await connect(t);
    });
    afterEach(async () => {
      await conn.close();
      await t.dispose();
    });

    const invoke = (method: MethodName, input: unknown) => conn.bridge.invoke(method, input) as Promise<RpcResult<unknown>>;
    const setUp = async () => expect(await invoke('station.setup', { stationName: 'Bench', name: 'Jana', pin: SUPERVISOR_PIN })).toMatchObject({ ok: true });

    it('a stored secret never comes back: not from any empty-input method, any event, the logs or the data dir', async () => {
      const seen: string[] = [];
      const offs = Object.keys(events).map((e) => conn.bridge.on(e, (payload) => seen.push(JSON.stringify({ event: e, payload }))));
      const call = async (method: MethodName, input: unknown) => {
        const result = await invoke(method, input);
        seen.push(JSON.stringify({ method, result }));
        return result;
      };
      await setUp();
      expect(await call('secrets.set', { name: NAME, value: SECRET })).toMatchObject({
        ok: true,
        value: { entries: expect.arrayContaining([{ name: NAME, remote: 'ucs', field: 'clientSecret', set: true }]) },
      });
      expect(await t.core.secrets.get(NAME)).toBe(SECRET); // it really is stored, for core to use

      const emptyInput = (Object.keys(methods) as MethodName[]).filter((m) => methods[m].input.safeParse({}).success);
      expect(emptyInput).toEqual(expect.arrayContaining(['secrets.list', 'system.info', 'system.status', 'station.state', 'settings.get']));
      // signOut last, and sign in again before each call: every method runs as the supervisor.
      for (const m of [...emptyInput.filter((x) => x !== 'station.signOut'), 'station.signOut' as const]) {
        await invoke('station.signIn', { pin: SUPERVISOR_PIN });
        const result = await call(m, {});
        if (m === 'secrets.list') expect(result).toMatchObject({ ok: true, value: { entries: expect.arrayContaining([expect.objectContaining({ name: NAME, set: true })]) } });
      }
      // One more round trip: every event emitted before its answer has been delivered.
      await call('system.status', {});
      offs.forEach((off) => off());

      expect(seen.length).toBeGreaterThan(emptyInput.length);
      expect(seen.some((s) => s.includes(NAME))).toBe(true); // the scan did see the answers naming it
      const logs = t.logger.lines.join('\n');
      expect(logs).toContain(NAME); // the change is logged, by name
      for (const n of needles) {
        for (const s of seen) expect(s.includes(n), `${n} in ${s.slice(0, 200)}`).toBe(false);
        expect(logs.includes(n), `${n} in the log`).toBe(false);
        for (const f of filesBelow(t.dir)) expect(fs.readFileSync(f).includes(Buffer.from(n)), `${n} in ${f}`).toBe(false);
      }
    });

    it('only a supervisor may list, set or remove; names outside remote.<remote>.<field> are refused', async () => {
      expect(await invoke('secrets.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      await setUp();
      expect(await invoke('station.createUser', { name: 'Petra', role: 'packer', pin: '1111' })).toMatchObject({ ok: true });
      for (const name of ['remote.shopify.token', 'remote.ucs.pin', 'ucs.clientSecret', `${NAME}.x`]) {
        expect(await invoke('secrets.set', { name, value: 'x' }), name).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }
      expect(await invoke('secrets.set', { name: NAME, value: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await invoke('station.signIn', { pin: '1111' })).toMatchObject({ ok: true });
      for (const [m, input] of [['secrets.list', {}], ['secrets.set', { name: NAME, value: SECRET }], ['secrets.remove', { name: NAME }]] as const) {
        expect(await invoke(m, input), m).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      expect(await t.core.secrets.get(NAME)).toBeNull();
    });

    it('set and remove flip the flag and announce secrets.changed without values', async () => {
      await setUp();
      const changes: unknown[] = [];
      const off = conn.bridge.on('secrets.changed', (p) => changes.push(p));
      const flag = (r: RpcResult<unknown>) => (r.ok ? (r.value as { entries: { name: string; set: boolean }[] }).entries.find((e) => e.name === NAME)?.set : undefined);
      expect(flag(await invoke('secrets.list', {}))).toBe(false);
      expect(flag(await invoke('secrets.set', { name: NAME, value: SECRET }))).toBe(true);
      expect(flag(await invoke('secrets.remove', { name: NAME }))).toBe(false);
      await invoke('system.status', {});
      off();
      expect(changes).toHaveLength(2);
      expect(JSON.stringify(changes)).not.toContain(SECRET);
      expect(await t.core.secrets.get(NAME)).toBeNull();
    });
  });
}
