// The ring of an incoming call: played at once and every few seconds while an inbound call rings,
// silent as soon as it is answered, hung up or transferred (calls.changed). Where it rings: the
// desktop app's incoming-call window (`?view=incoming-call`), or the page in web mode (no such
// window there). The main window of the desktop app stays quiet so one call never rings twice.
import type { CallSummary } from '../../../src-preload/contract';

export const RING_EVERY_MS = 4_000;
/**
 * A ring nothing follows up stops after this long (a UCS team's call_url reports only the ring;
 * the desktop's card window closes after the same time).
 */
export const RING_AT_MOST_MS = 60_000;

export interface RingDeps {
  on(event: 'calls.incoming' | 'calls.changed', listener: (call: CallSummary) => void): () => void;
  /** Plays the ring once (honouring the user's sound settings). */
  play(): void;
  /** Whether the signed-in user takes calls now (an agent or supervisor). */
  takesCalls(): boolean;
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/** Whether this page is the one that rings: the incoming-call window, or any page in web mode. */
export function ringsHere(search: string, webMode: boolean): boolean {
  return webMode || new URLSearchParams(search).get('view') === 'incoming-call';
}

const stillRinging = (c: CallSummary): boolean => c.direction === 'inbound' && c.status === 'ringing' && c.transferredTo === null;

/** Starts following call events; the returned function stops (and silences) it. */
export function startRinger(deps: RingDeps): () => void {
  const now = deps.now ?? Date.now;
  const every = deps.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const stop = deps.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
  const ringing = new Map<string, number>();
  let timer: unknown = null;

  const tick = () => {
    const t = now();
    for (const [id, since] of ringing) if (t - since > RING_AT_MOST_MS) ringing.delete(id);
    if (ringing.size === 0 || !deps.takesCalls()) return quiet();
    deps.play();
  };
  const quiet = () => {
    if (timer !== null) stop(timer);
    timer = null;
  };
  const onIncoming = (c: CallSummary) => {
    if (!stillRinging(c) || ringing.has(c.id)) return;
    ringing.set(c.id, now());
    // Already ringing for another call: one ring, not two on top of each other.
    if (timer !== null || !deps.takesCalls()) return;
    deps.play();
    timer = every(tick, RING_EVERY_MS);
  };
  const onChanged = (c: CallSummary) => {
    if (stillRinging(c)) return;
    ringing.delete(c.id);
    if (ringing.size === 0) quiet();
  };
  const offs = [deps.on('calls.incoming', onIncoming), deps.on('calls.changed', onChanged)];
  return () => {
    for (const off of offs) off();
    ringing.clear();
    quiet();
  };
}
