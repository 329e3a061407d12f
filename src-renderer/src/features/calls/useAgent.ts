// The agent's status and queue view, kept live: read once, then follow core's events
// (agent.changed, agent.queues), and read again when the link to the service comes back (events
// sent while it was down are lost). The queue view also tells main it is open, renewing the
// watch every few seconds, so main polls UCS only while someone looks.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState, QueueView } from '../../../../src-preload/contract';
import { errorDetails } from '../../api/client';
import { newIdempotencyKey } from '../../api/client';
import { useApi, useStatus } from '../../app/context';
import { errorText } from '../../app/errors';

/** How often an open view renews its watch (main forgets one after 20 s without). */
export const WATCH_RENEW_MS = 8_000;

export function useAgentState(): { state: AgentState | null; error: string | null; set: (s: AgentState) => void } {
  const api = useApi();
  const { t } = useTranslation();
  const transportUp = useStatus((s) => s.connected);
  const [state, setState] = useState<AgentState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const events = useRef(0);

  useEffect(
    () =>
      api.on('agent.changed', (s) => {
        events.current += 1;
        setState(s);
      }),
    [api],
  );

  useEffect(() => {
    if (!transportUp) return;
    let live = true;
    const seen = events.current;
    api.call('agent.state', {}).then(
      (s) => {
        if (live && events.current === seen) setState(s);
        setError(null);
      },
      (e: unknown) => live && setError(errorText(t, e)),
    );
    return () => {
      live = false;
    };
  }, [api, t, transportUp]);

  return { state, error, set: setState };
}

export function useQueueView(linkedTo: number | null): { view: QueueView | null; set: (v: QueueView) => void } {
  const api = useApi();
  const transportUp = useStatus((s) => s.connected);
  const [view, setView] = useState<QueueView | null>(null);
  const watcher = useRef(newIdempotencyKey().slice(0, 32));

  useEffect(() => api.on('agent.queues', setView), [api]);

  useEffect(() => {
    if (!transportUp) return;
    let live = true;
    const id = watcher.current;
    const renew = () =>
      api.call('agent.watchQueues', { watcher: id, watching: true }).then(
        (v) => live && setView(v),
        () => undefined, // the next renewal tries again; the last view stays on screen
      );
    void renew();
    const timer = setInterval(() => void renew(), WATCH_RENEW_MS);
    return () => {
      live = false;
      clearInterval(timer);
      void api.call('agent.watchQueues', { watcher: id, watching: false }).catch(() => undefined);
    };
    // A new link means other queues: watch again at once.
  }, [api, transportUp, linkedTo]);

  return { view, set: setView };
}

/** The translated reason a queue pause failed with (offline, UCS unreachable, not one of yours…). */
export function usePauseErrorText(): (e: unknown) => string | null {
  const { t } = useTranslation();
  return useCallback(
    (e: unknown) => {
      const unavailable = errorDetails(e, 'agent.pauseQueue', 'UNAVAILABLE');
      if (unavailable) return t(`agent.errors.${unavailable.reason}`);
      const conflict = errorDetails(e, 'agent.pauseQueue', 'CONFLICT');
      if (conflict) return t(`agent.errors.${conflict.reason}`);
      return null;
    },
    [t],
  );
}
