// One contract test suite, run against every transport: the same calls must give the same
// answers whether they travel over Electron IPC (in-process stand-in) or the web-mode WebSocket.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { PRINT_QUEUE } from '../../../src-main/core/printing/domain';
import type { DocksideBridge, EventName } from '../../../src-preload/contract';
import { createApi, errorDetails, RpcError, type Api } from '../../../src-renderer/src/api/client';
import { createTestCore, type TestCore } from '../../helpers/core';

export interface TransportUnderTest {
  bridge: DocksideBridge;
  close(): Promise<void> | void;
}

export function contractSuite(
  transport: 'websocket' | 'in-process',
  connect: (t: TestCore) => Promise<TransportUnderTest>,
): void {
  describe(`contract over ${transport}`, () => {
    let t: TestCore;
    let conn: TransportUnderTest;
    let api: Api;

    beforeEach(async () => {
      t = await createTestCore();
      conn = await connect(t);
      api = createApi(conn.bridge);
    });
    afterEach(async () => {
      await conn.close();
      await t.dispose();
    });

    function nextEvent<E extends EventName>(event: E): Promise<unknown> {
      return new Promise((resolve) => {
        const off = conn.bridge.on(event, (p) => {
          off();
          resolve(p);
        });
      });
    }

    it('system.info names the transport, the data dir and the schema version', async () => {
      const info = await api.call('system.info', {});
      expect(info).toMatchObject({ appName: 'Dockside', version: '0.0.0-test', dataDir: t.dir, transport });
      expect(info.schemaVersion).toBe(t.core.db.schemaVersion);
      expect(info.schemaVersion).toBeGreaterThanOrEqual(4);
    });

    it('a fresh station needs setup; setup signs the first supervisor in and emits station.changed', async () => {
      expect(await api.call('station.state', {})).toMatchObject({ needsSetup: true, currentUser: null, users: [] });
      const changed = nextEvent('station.changed');
      const state = await api.call('station.setup', { stationName: 'Bench 3', name: 'Jana Svobodová', pin: '999999' });
      expect(state).toMatchObject({ name: 'Bench 3', needsSetup: false, currentUser: { name: 'Jana Svobodová', role: 'supervisor' } });
      expect(await changed).toEqual(state);
      await expect(api.call('station.setup', { stationName: 'X', name: 'Y', pin: '123456' })).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('users sign in and switch by PIN alone; roles gate what they may do', async () => {
      await api.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
      await api.call('station.createUser', { name: 'Petra', role: 'packer', pin: '1111' });
      await api.call('station.createUser', { name: 'Adam', role: 'agent', pin: '2222' });
      await expect(api.call('station.createUser', { name: 'Dup', role: 'agent', pin: '2222' })).rejects.toMatchObject({ code: 'CONFLICT' });

      let state = await api.call('station.signIn', { pin: '1111' });
      expect(state.currentUser).toMatchObject({ name: 'Petra', role: 'packer' });
      await expect(api.call('station.createUser', { name: 'Eva', role: 'packer', pin: '3333' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

      state = await api.call('station.signIn', { pin: '2222' });
      expect(state.currentUser?.name).toBe('Adam');
      await expect(api.call('station.signIn', { pin: '0000' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        message: 'Unknown PIN',
        details: { reason: 'wrong_pin' },
      });
      // A mistyped PIN on the switch-user pad leaves the signed-in user signed in.
      expect((await api.call('station.state', {})).currentUser?.name).toBe('Adam');

      state = await api.call('station.signOut', {});
      expect(state.currentUser).toBeNull();
      expect(state.users.map((u) => u.name).sort()).toEqual(['Adam', 'Jana', 'Petra']);
      expect(JSON.stringify(state)).not.toMatch(/pin/i);
    });

    it('supervisor PINs have 6 to 8 digits: setup, createUser and promotion refuse shorter ones', async () => {
      await expect(api.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '9999' })).rejects.toMatchObject({
        code: 'VALIDATION',
        details: [{ path: 'pin' }],
      });
      await api.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
      await expect(api.call('station.createUser', { name: 'Karel', role: 'supervisor', pin: '8888' })).rejects.toMatchObject({
        code: 'VALIDATION',
        details: [{ path: 'pin' }],
      });
      const petra = await api.call('station.createUser', { name: 'Petra', role: 'packer', pin: '1111' });
      await expect(api.call('station.updateUser', { id: petra.id, role: 'supervisor' })).rejects.toMatchObject({
        code: 'VALIDATION',
        details: [{ path: 'pin' }],
      });
      const jana = (await api.call('station.state', {})).currentUser!;
      await expect(api.call('station.updateUser', { id: jana.id, pin: '4321' })).rejects.toMatchObject({ code: 'VALIDATION', details: [{ path: 'pin' }] });
      expect(await api.call('station.updateUser', { id: petra.id, role: 'supervisor', pin: '24681012' })).toMatchObject({ role: 'supervisor' });
    });

    it('wrong PINs pause sign-in with a typed retryAfterSeconds, whichever PINs the guesses aimed at', async () => {
      await api.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
      await api.call('station.createUser', { name: 'Petra', role: 'packer', pin: '1111' });
      for (const pin of ['0001', '0002', '0003', '0004']) await expect(api.call('station.signIn', { pin })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await api.call('station.signIn', { pin: '1111' }); // her own PIN does not reset the count
      await expect(api.call('station.signIn', { pin: '0005' })).rejects.toMatchObject({ details: { reason: 'wrong_pin', retryAfterSeconds: 30 } });
      await expect(api.call('station.signIn', { pin: '999999' })).rejects.toMatchObject({ code: 'UNAUTHORIZED', details: { reason: 'locked' } });
      expect((await api.call('station.state', {})).currentUser?.name).toBe('Petra');
    });

    it('badges: a supervisor issues one, it signs its user in, a new one revokes it; packers may not issue', async () => {
      await api.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
      const petra = await api.call('station.createUser', { name: 'Petra', role: 'packer', pin: '1111' });
      const { code } = await api.call('station.issueBadge', { userId: petra.id });
      expect(code).toMatch(/^BADGE:[A-Z2-7]{26}$/);
      expect((await api.call('station.signIn', { badge: code })).currentUser?.name).toBe('Petra');
      await expect(api.call('station.issueBadge', { userId: petra.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await api.call('station.signIn', { pin: '999999' });
      await api.call('station.issueBadge', { userId: petra.id });
      await expect(api.call('station.signIn', { badge: code })).rejects.toMatchObject({ code: 'UNAUTHORIZED', details: { reason: 'wrong_badge' } });
      await expect(api.call('station.signIn', { badge: 'BADGE:short' })).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(api.call('station.issueBadge', { userId: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('station.printBadge prints a badge on the label printer whose barcode signs its user in', async () => {
      await api.call('station.setup', { stationName: 'Bench 7', name: 'Jana', pin: '999999' });
      const adam = await api.call('station.createUser', { name: 'Adam Dvořák', role: 'agent', pin: '2222' });
      const job = await api.call('station.printBadge', { userId: adam.id });
      expect(job).toMatchObject({ kind: 'badge', format: 'zpl', printerId: 'spool' });
      await t.core.jobs.runQueue(PRINT_QUEUE);
      const zpl = fs.readFileSync(path.join(t.dir, 'print-spool', `${job.id}.zpl`), 'utf8');
      expect(zpl).toContain('Bench 7');
      const code = /BADGE:[A-Z2-7]{26}/.exec(zpl)?.[0];
      expect(code).toBeDefined();
      expect((await api.call('station.signIn', { badge: code! })).currentUser?.name).toBe('Adam Dvořák');
      // The store keeps only the badge's hash: the job's bytes are gone once printed, the code is
      // nowhere in the database files, and the badge cannot be printed twice.
      await api.call('station.signIn', { pin: '999999' });
      expect((await api.call('printing.jobs', {})).find((j) => j.id === job.id)).toMatchObject({ status: 'done', payloadBytes: 0 });
      await expect(api.call('printing.reprint', { id: job.id })).rejects.toMatchObject({ code: 'CONFLICT' });
      t.core.db.raw.pragma('wal_checkpoint(TRUNCATE)');
      for (const f of fs.readdirSync(t.dir).filter((n) => n.startsWith('dockside.sqlite'))) {
        expect(fs.readFileSync(path.join(t.dir, f)).includes(code!), f).toBe(false);
      }
    });

    it('settings: defaults, validated partial updates, and settings.changed', async () => {
      expect(await api.call('settings.get', {})).toMatchObject({ language: 'en', theme: 'system', sounds: true });
      await expect(api.call('settings.set', { language: 'cs' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await api.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
      const changed = nextEvent('settings.changed');
      const next = await api.call('settings.set', { language: 'cs', theme: 'dark' });
      expect(next).toMatchObject({ language: 'cs', theme: 'dark', sounds: true });
      expect(await changed).toEqual(next);
      const err = await api.call('settings.set', { volume: 7 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RpcError);
      expect(err).toMatchObject({ code: 'VALIDATION', details: [{ path: 'volume' }] });
      expect(await api.call('settings.get', {})).toMatchObject({ language: 'cs', volume: 0.6 });
      // Changing one preference leaves every other one as it was.
      await api.call('settings.set', { volume: 0.3 });
      expect(await api.call('settings.get', {})).toMatchObject({ language: 'cs', theme: 'dark', volume: 0.3 });
    });

    it('system.status reports connectivity and outbox counts, and changes are pushed', async () => {
      expect(await api.call('system.status', {})).toEqual({ online: true, outbox: { pending: 0, dead: 0 }, remotes: { configured: 0, connected: 0, unreachable: 0, failing: 0 } });
      const pushed = nextEvent('system.status');
      t.connectivity.set(false);
      expect(await pushed).toEqual({ online: false, outbox: { pending: 0, dead: 0 }, remotes: { configured: 0, connected: 0, unreachable: 0, failing: 0 } });
    });

    it('printing: the folder spool is there from the start, test prints land in it, reprints link back', async () => {
      await api.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
      const { printers, roles } = await api.call('printing.listPrinters', {});
      expect(printers.map((p) => p.id)).toEqual(['spool']);
      expect(roles).toEqual({ label: 'spool', slip: 'spool' });

      const test = await api.call('printing.testPrinter', { id: 'spool' });
      expect(test).toMatchObject({ status: 'done', kind: 'test', format: 'zpl', printerId: 'spool' });
      const spooled = fs.readdirSync(path.join(t.dir, 'print-spool'));
      expect(spooled).toContain(`${test.id}.zpl`);
      expect(fs.readFileSync(path.join(t.dir, 'print-spool', `${test.id}.zpl`), 'utf8')).toMatch(/^\^XA[\s\S]*\^XZ\s*$/);

      const jobEvent = nextEvent('printing.job');
      const again = await api.call('printing.reprint', { id: test.id });
      expect(again).toMatchObject({ reprintOf: test.id, status: 'queued' });
      expect(await jobEvent).toMatchObject({ reprintOf: test.id });
      expect((await api.call('printing.lastJob', {}))?.id).toBe(again.id);
      expect((await api.call('printing.jobs', { limit: 10 })).map((j) => j.id)).toEqual(expect.arrayContaining([test.id, again.id]));
      await expect(api.call('printing.reprint', { id: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('printing: supervisors add printers and pick roles; others may not; bad addresses are refused', async () => {
      await api.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
      await api.call('station.createUser', { name: 'Petra', role: 'packer', pin: '1111' });
      const zebra = await api.call('printing.savePrinter', { name: 'Zebra ZD421', uri: 'tcp://127.0.0.1:1', options: { dpi: 300 } });
      expect(zebra).toMatchObject({ kind: 'tcp', options: { dpi: 300, formats: ['zpl'] } });
      expect(await api.call('printing.assignPrinter', { role: 'label', printerId: zebra.id })).toEqual({ label: zebra.id, slip: 'spool' });
      await expect(api.call('printing.savePrinter', { name: 'LPT', uri: 'lpt1' })).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(api.call('printing.savePrinter', { name: 'Zebra', uri: 'tcp://127.0.0.1:99999' })).rejects.toMatchObject({
        code: 'VALIDATION',
        details: [{ message: 'port must be 1–65535' }],
      });
      // A job for an unreachable printer is announced when it is queued, not only after its first attempt.
      const queuedEvent = nextEvent('printing.job');
      const last = await api.call('printing.testPrinter', { id: zebra.id });
      expect(last).toMatchObject({ status: 'queued', printerId: zebra.id });
      expect(await queuedEvent).toMatchObject({ id: last.id, status: 'queued', attempts: 0 });
      await expect(api.call('printing.removePrinter', { id: 'spool' })).rejects.toMatchObject({ code: 'CONFLICT' });
      const status = await api.call('printing.printerStatus', { id: zebra.id });
      expect(status).toMatchObject({ ready: false, reachable: false });
      await api.call('station.signIn', { pin: '1111' });
      await expect(api.call('printing.savePrinter', { name: 'X', uri: 'dir:/tmp/x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const preview = await api.call('printing.preview', { template: 'command-sheet', data: {} });
      expect(preview).toMatchObject({ pages: 1, widthMm: 210, heightMm: 297 });
      expect(preview.svg).toMatch(/^<svg[\s\S]*CMD:NEXT[\s\S]*<\/svg>\s*$/);
    });

    it('unknown methods and malformed input come back as errors, not exceptions in transit', async () => {
      expect(await conn.bridge.invoke('system.shutdown', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await conn.bridge.invoke('station.signIn', { pin: 1234 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    });

    it('carries the idempotency key: a repeated key is answered with the first result, not run again', async () => {
      const input = { stationName: 'Bench', name: 'Jana', pin: '999999' };
      const first = await conn.bridge.invoke('station.setup', input, { idempotencyKey: 'setup-1' });
      expect(first).toMatchObject({ ok: true, value: { needsSetup: false } });
      expect(await conn.bridge.invoke('station.setup', input, { idempotencyKey: 'setup-1' })).toEqual(first);
      // A new key is a new call: the station is set up already.
      expect(await conn.bridge.invoke('station.setup', input, { idempotencyKey: 'setup-2' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    });

    it('the client sends a fresh key with every write and none with a query', async () => {
      const sent: { method: string; key: string | undefined }[] = [];
      const spy = createApi({
        invoke: (method, input, options) => (sent.push({ method, key: options?.idempotencyKey }), conn.bridge.invoke(method, input, options)),
        on: (event, listener) => conn.bridge.on(event, listener),
      });
      await spy.call('station.state', {});
      await spy.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
      await spy.call('settings.set', { theme: 'dark' });
      await spy.call('settings.set', { theme: 'light' });
      expect(sent.map((s) => [s.method, typeof s.key])).toEqual([
        ['station.state', 'undefined'],
        ['station.setup', 'string'],
        ['settings.set', 'string'],
        ['settings.set', 'string'],
      ]);
      expect(new Set(sent.map((s) => s.key)).size).toBe(4);
    });

    it('error details arrive typed per method and code', async () => {
      await api.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
      await api.call('station.createUser', { name: 'Petra', role: 'packer', pin: '1111' });
      const dup = await api.call('station.createUser', { name: 'Dup', role: 'agent', pin: '1111' }).catch((e: unknown) => e);
      expect(errorDetails(dup, 'station.createUser', 'CONFLICT')).toEqual({ field: 'pin' });
      expect(errorDetails(dup, 'station.updateUser', 'CONFLICT')).toBeUndefined();
      const missing = await api.call('printing.reprint', { id: 'missing' }).catch((e: unknown) => e);
      expect(errorDetails(missing, 'printing.reprint', 'NOT_FOUND')?.id).toBe('missing');
      const bad = await api.call('settings.set', { volume: 7 }).catch((e: unknown) => e);
      expect(errorDetails(bad, 'settings.set', 'VALIDATION')?.map((i) => i.path)).toEqual(['volume']);
      expect(errorDetails(bad, 'settings.set', 'CONFLICT')).toBeUndefined();
      // The types follow the declarations (checked by tsc).
      expectTypeOf(errorDetails(dup, 'station.signIn', 'UNAUTHORIZED')).toEqualTypeOf<{ reason: 'wrong_pin' | 'wrong_badge' | 'locked'; retryAfterSeconds?: number | undefined } | undefined>();
      expectTypeOf(errorDetails(dup, 'station.createUser', 'CONFLICT')).toEqualTypeOf<{ field: string } | undefined>();
    });
  });
}
