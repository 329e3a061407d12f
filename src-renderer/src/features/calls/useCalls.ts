// The calls slice's hooks: the live feed (mounted once, by the app-wide incoming-call layer), the
// caller card of one call (read again whenever that call changes), and the station's calls config.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { CallerCard, CallsConfig } from '../../../../src-preload/contract';
import { useApi, useServices, useStatus } from '../../app/context';
import { useSession } from '../station/useStation';
import type { CallsStore } from './callsStore';

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
    const offs = [api.on('calls.incoming', onCall), api.on('calls.changed', onCall)];
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
 * (identified, a disposition, after-call work …) or `reload()` is asked for (a note saved).
 */
export function useCallerCard(callId: string | null): { card: CallerCard | null; failed: boolean; reload: () => void } {
  const api = useApi();
  const call = useCalls((s) => (callId ? (s.calls?.find((c) => c.id === callId) ?? null) : null));
  // Work sent or queued changes the card ("not sent yet" on a task): read it again when the outbox moves.
  const outbox = useStatus((s) => (s.status ? s.status.outbox.pending + s.status.outbox.dead : 0));
  const [card, setCard] = useState<CallerCard | null>(null);
  const [failed, setFailed] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (!callId) return;
    let live = true;
    api.call('calls.card', { callId }).then(
      (c) => {
        if (!live) return;
        setCard(c);
        setFailed(false);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
    // `call` and `outbox` are in the list on purpose: every change of either reads the card again.
  }, [api, callId, call, outbox, tick]);

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
