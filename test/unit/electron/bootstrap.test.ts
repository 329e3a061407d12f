import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { writePhones } from '../../../src-main/core/connectors/ucs';
import { UcsRepo } from '../../../src-main/core/connectors/ucs/repo';
import { DB_FILE_NAME } from '../../../src-main/core/db/database';
import { bootstrap } from '../../../src-main/electron/bootstrap';
import { RPC_CHANNEL } from '../../../src-main/electron/ipc';
import { tempDir } from '../../helpers/tmp';
import { fake, FakeBrowserWindow, FakeNotification, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);
// electron-store needs the real Electron runtime; the conf-backed stand-in writes the same file.
vi.mock('electron-store', async () => ({ default: (await import('./fakeElectron')).ConfBackedStore }));

const mainDir = path.resolve('/opt/dockside/out/main');
let dir: string;
let cleanup: () => void;
beforeEach(() => {
  resetFake();
  ({ dir, cleanup } = tempDir());
  fake.app.userData = dir;
});
afterEach(() => cleanup());

const tick = () => new Promise((r) => setTimeout(r, 10));

async function start(argv: string[] = []) {
  const { ready } = bootstrap({ mainDir, env: {}, argv });
  fake.app.makeReady();
  const started = await ready;
  const win = FakeBrowserWindow.instances[0]!;
  return { started, win };
}

