// The `dockside://` protocol link (`dockside://call?number=…&uniqueid=…`), the desktop app's way
// in for a click-to-pop from a CRM page or a softphone. The OS starts the app with the link on its
// command line (Windows, Linux), hands it to the running instance through `second-instance`
// (the single-instance lock makes that instance the only one), or sends `open-url` (macOS, also
// before `ready`). All three end in one inbox that holds links until core can take them.
// Only the raw string is handled here; core's calls service parses and validates it.
import path from 'node:path';
import type { App } from 'electron';
import { parseCallLink, type CallEvent } from '../core/calls/domain';
import type { Logger } from '../core/log/logger';

export const CALL_LINK_SCHEME = 'dockside';
/** Longer is not a link we made: a caller ID and a uniqueid fit many times over. */
export const MAX_LINK_LENGTH = 2048;

/**
 * Makes this app the OS handler of dockside:// links. Unpackaged (`npm start`), the OS must start
 * Electron with our entry script, so the script goes along as an argument.
 */
export function registerCallLinkClient(
  app: Pick<App, 'setAsDefaultProtocolClient'>,
  opts: { isPackaged: boolean; execPath: string; argv: readonly string[] },
): boolean {
  if (opts.isPackaged) return app.setAsDefaultProtocolClient(CALL_LINK_SCHEME);
  const entry = opts.argv[1];
  if (!entry) return false;
  return app.setAsDefaultProtocolClient(CALL_LINK_SCHEME, opts.execPath, [path.resolve(entry)]);
}

/** True for a string that is one of our links (scheme case-insensitive, as URLs are). */
export function isCallLink(arg: string): boolean {
  return arg.length <= MAX_LINK_LENGTH && arg.slice(0, CALL_LINK_SCHEME.length + 3).toLowerCase() === `${CALL_LINK_SCHEME}://`;
}

/**
 * The link on a command line, or null. Chromium may add switches after it (second-instance argv),
 * and Windows quotes nothing for us, so every argument is looked at, the last link winning.
 */
export function findCallLink(argv: readonly string[]): string | null {
  let found: string | null = null;
  for (const a of argv) if (isCallLink(a)) found = a;
  return found;
}

export interface CallLinkInbox {
  /** From now on links go to `handler`; links that arrived earlier are handed over at once, in order. */
  attach(handler: (link: string) => void): void;
  dispose(): void;
}

/**
 * Listens for links from the first moment (call before `whenReady`: macOS sends `open-url` for the
 * link that launched the app before ready). The first instance's own argv counts as well.
 */
export function installCallLinkInbox(app: Pick<App, 'on' | 'removeListener'>, deps: { argv: readonly string[]; logger: Logger }): CallLinkInbox {
  const queued: string[] = [];
  let handler: ((link: string) => void) | null = null;
  const hand = (h: (link: string) => void, link: string) => {
    try {
      h(link);
    } catch (err) {
      deps.logger.warn('call link refused', { err });
    }
  };
  const deliver = (link: string, from: string) => {
    deps.logger.info('call link received', { from });
    if (handler) hand(handler, link);
    // A burst of links before core is up is not a reason to grow without bound.
    else if (queued.length < 20) queued.push(link);
  };
  const onOpenUrl = (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    if (isCallLink(url)) deliver(url, 'open-url');
  };
  const onSecondInstance = (_event: unknown, argv: string[]) => {
    const link = findCallLink(argv);
    if (link) deliver(link, 'second-instance');
  };
  app.on('open-url', onOpenUrl);
  app.on('second-instance', onSecondInstance);
  const first = findCallLink(deps.argv);
  if (first) deliver(first, 'argv');
  return {
    attach(h) {
      handler = h;
      for (const link of queued.splice(0)) hand(h, link);
    },
    dispose() {
      handler = null;
      queued.length = 0;
      app.removeListener('open-url', onOpenUrl);
      app.removeListener('second-instance', onSecondInstance);
    },
  };
}

/**
 * Hands a link to core's calls service (core parses and validates it: a ring pops the card, an
 * answer or hang-up updates the call, a repeated uniqueid never makes a second call). False when
 * it is not a call link core accepts.
 */
export function ingestCallLink(link: string, deps: { ingest(event: CallEvent): unknown; logger: Logger }): boolean {
  const parsed = parseCallLink(link);
  if (!parsed.ok) {
    deps.logger.warn('call link refused', { problem: parsed.problem });
    return false;
  }
  deps.ingest(parsed.event);
  return true;
}

