// The incoming-call window: a small card that rings above everything, full-screen apps included,
// on every workspace, from `calls.incoming` until the call is answered or hung up. It runs our
// renderer with the main window's security (same webPreferences, same registry, so the IPC sender
// check and the navigation/permission guards apply to it unchanged), and it never takes focus on
// its own: the agent may be typing in another app when the phone rings.
import { BrowserWindow, type BrowserWindowConstructorOptions, type Rectangle } from 'electron';
import type { Logger } from '../core/log/logger';
import type { AppUrlPolicy } from './appUrl';
import { secureWebPreferences, type WindowRegistry } from './window';

export const INCOMING_CALL_SIZE = { width: 420, height: 300 } as const;
/** The query the renderer reads to show the compact incoming-call view instead of the app. */
export const INCOMING_CALL_VIEW = 'incoming-call';
/** Above full-screen windows on macOS ('floating' stays below them); the highest ordinary level. */
export const ALWAYS_ON_TOP_LEVEL = 'screen-saver' as const;

export function incomingCallWindowOptions(opts: { preload: string }): BrowserWindowConstructorOptions {
  return {
    ...INCOMING_CALL_SIZE,
    show: false,
    title: 'Dockside — incoming call',
    backgroundColor: '#1e1e1e',
    frame: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    // Not a second app in the taskbar; it goes with the call.
    skipTaskbar: true,
    alwaysOnTop: true,
    webPreferences: {
      ...secureWebPreferences(opts.preload),
      // The ring is played by the renderer in this window, before anyone has clicked in it.
      autoplayPolicy: 'no-user-gesture-required',
      // A window that is not focused must still ring and update at full speed.
      backgroundThrottling: false,
    },
  };
}

/** Top-right corner of the work area (clear of the taskbar), with a margin. */
export function incomingCallBounds(workArea: Rectangle, size = INCOMING_CALL_SIZE, margin = 16): Rectangle {
  return {
    x: workArea.x + Math.max(0, workArea.width - size.width - margin),
    y: workArea.y + margin,
    width: size.width,
    height: size.height,
  };
}

/** The app's own document with the view and the call in its query (isAppDocument ignores the query). */
export function incomingCallUrl(appDocument: string, callId: string): string {
  const u = new URL(appDocument);
  u.searchParams.set('view', INCOMING_CALL_VIEW);
  u.searchParams.set('call', callId);
  return u.href;
}

export interface IncomingCallWindows {
  /** Opens the window for this call (or brings it up again); a repeated event for the same call opens nothing new. */
  show(callId: string): void;
  /** Closes the window if it shows this call (any call when omitted). */
  close(callId?: string): void;
  /** The call the window shows now, if any. */
  current(): string | null;
  dispose(): void;
}

export function createIncomingCallWindows(deps: {
  preload: string;
  urls: AppUrlPolicy;
  registry: WindowRegistry;
  workArea: () => Rectangle;
  logger: Logger;
}): IncomingCallWindows {
  let win: BrowserWindow | null = null;
  let callId: string | null = null;

  const alive = (): BrowserWindow | null => (win && !win.isDestroyed() ? win : null);

  const open = (id: string) => {
    const w = new BrowserWindow({ ...incomingCallWindowOptions({ preload: deps.preload }), ...incomingCallBounds(deps.workArea()) });
    win = w;
    deps.registry.add(w);
    // The constructor's alwaysOnTop is the 'floating' level; the level and the workspaces are set here.
    w.setAlwaysOnTop(true, ALWAYS_ON_TOP_LEVEL);
    w.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    w.once('ready-to-show', () => {
      if (!w.isDestroyed()) w.showInactive();
    });
    w.once('closed', () => {
      if (win === w) {
        win = null;
        callId = null;
      }
    });
    w.webContents.on('render-process-gone', (_e, details) => {
      deps.logger.error('incoming-call window renderer gone', { reason: details.reason });
    });
    load(w, id);
  };

  const load = (w: BrowserWindow, id: string) => {
    const url = incomingCallUrl(deps.urls.target.url, id);
    if (!deps.urls.isAppDocument(url)) throw new Error(`Refusing to load ${url}: not the app's own URL`);
    w.loadURL(url).catch((err: unknown) => deps.logger.warn('incoming-call window did not load', { err }));
  };

  return {
    show(id) {
      const w = alive();
      if (w && callId === id) {
        // The same call again (a repeated ring event): keep the card, make sure it is up.
        if (!w.isVisible()) w.showInactive();
        return;
      }
      callId = id;
      if (w) load(w, id); // a new call while another rings: one card, the newest call
      else open(id);
    },
    close(id) {
      const w = alive();
      if (!w || (id !== undefined && id !== callId)) return;
      callId = null;
      w.close();
    },
    current: () => (alive() ? callId : null),
    dispose() {
      alive()?.destroy();
      win = null;
      callId = null;
    },
  };
}