describe('electron bootstrap (real core over SQLite in a temp userData)', () => {
  test('registers app:// as privileged before ready, and nothing else', () => {
    bootstrap({ mainDir, env: {}, argv: [] });
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true }, beforeReady: true },
    ]);
    // Handling waits for ready (Electron refuses protocol.handle before it).
    expect(fake.protocol.handlers.size).toBe(0);
  });

  test('starts sandboxed, loads the renderer over app:// and serves our window over IPC', async () => {
    const { started, win } = await start();
    expect(started?.dataDir).toBe(dir);
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(win.options).toMatchObject({ webPreferences: { preload: path.resolve('/opt/dockside/out/preload/index.cjs'), sandbox: true } });
    expect(win.loads).toEqual([{ kind: 'url', target: 'app://dockside/index.html' }]);
    expect(fake.protocol.handlers.has('app')).toBe(true);
    // The renderer folder of this (fake) install is empty: a 404 from the handler, never a file elsewhere.
    expect((await fake.protocol.request('app://dockside/index.html')).status).toBe(404);
    // Hardening is in place on the session and on the new webContents.
    expect(fake.session.defaultSession.headersListener).not.toBeNull();
    expect(win.webContents.windowOpenHandler?.({ url: 'https://x.example' })).toEqual({ action: 'deny' });

    const info = await fake.ipcMain.invoke(RPC_CHANNEL, win.webContents, win.webContents.mainFrame, { method: 'system.info', input: {} });
    expect(info).toMatchObject({ ok: true, value: { transport: 'ipc', dataDir: dir, version: '0.1.0-test', demo: false } });
    expect(fs.existsSync(path.join(dir, DB_FILE_NAME))).toBe(true);

    fake.app.quit();
    await tick();
  });

  test('quitting closes core once, removes the IPC and app:// handlers, then really quits', async () => {
    const { win } = await start();
    fake.app.quit();
    expect(fake.ipcMain.handlers.has(RPC_CHANNEL)).toBe(false); // removed before the database closes
    expect(fake.protocol.handlers.has('app')).toBe(false);
    await tick();
    expect(fake.app.quitCalls).toBe(2); // the held request, then the one after close
    const log = fs.readFileSync(path.join(dir, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('"msg":"starting"');
    expect(log).toContain('core closed; quitting');
    expect(win.webContents.sent).toEqual([]);
  });

  test('--demo runs a demo station in "<userData> Demo": the simulator starts before core, all five connections point at it, and quitting stops it', async () => {
    const base = path.join(dir, 'Dockside');
    fake.app.userData = base;
    const { started, win } = await start(['--demo']);
    expect(started?.dataDir).toBe(`${base} Demo`);
    const ipc = (method: string, input: unknown = {}, idempotencyKey?: string) =>
      fake.ipcMain.invoke(RPC_CHANNEL, win.webContents, win.webContents.mainFrame, { method, input, ...(idempotencyKey ? { idempotencyKey } : {}) });
    expect(await ipc('system.info')).toMatchObject({ ok: true, value: { demo: true, dataDir: `${base} Demo` } });
    // The demo users exist: the supervisor signs in with the README's PIN.
    expect(await ipc('station.signIn', { pin: '999999' }, 'k1')).toMatchObject({ ok: true });
    const list = (await ipc('connections.list')) as { ok: true; value: { connections: { configured: boolean; baseUrl: string }[] } };
    expect(list.value.connections.map((c) => c.configured)).toEqual([true, true, true, true, true]);
    const simBase = new URL(list.value.connections[0]!.baseUrl).origin;
    expect((await fetch(`${simBase}/_sim`)).status).toBe(200);
    expect(fs.existsSync(path.join(`${base} Demo`, 'demo-station.json'))).toBe(true);
    fake.app.quit();
    // Core closes (its pulls settle), then the simulator, then the app really quits.
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(2), { timeout: 10_000 });
    await expect(fetch(`${simBase}/_sim`)).rejects.toThrow();
  });

  test('a second instance quits at once without opening a window or the database', async () => {
    fake.app.gotLock = false;
    const { ready } = bootstrap({ mainDir, env: {}, argv: [] });
    expect(await ready).toBeNull();
    expect(fake.app.quitCalls).toBe(1);
    expect(FakeBrowserWindow.instances).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual(['logs']);
  });

  test('a start-up failure is shown to the user and exits non-zero', async () => {
    fake.safeStorage.isAsyncEncryptionAvailable = async () => {
      throw new Error('keyring daemon crashed');
    };
    const { ready } = bootstrap({ mainDir, env: {}, argv: [] });
    fake.app.makeReady();
    await expect(ready).rejects.toThrow('keyring daemon crashed');
    await tick();
    expect(fake.dialog.errors).toEqual([{ title: 'Dockside could not start', body: 'keyring daemon crashed' }]);
    expect(fake.app.exitCode).toBe(1);
    delete (fake.safeStorage as { isAsyncEncryptionAvailable?: unknown }).isAsyncEncryptionAvailable;
  });

  test.each([
    { packaged: true, url: 'http://localhost:5173/', loads: 'app://dockside/index.html' },
    { packaged: false, url: 'http://localhost:5173/', loads: 'http://localhost:5173/' },
    { packaged: false, url: 'http://evil.example:5173/', loads: 'app://dockside/index.html' },
  ])('dev server URL $url when packaged=$packaged: loads $loads', async ({ packaged, url, loads }) => {
    fake.app.isPackaged = packaged;
    const { ready } = bootstrap({ mainDir, env: { ELECTRON_RENDERER_URL: url }, argv: [] });
    fake.app.makeReady();
    await ready;
    expect(FakeBrowserWindow.instances[0]?.loads[0]?.target).toBe(loads);
    fake.app.quit();
    await tick();
  });

  test.each([
    { packaged: false, binding: 'real', starts: true },
    { packaged: false, binding: 'bogus', starts: false },
    { packaged: true, binding: 'bogus', starts: true },
  ])('DOCKSIDE_SQLITE_BINDING=$binding when packaged=$packaged: starts=$starts', async ({ packaged, binding, starts }) => {
    fake.app.isPackaged = packaged;
    const file = binding === 'real' ? path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node') : path.join(dir, 'nope.node');
    const { ready } = bootstrap({ mainDir, env: { DOCKSIDE_SQLITE_BINDING: file }, argv: [] });
    fake.app.makeReady();
    if (starts) {
      await expect(ready).resolves.not.toBeNull();
      fake.app.quit();
    } else {
      await expect(ready).rejects.toThrow(/nope\.node/);
      expect(fake.app.exitCode).toBe(1);
    }
    await tick();
  });
});

