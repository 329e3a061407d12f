import path from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { appPaths, createAppUrlPolicy, type AppUrlPolicy } from '../../../src-main/electron/appUrl';
import { createMainWindow, createWindowRegistry, mainWindowOptions } from '../../../src-main/electron/window';
import { fake, FakeBrowserWindow, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const paths = appPaths(path.resolve('/app/out/main'));

beforeEach(() => resetFake());

describe('main window options', () => {
  const opts = mainWindowOptions({ preload: paths.preload });

  test('renderer is isolated and sandboxed with no Node', () => {
    expect(opts.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  test('preload is the built CommonJS preload beside the main bundle', () => {
    expect(opts.webPreferences?.preload).toBe(path.resolve('/app/out/preload/index.cjs'));
  });

  test('minimum size fits a bench monitor and the window starts hidden', () => {
    expect(opts).toMatchObject({ minWidth: 1280, minHeight: 720, show: false });
  });
});

describe('createMainWindow', () => {
  const make = (urls: AppUrlPolicy) =>
    createMainWindow({ preload: paths.preload, urls, registry: createWindowRegistry(), logger: memoryLogger() });

  test('loads app://dockside/index.html (never file://) and shows on ready-to-show', async () => {
    const win = (await make(createAppUrlPolicy())) as unknown as FakeBrowserWindow;
    expect(win.loads).toEqual([{ kind: 'url', target: 'app://dockside/index.html' }]);
    expect(win.shown).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(win.shown).toBe(true);
  });

  test('in dev it loads the loopback dev server URL', async () => {
    const urls = createAppUrlPolicy({ devUrl: new URL('http://127.0.0.1:5173/') });
    const win = (await make(urls)) as unknown as FakeBrowserWindow;
    expect(win.loads).toEqual([{ kind: 'url', target: 'http://127.0.0.1:5173/' }]);
  });

  test('never loads a URL the policy does not call the app', async () => {
    const rogue: AppUrlPolicy = {
      target: { kind: 'url', url: 'https://evil.example/' },
      isAppDocument: () => false,
      isAppResource: () => false,
    };
    await expect(make(rogue)).rejects.toThrow(/Refusing to load/);
    expect(FakeBrowserWindow.instances[0]?.loads).toEqual([]);
  });

  test('the registry knows its windows and forgets closed ones', async () => {
    const registry = createWindowRegistry();
    const win = (await createMainWindow({ preload: paths.preload, urls: createAppUrlPolicy(), registry, logger: memoryLogger() })) as unknown as FakeBrowserWindow;
    const stranger = new fake.BrowserWindow({});
    expect(registry.ownsWebContents(win.webContents as never)).toBe(true);
    expect(registry.ownsWebContents(stranger.webContents as never)).toBe(false);
    win.destroy();
    expect(registry.ownsWebContents(win.webContents as never)).toBe(false);
    expect(registry.list()).toEqual([]);
  });
});
