// Global hotkeys for the agent, working while another app has focus: open the caller's card,
// write the hang-up note, and look up the number selected anywhere on screen. Held only while
// the app runs: released on quit (the OS would otherwise keep them until the process is gone).
import type { App, Clipboard, GlobalShortcut } from 'electron';
import type { Logger } from '../core/log/logger';

export type CallHotkeyAction = 'openCard' | 'hangupNote' | 'lookupSelection';

/** Ctrl+Alt (Cmd+Alt on macOS) plus a letter: free in the common desktop apps and softphones. */
export const DEFAULT_CALL_HOTKEYS: Readonly<Record<CallHotkeyAction, string>> = {
  openCard: 'CommandOrControl+Alt+C',
  hangupNote: 'CommandOrControl+Alt+N',
  lookupSelection: 'CommandOrControl+Alt+L',
};

/**
 * The text the user has selected. On Linux the X11/Wayland primary selection holds whatever is
 * highlighted, so no copy is needed; elsewhere there is no such buffer, and the number is whatever
 * the user last copied (select, Ctrl+C, then the hotkey).
 */
export type ClipboardReader = Pick<Clipboard, 'readText'> & { readonly selection?: Pick<Clipboard, 'readText'> };

export async function readSelectedText(clipboard: ClipboardReader, platform: NodeJS.Platform): Promise<string> {
  if (platform === 'linux' && clipboard.selection) {
    const selection = (await clipboard.selection.readText()).trim();
    if (selection) return selection;
  }
  return (await clipboard.readText()).trim();
}

/**
 * The first phone number in a piece of selected text ("Call +420 777 123 456 today" →
 * "+420 777 123 456"): a leading + or digit, then digits with the usual separators, 6 to 15 digits.
 * Null when there is none (a selected word must not start a lookup of nothing).
 */
export function phoneInText(text: string): string | null {
  const candidates = text.slice(0, 500).match(/(?:\+|\()?\d[\d\s()./-]{4,24}\d/g) ?? [];
  for (const c of candidates) {
    const digits = c.replace(/\D/g, '').length;
    if (digits >= 6 && digits <= 15) return c.trim().replace(/\s+/g, ' ');
  }
  return null;
}

export interface CallHotkeyHandlers {
  openCard(): void;
  hangupNote(): void;
  /** A number found in the selection. */
  lookup(number: string): void;
  /** The selection held no number: say so rather than do nothing. */
  noNumberSelected(): void;
}

export interface CallHotkeys {
  /** Accelerators this app holds now. */
  readonly registered: readonly string[];
  /** Actions whose keys another app holds (the user can still use the app's own buttons). */
  readonly refused: readonly CallHotkeyAction[];
  dispose(): void;
}

export function registerCallHotkeys(deps: {
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>;
  app: Pick<App, 'on' | 'removeListener'>;
  clipboard: ClipboardReader;
  platform: NodeJS.Platform;
  handlers: CallHotkeyHandlers;
  keys?: Partial<Record<CallHotkeyAction, string>>;
  logger: Logger;
}): CallHotkeys {
  const keys = { ...DEFAULT_CALL_HOTKEYS, ...deps.keys };
  const run: Record<CallHotkeyAction, () => void | Promise<void>> = {
    openCard: () => deps.handlers.openCard(),
    hangupNote: () => deps.handlers.hangupNote(),
    lookupSelection: async () => {
      const number = phoneInText(await readSelectedText(deps.clipboard, deps.platform));
      if (number) deps.handlers.lookup(number);
      else deps.handlers.noNumberSelected();
    },
  };
  const registered: string[] = [];
  const refused: CallHotkeyAction[] = [];
  for (const action of Object.keys(run) as CallHotkeyAction[]) {
    const accelerator = keys[action];
    const ok = deps.globalShortcut.register(accelerator, () => {
      Promise.resolve()
        .then(run[action])
        .catch((err: unknown) => deps.logger.warn('hotkey action failed', { action, err }));
    });
    if (ok) registered.push(accelerator);
    else {
      refused.push(action);
      deps.logger.warn('hotkey taken by another application', { action, accelerator });
    }
  }
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    // Only ours: unregisterAll would also drop keys other parts of the app may hold.
    for (const a of registered) deps.globalShortcut.unregister(a);
    deps.app.removeListener('will-quit', dispose);
  };
  deps.app.on('will-quit', dispose);
  return { registered, refused, dispose };
}
