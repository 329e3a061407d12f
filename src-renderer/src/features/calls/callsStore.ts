// The calls slice: the calls the agent is dealing with now (calls.current, then kept live by the
// calls.incoming / calls.changed events), which one the Calls screen shows, and which ringing calls
// the agent put aside. One store per app instance (app/stores.ts).
import { createStore } from 'zustand/vanilla';
import type { CallerCard, CallSummary } from '../../../../src-preload/contract';

/**
 * A caller card read the moment its call's event arrived, before React drew anything: `call` is
 * the summary it was read for (a later change of the call makes it stale), `card` is set once read.
 */
export interface CardRead {
  call: CallSummary;
  promise: Promise<CallerCard>;
  card?: CallerCard;
}

/** Where the Calls screen puts the keyboard when a global hotkey asks (calls.focus); `seq` tells asks apart. */
export interface FocusRequest {
  target: 'card' | 'note';
  seq: number;
}

export interface CallsStore {
  /** null until the first calls.current answer arrived (or for a role without calls). */
  calls: CallSummary[] | null;
  /** The call the Calls screen shows (null: the newest current one). */
  selectedId: string | null;
  /** Ringing calls whose incoming card the agent closed or opened: not shown again. */
  handled: readonly string[];
  /**
   * When the after-call work countdown was last read: `remainingMs` at `readAt` (this page's clock),
   * per call. Main keeps the timer; the page only counts down from what main last said.
   */
  acwReadAt: Readonly<Record<string, number>>;
  /**
   * When this page first saw each call ringing (its clock). UCS's call_url reports only the ring, so
   * a call may never be heard of again: its card goes after RING_SHOW_MS, as it leaves calls.current.
   */
  ringSeenAt: Readonly<Record<string, number>>;
  /** The unknown caller whose "create contact" form the Calls screen opens with focus. */
  createFor: string | null;
  /** The latest calls.focus (a global hotkey): the Calls screen focuses the card or the note box. */
  focusRequest: FocusRequest | null;
  setCalls(calls: CallSummary[], readAt: number): void;
  upsert(call: CallSummary, readAt: number): void;
  select(id: string | null): void;
  markHandled(id: string): void;
  /** Shows a call on the Calls screen (`create`: with the new-contact form open). */
  open(id: string, create?: boolean): void;
  clearCreate(): void;
  /** A hotkey asked for the card or the note of a call (or of the current call). */
  requestFocus(target: FocusRequest['target'], callId?: string): void;
  /** The Calls screen did what that ask said (a newer ask stays). */
  focusDone(seq: number): void;
  /** Keeps the card read for a call that just rang (replacing any earlier read of that call). */
  prefetch(callId: string, read: CardRead): void;
  /** The early read of a call's card, if it was made for this very version of the call. */
  prefetched(callId: string, call: CallSummary | null): CardRead | undefined;
}

/** Early reads kept: the ringing calls of a burst, not a history. */
const PREFETCH_KEEP = 10;

/** How long a ring with no news shows (main's calls.current lists one as long). */
export const RING_SHOW_MS = 10 * 60_000;

function ringTimes(calls: readonly CallSummary[], at: number, prev: Readonly<Record<string, number>>) {
  let next: Record<string, number> | null = null;
  for (const c of calls) {
    if (c.status !== 'ringing' || prev[c.id] !== undefined) continue;
    next ??= { ...prev };
    next[c.id] = at;
  }
  return next ?? prev;
}

const NEWEST_FIRST = (a: CallSummary, b: CallSummary) => b.startedAt - a.startedAt;

function acwTimes(calls: readonly CallSummary[], readAt: number, prev: Readonly<Record<string, number>> = {}) {
  const next: Record<string, number> = { ...prev };
  for (const c of calls) if (c.afterCallWork) next[c.id] = readAt;
  return next;
}

export function createCallsStore() {
  // Outside the state: a read in flight is not something to render, and keeping it here does not
  // wake any subscriber.
  const reads = new Map<string, CardRead>();
  return createStore<CallsStore>()((set) => ({
    calls: null,
    selectedId: null,
    handled: [],
    acwReadAt: {},
    ringSeenAt: {},
    createFor: null,
    focusRequest: null,
    setCalls: (calls, readAt) =>
      set((s) => ({ calls: [...calls].sort(NEWEST_FIRST), acwReadAt: acwTimes(calls, readAt), ringSeenAt: ringTimes(calls, readAt, s.ringSeenAt) })),
    upsert: (call, readAt) =>
      set((s) => {
        const list = s.calls ?? [];
        const rest = list.filter((c) => c.id !== call.id);
        return { calls: [call, ...rest].sort(NEWEST_FIRST), acwReadAt: acwTimes([call], readAt, s.acwReadAt), ringSeenAt: ringTimes([call], readAt, s.ringSeenAt) };
      }),
    select: (selectedId) => set({ selectedId }),
    markHandled: (id) => set((s) => (s.handled.includes(id) ? s : { handled: [...s.handled, id].slice(-200) })),
    open: (id, create = false) =>
      set((s) => ({ selectedId: id, createFor: create ? id : null, handled: s.handled.includes(id) ? s.handled : [...s.handled, id].slice(-200) })),
    clearCreate: () => set({ createFor: null }),
    requestFocus: (target, callId) =>
      set((s) => ({
        focusRequest: { target, seq: (s.focusRequest?.seq ?? 0) + 1 },
        ...(callId ? { selectedId: callId, handled: s.handled.includes(callId) ? s.handled : [...s.handled, callId].slice(-200) } : {}),
      })),
    focusDone: (seq) => set((s) => (s.focusRequest?.seq === seq ? { focusRequest: null } : s)),
    prefetch: (callId, read) => {
      reads.delete(callId);
      reads.set(callId, read);
      for (const key of reads.keys()) if (reads.size > PREFETCH_KEEP) reads.delete(key);
    },
    prefetched: (callId, call) => {
      const read = reads.get(callId);
      return read && read.call === call ? read : undefined;
    },
  }));
}

/** Still ringing as far as anyone can tell: rang less than RING_SHOW_MS ago (by this page's clock). */
export function ringsNow(c: CallSummary, seenAt: number | undefined, now: number): boolean {
  return c.status === 'ringing' && now - (seenAt ?? now) < RING_SHOW_MS;
}

/** A call the agent still has work on: ringing, on the line, or in running after-call work. */
export function isActive(c: CallSummary, seenAt: number | undefined, now: number): boolean {
  return ringsNow(c, seenAt, now) || c.status === 'answered' || c.afterCallWork?.status === 'running';
}

/** The ringing calls whose incoming card shows, newest first. */
export function ringing(s: Pick<CallsStore, 'calls' | 'handled' | 'ringSeenAt'>, now: number): CallSummary[] {
  return (s.calls ?? []).filter((c) => ringsNow(c, s.ringSeenAt[c.id], now) && !s.handled.includes(c.id));
}

/** Milliseconds of after-call work left now, counted down from what main last said. */
export function acwRemaining(call: CallSummary, readAt: number | undefined, now: number): number {
  const acw = call.afterCallWork;
  if (!acw || acw.status !== 'running') return 0;
  return Math.max(0, acw.remainingMs - Math.max(0, now - (readAt ?? now)));
}

/** mm:ss for a countdown. */
export function formatCountdown(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
