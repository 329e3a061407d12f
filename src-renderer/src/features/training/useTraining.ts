// Is this a demo station, and may the first-run choice be offered? Asked once per mount and kept
// current by training.changed (the first-run choice turns a station into a demo while it runs).
import { useEffect, useState } from 'react';
import type { TrainingState } from '../../../../src-preload/contract';
import { useApi, useServices } from '../../app/context';

export function useTrainingState(): TrainingState | null {
  const api = useApi();
  const { info } = useServices();
  const [state, setState] = useState<TrainingState | null>(null);
  useEffect(() => {
    let live = true;
    api.call('training.state', {}).then(
      (s) => live && setState(s),
      () => undefined, // system.info's demo flag stands in until it answers
    );
    const off = api.on('training.changed', (s) => setState(s));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return state ?? (info ? { demo: info.demo, canStartDemo: false } : null);
}

/** The reason codes training.* answers with in `details`; the panel translates them. */
export const TRAINING_ERROR_REASONS = ['not_demo', 'no_demo_host', 'simulator_unreachable', 'simulator_refused', 'station_exists', 'already_demo'] as const;

export function reasonOf(e: unknown): (typeof TRAINING_ERROR_REASONS)[number] | null {
  const reason = (e as { details?: { reason?: unknown } } | null)?.details?.reason;
  return (TRAINING_ERROR_REASONS as readonly unknown[]).includes(reason) ? (reason as (typeof TRAINING_ERROR_REASONS)[number]) : null;
}
