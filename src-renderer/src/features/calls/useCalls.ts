// The calls slice's hooks: the live feed (mounted once, by the app-wide incoming-call layer), the
// caller card of one call (read again whenever that call changes), and the station's calls config.
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { CallerCard, CallsConfig, IncomingCall } from '../../../../src-preload/contract';
import { useApi, useServices, useStatus } from '../../app/context';
import { useSession } from '../station/useStation';
import type { CallsStore, CardRead } from './callsStore';

export function useCalls<T>(selector: (s: CallsStore) => T): T {
  return useStore(useServices().stores.calls, selector);
}

/** Agents take calls; supervisors may do everything an agent does. */
export function useTakesCalls(): boolean {
  return useSession((s) => {
    const role = s.station?.currentUser?.role;
    return role === 'agent' || role === 'supervisor';
  });
}

/**
 * Keeps the slice live while someone who takes calls is signed in: follows the events, and reads
 * calls.current at sign-in and whenever the link comes back (events sent while it was down are
 * lost; the after-call timer is main's, so a reload or restart reads where it stands).
 */
export function useCallsFeed(): void {
  const api = useApi();
  const { stores } = useServices();
  const takesCalls = useTakesCalls();
  const userId = useSession((s) => s.station?.currentUser?.id ?? null);
  const transportUp = useStatus((s) => s.connected);
  const events = useRef(0);

  useEffect(() => {
    if (!takesCalls) return;
    const onCall = (c: Parameters<CallsStore['upsert']>[0]) => {
      events.current += 1;
      stores.calls.getState().upsert(c, Date.now());
    };
    // A new call's card is kept right here, before React draws the incoming card, which then draws
    // it in its first render (screen-pop, issue 11 point 8).
    // Core sends the card with the event; were it missing, it is asked for at once.
    const onIncoming = ({ card, ...c }: IncomingCall) => {
      const read: CardRead = card ? { call: c, promise: Promise.resolve(card), card } : { call: c, promise: api.call('calls.card', { callId: c.id }) };
      if (!card) {
        read.promise.then(
          (got) => (read.card = got),
          () => undefined, // the card's own read tries again and says it failed
        );
      }
      stores.calls.getState().prefetch(c.id, read);
      onCall(c);
    };
    // A hotkey (the desktop adapter) asks for the card or the note: the Calls screen, focused there.
    const onFocus = (f: { target: 'card' | 'note'; callId?: string | undefined }) => {
      stores.calls.getState().requestFocus(f.target, f.callId);
      stores.ui.getState().navigate('calls');
    };
    const offs = [api.on('calls.incoming', onIncoming), api.on('calls.changed', onCall), api.on('calls.focus', onFocus)];
    return () => {
      for (const off of offs) off();
    };
  }, [api, stores, takesCalls]);

  useEffect(() => {
    if (!takesCalls || !transportUp || !userId) return;
    let live = true;
    const seen = events.current;
    api.call('calls.current', {}).then(
      (r) => {
        // An event that arrived meanwhile is newer than this answer: keep it, add the rest.
        if (!live) return;
        const now = Date.now();
        if (events.current === seen) stores.calls.getState().setCalls(r.calls, now);
        else for (const c of r.calls) if (!stores.calls.getState().calls?.some((x) => x.id === c.id)) stores.calls.getState().upsert(c, now);
      },
      () => undefined, // the next event or reconnect brings it
    );
    return () => {
      live = false;
    };
  }, [api, stores, takesCalls, transportUp, userId]);
}

/**
 * The caller card of a call, read from the local store and read again whenever the call changes
 * (identified, a disposition, after-call work …) or `reload()` is asked for (a note saved). The
 * read the feed made when the call rang is used while the call is as it was then. `defer`: the
 * card is drawn as a transition, after anything urgent (the incoming card painted first).
 */
export function useCallerCard(callId: string | null, opts: { defer?: boolean } = {}): { card: CallerCard | null; failed: boolean; reload: () => void } {
  const api = useApi();
  const { stores } = useServices();
  const defer = opts.defer ?? false;
  const call = useCalls((s) => (callId ? (s.calls?.find((c) => c.id === callId) ?? null) : null));
  // Work sent or queued changes the card ("not sent yet" on a task): read it again when the outbox moves.
  const outbox = useStatus((s) => (s.status ? s.status.outbox.pending + s.status.outbox.dead : 0));
  // Already read when the call rang: drawn in the first render (unless deferred: then a transition).
  const [card, setCard] = useState<CallerCard | null>(() => (callId && !defer ? (stores.calls.getState().prefetched(callId, call)?.card ?? null) : null));
  const [failed, setFailed] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const firstRead = useRef(true);

  useEffect(() => {
    if (!callId) return;
    let live = true;
    const early = firstRead.current && tick === 0 ? stores.calls.getState().prefetched(callId, call) : undefined;
    firstRead.current = false;
    const show = (c: CallerCard) => {
      setCard(c);
      setFailed(false);
    };
    (early?.promise ?? api.call('calls.card', { callId })).then(
      (c) => {
        if (!live) return;
        if (defer) startTransition(() => show(c));
        else show(c);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
    // `call` and `outbox` are in the list on purpose: every change of either reads the card again.
  }, [api, stores, callId, call, outbox, tick, defer]);

  return { card: card && card.call.id === callId ? card : null, failed, reload };
}

export function useCallsConfig(): CallsConfig | null {
  const api = useApi();
  const [config, setConfig] = useState<CallsConfig | null>(null);
  useEffect(() => {
    let live = true;
    api.call('calls.config', {}).then(
      (c) => live && setConfig(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return config;
}
