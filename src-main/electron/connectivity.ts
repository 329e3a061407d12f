// "Is this machine on a network at all?" from Chromium's own view (net.isOnline), polled because
// Electron has no change event in main, and re-checked at once when the machine wakes up: a
// laptop closed at the bench comes back with a different network.
import type { Connectivity } from '../core/platform/ports';

export interface ConnectivitySources {
  net: { isOnline(): boolean };
  powerMonitor: {
    on(event: 'resume', listener: () => void): unknown;
    removeListener(event: 'resume', listener: () => void): unknown;
  };
}

export function createElectronConnectivity(
  src: ConnectivitySources,
  opts: { pollMs?: number } = {},
): Connectivity & { dispose(): void } {
  let online = src.net.isOnline();
  const listeners = new Set<(online: boolean) => void>();
  const check = () => {
    const next = src.net.isOnline();
    if (next === online) return;
    online = next;
    for (const l of [...listeners]) l(online);
  };
  const timer = setInterval(check, opts.pollMs ?? 3000);
  // The poll alone must never keep the process alive at quit.
  timer.unref?.();
  src.powerMonitor.on('resume', check);
  return {
    isOnline: () => online,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      clearInterval(timer);
      src.powerMonitor.removeListener('resume', check);
      listeners.clear();
    },
  };
}
