// A system notification for a ringing call, shown only when no Dockside window has focus (the
// agent is in another app): in front of the agent, the card itself is the notice. Silent, since
// the incoming-call window rings; a click brings the app forward. It also says who holds a
// number looked up with the global key.
// Main has no i18n of its own, so its few strings live here in both languages.
import type { Notification as ElectronNotification, NotificationConstructorOptions } from 'electron';
import type { Identification, LANGUAGES } from '../../src-preload/contract';
import type { Logger } from '../core/log/logger';

/** What the notification says about a call; the wiring maps core's event payload onto it. */
export interface IncomingCallInfo {
  callId: string;
  /** As the PBX sent it (shown when nobody is known by it). */
  number: string;
  /** The identified person or company, when exactly one is. */
  name: string | null;
  company: string | null;
}

type Language = (typeof LANGUAGES)[number];

const TEXT: Record<Language, { incoming: string; unknown: string; unknownNumber: string; shared: (n: number) => string; noNumber: string; noNumberBody: string }> = {
  en: {
    incoming: 'Incoming call',
    unknown: 'Unknown caller',
    unknownNumber: 'Nobody on this station has this number',
    shared: (n) => `${n} contacts share this number`,
    noNumber: 'No phone number selected',
    noNumberBody: 'Select a number (or copy it), then press the look-up keys again.',
  },
  cs: {
    incoming: 'Příchozí hovor',
    unknown: 'Neznámý volající',
    unknownNumber: 'Toto číslo na stanici nikdo nemá',
    shared: (n) => `Toto číslo sdílí ${n} ${n >= 2 && n <= 4 ? 'kontakty' : 'kontaktů'}`,
    noNumber: 'Není vybráno telefonní číslo',
    noNumberBody: 'Označte číslo (nebo ho zkopírujte) a stiskněte klávesy pro vyhledání znovu.',
  },
};

export function notificationContent(call: IncomingCallInfo, language: Language): { title: string; body: string } {
  const t = TEXT[language] ?? TEXT.en;
  const who = call.name ?? t.unknown;
  const parts = [call.company && call.company !== call.name ? call.company : null, call.number].filter((p): p is string => Boolean(p));
  return { title: `${t.incoming}: ${who}`, body: parts.join(' · ') };
}

/** What a look-up of a selected number says: who holds it, several, or nobody. */
export function lookupContent(number: string, who: Identification, language: Language): { title: string; body: string } {
  const t = TEXT[language] ?? TEXT.en;
  const [first] = who.matches;
  if (who.kind === 'known' && first) {
    return { title: first.name, body: [first.companyName && first.companyName !== first.name ? first.companyName : null, number].filter(Boolean).join(' · ') };
  }
  if (who.kind === 'choose') return { title: t.shared(who.matches.length), body: who.matches.slice(0, 3).map((m) => m.name).join(', ') };
  return { title: t.unknownNumber, body: number };
}

type NotificationClass = {
  new (options: NotificationConstructorOptions): ElectronNotification;
  isSupported(): boolean;
};

export interface CallNotifier {
  /** Shows the notification if the app is in the background; returns whether it did. */
  incoming(call: IncomingCallInfo): boolean;
  /** The call was answered or ended: its notification goes. */
  ended(callId: string): void;
  /** The look-up hotkey found no number in the selection (shown whatever has focus). */
  noNumberSelected(): void;
  /** Who holds a looked-up number; a click brings the app forward. */
  lookupResult(number: string, who: Identification): void;
  dispose(): void;
}

export function createCallNotifier(deps: {
  Notification: NotificationClass;
  /** True when one of our windows has focus. */
  appFocused: () => boolean;
  language: () => Language;
  /** The user clicked the notification: bring the app forward on this call. */
  onClick: (callId: string) => void;
  /** The user clicked a look-up result: bring the app forward. */
  onAppRequested?: () => void;
  logger: Logger;
}): CallNotifier {
  // A notice that goes away by itself (not held: nothing follows from it but an optional click).
  const say = (content: { title: string; body: string }, onClick?: () => void) => {
    if (!deps.Notification.isSupported()) return;
    try {
      const n = new deps.Notification({ ...content, silent: true });
      if (onClick) n.on('click', onClick);
      n.show();
    } catch (err) {
      deps.logger.warn('notification failed', { err });
    }
  };
  // Held so they are not garbage-collected (Electron drops the click handler of a collected one).
  const shown = new Map<string, ElectronNotification>();
  const drop = (callId: string) => {
    const n = shown.get(callId);
    shown.delete(callId);
    n?.close();
  };
  return {
    incoming(call) {
      if (deps.appFocused() || shown.has(call.callId)) return false;
      if (!deps.Notification.isSupported()) return false;
      const n = new deps.Notification({
        ...notificationContent(call, deps.language()),
        silent: true,
        urgency: 'critical',
        timeoutType: 'never',
      });
      n.on('click', () => {
        drop(call.callId);
        deps.onClick(call.callId);
      });
      n.on('close', () => shown.delete(call.callId));
      shown.set(call.callId, n);
      try {
        n.show();
      } catch (err) {
        deps.logger.warn('call notification failed', { err });
        shown.delete(call.callId);
        return false;
      }
      return true;
    },
    ended: drop,
    noNumberSelected() {
      const t = TEXT[deps.language()] ?? TEXT.en;
      say({ title: t.noNumber, body: t.noNumberBody });
    },
    lookupResult(number, who) {
      say(lookupContent(number, who, deps.language()), deps.onAppRequested);
    },
    dispose() {
      for (const id of [...shown.keys()]) drop(id);
    },
  };
}
