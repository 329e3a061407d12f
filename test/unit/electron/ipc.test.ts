import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { appPaths, createAppUrlPolicy } from '../../../src-main/electron/appUrl';
import { EVENT_CHANNEL, registerIpcTransport, RPC_CHANNEL, verifySender } from '../../../src-main/electron/ipc';
import { createWindowRegistry } from '../../../src-main/electron/window';
import { createTestCore, type TestCore } from '../../helpers/core';
import { fake, FakeBrowserWindow, FakeFrame, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const paths = appPaths(path.resolve('/app/out/main'));
const urls = createAppUrlPolicy();
const appUrl = 'app://dockside/index.html';
const builtFileUrl = pathToFileURL(paths.rendererIndex).href;

let tc: TestCore;
beforeAll(async () => {
  tc = await createTestCore();
});
afterAll(async () => {
  await tc.dispose();
});

let registry: ReturnType<typeof createWindowRegistry>;
let ours: FakeBrowserWindow;
let unregister: () => void;
beforeEach(async () => {
  resetFake();
  tc.logger.lines.length = 0;
  registry = createWindowRegistry();
  ours = new FakeBrowserWindow({});
  registry.add(ours as never);
  await ours.loadURL(appUrl);
  unregister = registerIpcTransport({
    ipcMain: fake.ipcMain as never,
    dispatcher: tc.core.dispatcher,
    events: tc.core.events,
    urls,
    ownsWebContents: (wc) => registry.ownsWebContents(wc),
    targets: () => registry.list().map((w) => w.webContents),
    logger: tc.logger,
  });
  return () => unregister();
});

const call = (wc: FakeBrowserWindow['webContents'], frame: FakeFrame | null, envelope: unknown) =>
  fake.ipcMain.invoke(RPC_CHANNEL, wc, frame, envelope);

describe('rpc channel', () => {
  test('our main frame is served by the shared dispatcher, with the ipc transport', async () => {
    const res = await call(ours.webContents, ours.webContents.mainFrame, { method: 'system.info', input: {} });
    expect(res).toMatchObject({ ok: true, value: { appName: 'Dockside', transport: 'ipc', dataDir: tc.dir } });
  });

  test('dispatcher errors pass through unchanged', async () => {
    const res = await call(ours.webContents, ours.webContents.mainFrame, { method: 'no.such', input: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('a window we did not create is refused, even showing our URL', async () => {
    const foreign = new FakeBrowserWindow({});
    await foreign.loadURL(appUrl);
    const res = await call(foreign.webContents, foreign.webContents.mainFrame, { method: 'system.info', input: {} });
    expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
  });

  test('a subframe of our window is refused, even at our URL', async () => {
    const sub = new FakeFrame(appUrl, ours.webContents.mainFrame);
    const res = await call(ours.webContents, sub, { method: 'system.info', input: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('our window after navigating to a non-app URL is refused', async () => {
    ours.webContents.mainFrame.url = 'https://evil.example/';
    const res = await call(ours.webContents, ours.webContents.mainFrame, { method: 'system.info', input: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('our window showing the built index over file:// is refused: only app:// is the app', async () => {
    await ours.loadFile(paths.rendererIndex);
    expect(ours.webContents.mainFrame.url).toBe(builtFileUrl);
    const res = await call(ours.webContents, ours.webContents.mainFrame, { method: 'system.info', input: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('a destroyed sender frame (null) is refused', async () => {
    const res = await call(ours.webContents, null, { method: 'system.info', input: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('refusals are logged with the reason and never reach the dispatcher', async () => {
    const foreign = new FakeBrowserWindow({});
    await call(foreign.webContents, foreign.webContents.mainFrame, { method: 'station.signOut', input: {} });
    const refused = tc.logger.lines.filter((l) => l.includes('ipc call refused'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('not one of our windows');
    expect(tc.logger.lines.some((l) => l.includes('rpc handler failed'))).toBe(false);
  });

  test('unregistering removes the handler', async () => {
    unregister();
    await expect(call(ours.webContents, ours.webContents.mainFrame, { method: 'system.info', input: {} })).rejects.toThrow(/No handler/);
  });
});

describe('verifySender', () => {
  const deps = { ownsWebContents: () => true, urls };
  test('names each reason', () => {
    const main = new FakeFrame(appUrl);
    const sender = { mainFrame: main };
    expect(verifySender(main, sender, deps)).toEqual({ ok: true });
    expect(verifySender(null, sender, deps)).toEqual({ ok: false, reason: 'sender frame is gone' });
    expect(verifySender(new FakeFrame(appUrl, main), sender, deps)).toEqual({ ok: false, reason: 'not a main frame' });
    // A top-level frame that is not this webContents' main frame (e.g. a replaced frame).
    expect(verifySender(new FakeFrame(appUrl), sender, deps)).toEqual({ ok: false, reason: 'not a main frame' });
    expect(verifySender(main, sender, { ...deps, ownsWebContents: () => false })).toEqual({ ok: false, reason: 'not one of our windows' });
    for (const url of ['file:///etc/passwd', builtFileUrl, 'app://evil/index.html', 'https://dockside/index.html']) {
      const elsewhere = new FakeFrame(url);
      expect(verifySender(elsewhere, { mainFrame: elsewhere }, deps), url).toEqual({ ok: false, reason: 'not the app URL' });
    }
  });
});

describe('event channel', () => {
  const status = { online: false, outbox: { pending: 2, dead: 0 }, remotes: { configured: 1, connected: 0, unreachable: 1, failing: 0 } };

  test('core events reach every app window as {event, payload}, and no other window', () => {
    const second = new FakeBrowserWindow({});
    registry.add(second as never);
    const stranger = new FakeBrowserWindow({});
    tc.core.events.emit('system.status', status);
    for (const w of [ours, second]) {
      expect(w.webContents.sent).toEqual([{ channel: EVENT_CHANNEL, message: { event: 'system.status', payload: status } }]);
    }
    expect(stranger.webContents.sent).toEqual([]);
  });

  test('a closed window is skipped and the others still get the event', () => {
    const second = new FakeBrowserWindow({});
    registry.add(second as never);
    ours.webContents.destroyed = true; // renderer gone, window object not yet closed
    tc.core.events.emit('system.status', status);
    expect(second.webContents.sent).toHaveLength(1);
  });

  test('after unregistering, events are no longer forwarded', () => {
    unregister();
    tc.core.events.emit('system.status', status);
    expect(ours.webContents.sent).toEqual([]);
  });
});
