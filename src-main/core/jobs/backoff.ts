// Full-jitter exponential backoff: delay = random × min(cap, base × 2^(attempt-1)). Spreads the
// retries of many stations hitting one recovering printer or remote instead of synchronising them.
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 60_000 };

/** `attempt` counts failures so far (1 after the first failure); the result is in [0, cap). */
export function fullJitterDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
