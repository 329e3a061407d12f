// The main window. Its options are a pure function so tests can pin the security-relevant
// webPreferences; creation only ever loads the app's own app:// document (or the loopback dev server).
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import type { Logger } from '../core/log/logger';
import type { AppUrlPolicy } from './appUrl';

/**
 * What every window that runs our renderer gets (the main window, the incoming-call window):
 * isolated, sandboxed, no Node anywhere, no webviews, our preload only.
 */
export function secureWebPreferences(preload: string) {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    preload,
  } as const satisfies NonNullable<BrowserWindowConstructorOptions['webPreferences']>;
}

export function mainWindowOptions(opts: { preload: string }): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1280,
    minHeight: 720,
    // Shown on ready-to-show so the bench never sees a white flash or a half-drawn screen.
    show: false,
    title: 'Dockside',
    backgroundColor: '#1e1e1e',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(opts.preload),
  };
}

/** The windows that run our renderer: only these may call the RPC channel and receive events. */
export interface WindowRegistry {
  add(win: BrowserWindow): void;
  list(): BrowserWindow[];
  ownsWebContents(wc: WebContents): boolean;
}

export function createWindowRegistry(): WindowRegistry {
  const windows = new Set<BrowserWindow>();
  return {
    add(win) {
      windows.add(win);
      win.once('closed', () => windows.delete(win));
    },
    list: () => [...windows].filter((w) => !w.isDestroyed()),
    ownsWebContents: (wc) => [...windows].some((w) => !w.isDestroyed() && w.webContents === wc),
  };
}

export async function createMainWindow(deps: {
  preload: string;
  urls: AppUrlPolicy;
  registry: WindowRegistry;
  logger: Logger;
}): Promise<BrowserWindow> {
  const win = new BrowserWindow(mainWindowOptions({ preload: deps.preload }));
  deps.registry.add(win);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_e, details) => {
    deps.logger.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
  });
  const { url } = deps.urls.target;
  if (!deps.urls.isAppDocument(url)) throw new Error(`Refusing to load ${url}: not the app's own URL`);
  await win.loadURL(url);
  return win;
}
