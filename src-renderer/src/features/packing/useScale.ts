// The station's scale as the pack screen sees it: its setting (kept current by scale.changed), a
// live reading polled while mounted (one request at a time, never piling up), and `take`, which
// asks for a stable weight (MT-SICS S: the scale waits for the pan to settle).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScaleReading, ScaleStatus } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';

export const DEFAULT_POLL_MS = 500;

export interface ScaleHook {
  /** null until the first answer. */
  status: ScaleStatus | null;
  /** The latest live reading (SI); null before the first or without a scale. */
  live: ScaleReading | null;
  /** A stable reading (S); undefined when the call itself failed (not signed in, link down). */
  take(): Promise<ScaleReading | undefined>;
  taking: boolean;
}

export function useScale(opts: { pollMs?: number; enabled?: boolean } = {}): ScaleHook {
  const api = useApi();
  const pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
  const enabled = opts.enabled ?? true;
  const [status, setStatus] = useState<ScaleStatus | null>(null);
  const [live, setLive] = useState<ScaleReading | null>(null);
  const [taking, setTaking] = useState(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    api.call('scale.status', {}).then(
      (s) => mounted.current && setStatus(s),
      () => undefined,
    );
    const off = api.on('scale.changed', (s) => {
      setStatus(s);
      setLive(null);
    });
    return () => {
      mounted.current = false;
      off();
    };
  }, [api]);

  const configured = status !== null && status.config.kind !== 'none';
  useEffect(() => {
    if (!configured || !enabled) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const r = await api.call('scale.read', { mode: 'immediate' });
        if (!stop) setLive(r);
      } catch {
        // Not signed in or the link is down: the next poll tries again.
      }
      if (!stop) timer = setTimeout(() => void poll(), pollMs);
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [api, configured, enabled, pollMs]);

  const take = useCallback(async () => {
    setTaking(true);
    try {
      const r = await api.call('scale.read', { mode: 'stable' });
      if (mounted.current) setLive(r);
      return r;
    } catch {
      return undefined;
    } finally {
      if (mounted.current) setTaking(false);
    }
  }, [api]);

  return { status, live, take, taking };
}

/** "750 g" under a kilogram, "1.204 kg" (cs: "1,204 kg") from there on. */
export function formatGrams(grams: number, lng: string): string {
  if (Math.abs(grams) < 1000) return `${new Intl.NumberFormat(lng).format(grams)} g`;
  return `${new Intl.NumberFormat(lng, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(grams / 1000)} kg`;
}
