import path from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { appPaths, createAppUrlPolicy } from '../../../src-main/electron/appUrl';
import {
  createIncomingCallWindows,
  incomingCallBounds,
  incomingCallUrl,
  incomingCallWindowOptions,
} from '../../../src-main/electron/callWindow';
import { RPC_CHANNEL, verifySender } from '../../../src-main/electron/ipc';
import { installWebContentsGuards } from '../../../src-main/electron/security';
import { createWindowRegistry, mainWindowOptions } from '../../../src-main/electron/window';
import { fake, FakeBrowserWindow, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const paths = appPaths(path.resolve('/app/out/main'));
const tick = () => new Promise((r) => setImmediate(r));
const call = (callId: string) => callId;

beforeEach(() => resetFake());

describe('incoming-call window options', () => {
  const opts = incomingCallWindowOptions({ preload: paths.preload });

  test('the same isolation as the main window: sandboxed, no Node, our preload', () => {
    const main = mainWindowOptions({ preload: paths.preload }).webPreferences!;
    expect(opts.webPreferences).toMatchObject(main);
    expect(opts.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
  });

  test('rings without a click and keeps running in the background', () => {
    expect(opts.webPreferences).toMatchObject({ autoplayPolicy: 'no-user-gesture-required', backgroundThrottling: false });
  });

  test('a small frameless card, on top, not in the taskbar, hidden until drawn, never full screen', () => {
    expect(opts).toMatchObject({ show: false, frame: false, alwaysOnTop: true, skipTaskbar: true, fullscreenable: false, resizable: false });
  });

  test('placed in the top-right corner of the work area (clear of a taskbar on the left or top)', () => {
    expect(incomingCallBounds({ x: 60, y: 30, width: 1860, height: 1050 })).toEqual({ x: 60 + 1860 - 420 - 16, y: 46, width: 420, height: 360 });
  });

  test('its URL is the app document, with the view and the call in the query', () => {
    const url = incomingCallUrl('app://dockside/index.html', 'call 1&x');
    expect(url).toBe('app://dockside/index.html?view=incoming-call&call=call+1%26x');
    expect(createAppUrlPolicy().isAppDocument(url)).toBe(true);
  });
});

function setup() {
  const urls = createAppUrlPolicy();
  const registry = createWindowRegistry();
  const logger = memoryLogger();
  installWebContentsGuards(fake.app as never, { urls, logger });
  const main = new fake.BrowserWindow(mainWindowOptions({ preload: paths.preload }) as Record<string, unknown>);
  registry.add(main as never);
  main.focus();
  const popups = createIncomingCallWindows({ preload: paths.preload, urls, registry, workArea: () => fake.screen.getPrimaryDisplay().workArea, logger });
  const popup = () => FakeBrowserWindow.instances.filter((w) => w !== main && !w.destroyed);
  return { urls, registry, main, popups, popup };
}

describe('the incoming-call window', () => {
  test('opens on a call above full-screen apps, on every workspace, without taking focus', async () => {
    const { main, popups, popup } = setup();
    popups.show(call('c1'));
    const [w] = popup();
    expect(w!.alwaysOnTop).toEqual({ flag: true, level: 'screen-saver', relativeLevel: undefined });
    expect(w!.allWorkspaces).toEqual({ visible: true, options: { visibleOnFullScreen: true } });
    expect(w!.loads).toEqual([{ kind: 'url', target: 'app://dockside/index.html?view=incoming-call&call=c1' }]);
    expect(w!.options).toMatchObject({ x: 1920 - 420 - 16, y: 16 });
    expect(w!.shown).toBe(false);
    await tick();
    expect(w!.shownInactive).toBe(true);
    expect(main.isFocused()).toBe(true); // the agent's typing is not interrupted
    expect(FakeBrowserWindow.getFocusedWindow()).toBe(main);
  });

  test('a repeated event for the same call opens no second window; a new call reuses the one card', async () => {
    const { popups, popup } = setup();
    popups.show(call('c1'));
    popups.show(call('c1'));
    expect(popup()).toHaveLength(1);
    expect(popup()[0]!.loads).toHaveLength(1);
    popups.show(call('c2'));
    expect(popup()).toHaveLength(1);
    expect(popup()[0]!.loads.map((l) => l.target)).toEqual([
      'app://dockside/index.html?view=incoming-call&call=c1',
      'app://dockside/index.html?view=incoming-call&call=c2',
    ]);
    expect(popups.current()).toBe('c2');
  });

  test('closes when its call is answered or hung up, not for another call; can open again afterwards', () => {
    const { popups, popup, registry } = setup();
    popups.show(call('c1'));
    popups.close('c0');
    expect(popup()).toHaveLength(1);
    popups.close('c1');
    expect(popup()).toHaveLength(0);
    expect(popups.current()).toBeNull();
    expect(registry.list()).toHaveLength(1); // only the main window is left serving IPC
    popups.show(call('c3'));
    expect(popup()).toHaveLength(1);
  });

  test('the user closing it (Alt+F4) is noticed: the next ring opens a new one', () => {
    const { popups, popup } = setup();
    popups.show(call('c1'));
    popup()[0]!.destroy();
    expect(popups.current()).toBeNull();
    popups.show(call('c1'));
    expect(popup()).toHaveLength(1);
  });

  test('its renderer may call core over IPC like the main window; a stranger window may not', async () => {
    const { popups, popup, registry, urls } = setup();
    popups.show(call('c1'));
    const w = popup()[0]!;
    const deps = { ownsWebContents: (s: unknown) => registry.ownsWebContents(s as never), urls };
    expect(verifySender(w.webContents.mainFrame, w.webContents, deps)).toEqual({ ok: true });
    const stranger = new fake.BrowserWindow({});
    await stranger.loadURL('app://dockside/index.html');
    expect(verifySender(stranger.webContents.mainFrame, stranger.webContents, deps)).toMatchObject({ ok: false });
    expect(RPC_CHANNEL).toBe('rpc');
  });

  test('navigation guards and the window.open refusal cover it', () => {
    const { popups, popup } = setup();
    popups.show(call('c1'));
    const w = popup()[0]!;
    expect(w.webContents.emitNavigation('will-navigate', 'https://evil.example/')).toBe(true);
    expect(w.webContents.emitNavigation('will-navigate', 'app://dockside/index.html?view=incoming-call&call=c2')).toBe(false);
    expect(w.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  test('a click into the card (it takes focus) hides it and says the app is wanted', () => {
    const urls = createAppUrlPolicy();
    const activated: string[] = [];
    const popups = createIncomingCallWindows({ preload: paths.preload, urls, registry: createWindowRegistry(), workArea: () => fake.screen.workArea, onActivate: (id) => activated.push(id), logger: memoryLogger() });
    popups.show(call('c1'));
    const w = FakeBrowserWindow.instances[0]!;
    w.showInactive();
    w.focus();
    expect(activated).toEqual(['c1']);
    expect(w.isVisible()).toBe(false);
    expect(popups.current()).toBe('c1'); // still there (ringing) until the call is dealt with
  });

  test('dispose (quit) destroys it', () => {
    const { popups, popup } = setup();
    popups.show(call('c1'));
    popups.dispose();
    expect(popup()).toHaveLength(0);
  });
});
