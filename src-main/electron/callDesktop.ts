// The desktop side of a call, wired to core's call events: `calls.incoming` opens the
// incoming-call window (and a notification when the app is in the background); `calls.changed`
// closes both once the call is answered, hung up or transferred away. The global hotkeys bring
// the main window forward and ask core (calls.focus) for its Calls screen with the card or the
// note box focused, or say who holds a selected number.
import type { BrowserWindow } from 'electron';
import { callSummarySchema, type CallFocus, type CallSummary, type Identification } from '../../src-preload/contract/calls';
import type { Logger } from '../core/log/logger';
import type { EventListener } from '../core/rpc/events';
import type { CallHotkeyHandlers } from './callHotkeys';
import type { CallNotifier } from './callNotification';
import type { IncomingCallWindows } from './callWindow';

/** Still ringing here: not answered, not over, not handed to someone else. */
export function isRinging(call: Pick<CallSummary, 'status' | 'transferredTo'>): boolean {
  return call.status === 'ringing' && call.transferredTo === null;
}

/**
 * How long the card window and notification stay for a ring nothing follows up: a UCS team's
 * call_url reports only the ring, and a phone that rings this long has rolled over to someone else.
 * The call itself stays on the Calls screen.
 */
export const RING_SHOWN_MS = 60_000;

/** Brings a window to the front, out of the taskbar if it was minimised. */
export function bringForward(win: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

export interface CallDesktop {
  /** What the global hotkeys do. */
  readonly hotkeys: CallHotkeyHandlers;
  /** The agent wants a call (a click on its notification or into the card window): the app comes forward. */
  openCall(callId: string): void;
  dispose(): void;
}

export function attachCallDesktop(deps: {
  events: { subscribe(listener: EventListener): () => void };
  windows: IncomingCallWindows;
  notifier: CallNotifier;
  /** The app's main window (the Calls screen: the current call's card and its note), if open. */
  mainWindow: () => BrowserWindow | null;
  /** Who holds a number, from the local phone index (core's calls service). */
  lookup: (number: string) => Identification;
  /** Asks the renderer for the card or the note (core's calls service → calls.focus). */
  focus?: (target: CallFocus['target'], callId?: string) => void;
  logger: Logger;
  ringShownMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}): CallDesktop {
  const { windows, notifier } = deps;
  const later = deps.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const cancel = deps.clearTimeout ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const expiries = new Map<string, unknown>();

  const done = (callId: string) => {
    const t = expiries.get(callId);
    if (t !== undefined) cancel(t);
    expiries.delete(callId);
    windows.close(callId);
    notifier.ended(callId);
  };

  const onCall = (call: CallSummary, isNew: boolean) => {
    if (call.direction !== 'inbound') return;
    if (isNew && isRinging(call)) {
      windows.show(call.id);
      notifier.incoming({ callId: call.id, number: call.number, name: call.callerName, company: call.companyName });
      expiries.set(call.id, later(() => done(call.id), deps.ringShownMs ?? RING_SHOWN_MS));
      return;
    }
    if (isRinging(call)) return; // identified, noted …: the card updates itself
    done(call.id);
  };

  const unsubscribe = deps.events.subscribe((name, payload) => {
    if (name !== 'calls.incoming' && name !== 'calls.changed') return;
    // The bus validated it already; parsed again here only to get its type without a cast.
    const call = callSummarySchema.safeParse(payload);
    if (!call.success) return deps.logger.warn('call event not understood', { name });
    onCall(call.data, name === 'calls.incoming');
  });

  const focusMain = () => {
    const w = deps.mainWindow();
    if (w && !w.isDestroyed()) bringForward(w);
  };
  // Forward, then the renderer goes to the Calls screen and puts the keyboard on the card or note.
  const show = (target: CallFocus['target'], callId?: string) => {
    focusMain();
    deps.focus?.(target, callId);
  };
  // The main window's Calls screen shows this call's caller card.
  const openCall = (callId: string) => show('card', callId);

  return {
    hotkeys: {
      // The current call's (the one the Calls screen shows).
      openCard: () => show('card'),
      hangupNote: () => show('note'),
      lookup: (number) => notifier.lookupResult(number, deps.lookup(number)),
      noNumberSelected: () => notifier.noNumberSelected(),
    },
    openCall,
    dispose() {
      unsubscribe();
      for (const t of expiries.values()) cancel(t);
      expiries.clear();
      windows.dispose();
      notifier.dispose();
    },
  };
}
