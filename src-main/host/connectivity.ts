import os from 'node:os';
import type { Connectivity } from '../core/platform/ports';

/** "On a network at all": any non-internal interface with an address. Polled, change-only. */
export function interfaceConnectivity(pollMs = 5000, probe: () => boolean = hasExternalInterface): Connectivity {
  let online = probe();
  const listeners = new Set<(online: boolean) => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  const tick = () => {
    const next = probe();
    if (next === online) return;
    online = next;
    for (const l of listeners) l(online);
  };
  return {
    isOnline: () => online,
    onChange(listener) {
      listeners.add(listener);
      if (!timer) {
        timer = setInterval(tick, pollMs);
        timer.unref();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
  };
}

function hasExternalInterface(): boolean {
  return Object.values(os.networkInterfaces()).some((list) => (list ?? []).some((i) => !i.internal));
}
