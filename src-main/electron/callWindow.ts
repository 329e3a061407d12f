// The incoming-call window: a small card that rings above everything, full-screen apps included,
// on every workspace, from `calls.incoming` until the call is answered or hung up. It runs our
// renderer with the main window's security (same webPreferences, same registry, so the IPC sender
// check and the navigation/permission guards apply to it unchanged), and it never takes focus on
// its own: the agent may be typing in another app when the phone rings.
import { BrowserWindow, type BrowserWindowConstructorOptions, type Rectangle } from 'electron';
import type { Logger } from '../core/log/logger';
import type { AppUrlPolicy } from './appUrl';
import { secureWebPreferences, type WindowRegistry } from './window';

export const INCOMING_CALL_SIZE = { width: 420, height: 360 } as const;
/** The query the renderer reads to show the compact incoming-call card instead of the app: `view=incoming-call&call=<id>`. */
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
  /** Shows the card of this call, never taking focus; a repeated event for the same call opens nothing new. */
  show(callId: string): void;
  /** Closes the window if it shows this call (anything when omitted). */
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
  /**
   * The agent clicked into the card: the app is wanted. The card then steps aside (hidden, still
   * ringing until the call is answered or ends) for the main window, whose own incoming-call card
   * does the rest.
   */
  onActivate?: (callId: string) => void;
  logger: Logger;
}): IncomingCallWindows {
  let win: BrowserWindow | null = null;
  let shown: string | null = null;

  const alive = (): BrowserWindow | null => (win && !win.isDestroyed() ? win : null);

  const load = (w: BrowserWindow, callId: string) => {
    const url = incomingCallUrl(deps.urls.target.url, callId);
    if (!deps.urls.isAppDocument(url)) throw new Error(`Refusing to load ${url}: not the app's own URL`);
    w.loadURL(url).catch((err: unknown) => deps.logger.warn('incoming-call window did not load', { err }));
  };

  const reveal = (w: BrowserWindow) => {
    if (!w.isVisible()) w.showInactive();
  };

  const open = (callId: string) => {
    const w = new BrowserWindow({ ...incomingCallWindowOptions({ preload: deps.preload }), ...incomingCallBounds(deps.workArea()) });
    win = w;
    deps.registry.add(w);
    // The constructor's alwaysOnTop is the 'floating' level; the level and the workspaces are set here.
    w.setAlwaysOnTop(true, ALWAYS_ON_TOP_LEVEL);
    w.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    w.once('ready-to-show', () => {
      if (!w.isDestroyed()) reveal(w);
    });
    w.on('focus', () => {
      if (!deps.onActivate || !shown) return;
      const id = shown;
      w.hide();
      deps.onActivate(id);
    });
    w.once('closed', () => {
      if (win === w) {
        win = null;
        shown = null;
      }
    });
    w.webContents.on('render-process-gone', (_e, details) => {
      deps.logger.error('incoming-call window renderer gone', { reason: details.reason });
    });
    load(w, callId);
  };

  return {
    show(callId) {
      const w = alive();
      // The same call again (a repeated ring event): the card stays as it is.
      if (w && shown === callId) return;
      shown = callId;
      if (!w) return open(callId);
      load(w, callId); // a new call while another rings: one card, the newest call
      reveal(w);
    },
    close(callId) {
      const w = alive();
      if (!w || (callId !== undefined && shown !== callId)) return;
      shown = null;
      w.close();
    },
    current: () => (alive() ? shown : null),
    dispose() {
      alive()?.destroy();
      win = null;
      shown = null;
    },
  };
}