describe('calls on the desktop (bootstrap wiring)', () => {
  const ringing = {
    id: 'c1', uniqueid: 'u1', direction: 'inbound', number: '+420777123456', e164: '+420777123456', queue: null, queueName: null,
    status: 'ringing', transferredTo: null, source: 'endpoint', identification: 'unknown', contactId: null, companyId: null,
    callerName: null, companyName: null, disposition: null, orderRef: null, userId: null, startedAt: 1, answeredAt: null, endedAt: null,
    afterCallWork: null,
  } as const;

  test('the app is the dockside:// handler, holds the call hotkeys, pops a card on calls.incoming, and lets go of all on quit', async () => {
    const { started, win } = await start();
    expect(fake.app.protocolClients).toEqual([{ protocol: 'dockside' }]);
    expect(fake.globalShortcut.registered.size).toBe(3);
    started!.core.events.emit('calls.incoming', ringing);
    const card = FakeBrowserWindow.instances[1]!;
    expect(card.loads[0]?.target).toBe('app://dockside/index.html?view=incoming-call&call=c1');
    expect(card.alwaysOnTop).toMatchObject({ flag: true, level: 'screen-saver' });
    // The card's renderer is served over IPC like the main window.
    const info = await fake.ipcMain.invoke(RPC_CHANNEL, card.webContents, card.webContents.mainFrame, { method: 'system.info', input: {} });
    expect(info).toMatchObject({ ok: true });
    // A plain second start raises the main window; one carrying a call link does not.
    fake.app.emit('second-instance', {}, ['/opt/dockside', 'dockside://call?number=1&uniqueid=x'], '/');
    expect(win.focused).toBe(false);
    fake.app.emit('second-instance', {}, ['/opt/dockside'], '/');
    expect(win.focused).toBe(true);
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(2));
    expect(fake.globalShortcut.registered.size).toBe(0);
    expect(card.destroyed).toBe(true);
  });

  test('a dockside:// link reaches core: the one that launched the app, then one from a second start; a repeat makes no second call', async () => {
    const { started } = await start(['/opt/dockside', 'dockside://call?number=%2B420777123456&uniqueid=link-1']);
    const service = started!.core.calls.service;
    await vi.waitFor(() => expect(service.recent(10).map((c) => c.uniqueid)).toEqual(['link-1']));
    expect(service.recent(10)[0]).toMatchObject({ source: 'link', status: 'ringing', number: '+420777123456' });
    // The card popped for it.
    expect(FakeBrowserWindow.instances[1]?.loads[0]?.target).toContain('view=incoming-call');
    fake.app.emit('second-instance', {}, ['/opt/dockside', 'dockside://call?number=%2B420777123456&uniqueid=link-1'], '/');
    fake.app.emit('second-instance', {}, ['/opt/dockside', 'dockside://call?uniqueid=link-1&event=answer'], '/');
    expect(service.recent(10)).toHaveLength(1);
    expect(service.recent(10)[0]).toMatchObject({ status: 'answered' });
    // Answered: the card went.
    expect(FakeBrowserWindow.instances[1]?.destroyed).toBe(true);
    // Not a call link core accepts: refused, nothing made.
    fake.app.emit('open-url', { preventDefault() {} }, 'dockside://settings?x=1');
    expect(service.recent(10)).toHaveLength(1);
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(2));
  });

  test('closing the main window while a card rings closes the card too, so the app quits', async () => {
    const { started, win } = await start();
    started!.core.events.emit('calls.incoming', ringing);
    const card = FakeBrowserWindow.instances[1]!;
    win.destroy();
    expect(card.destroyed).toBe(true);
    // The fake does not emit window-all-closed itself; what matters is that no window is left.
    expect(FakeBrowserWindow.getAllWindows()).toEqual([]);
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(2));
  });

  test('the look-up key reads the highlighted number and says, from the local phone index, who holds it', async () => {
    const { started } = await start();
    const core = started!.core;
    core.db.tx(() => {
      new UcsRepo(core.db).insertContact({ id: 'p-1', external_id: null, ucs_person_id: null, company_id: null, company_role: null, first_name: 'Jan', last_name: 'Novák', display_name: 'Jan Novák', email: null, updated_at: 1 });
    });
    writePhones(core.db, { contactId: 'p-1' }, [{ raw: '+420 777 123 456', kind: 'mobil' }]);
    fake.clipboard.text.selection = 'volal 777 123 456 kvůli objednávce';
    expect(fake.globalShortcut.press('CommandOrControl+Alt+L')).toBe(true);
    await vi.waitFor(() => expect(FakeNotification.instances.at(-1)?.options).toMatchObject({ title: 'Jan Novák', body: '777 123 456' }));
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(2));
  });
});

