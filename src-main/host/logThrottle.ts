// A log line that a stranger can trigger at will (a refused connection, a malformed frame) is
// written at most once per interval per reason; the next one says how many were left out.
export interface LogThrottle {
  /** Calls write(suppressed) unless this reason was written less than intervalMs ago. */
  (reason: string, write: (suppressed: number) => void): void;
}

export function logThrottle(opts: { intervalMs?: number; now?: () => number } = {}): LogThrottle {
  const intervalMs = opts.intervalMs ?? 10_000;
  const now = opts.now ?? Date.now;
  // Reasons are a small fixed set chosen by our code, never by the caller, so this stays small.
  const last = new Map<string, { at: number; suppressed: number }>();
  return (reason, write) => {
    const t = now();
    const seen = last.get(reason);
    if (seen && t - seen.at < intervalMs) {
      seen.suppressed++;
      return;
    }
    last.set(reason, { at: t, suppressed: 0 });
    write(seen?.suppressed ?? 0);
  };
}
