// Whether each remote can be reached, from what actually happened: the last pull page or push
// attempt. Not from the network interface alone — a station can be online and its remote down.
// Network trouble and timeouts make a remote unreachable (its pushes wait, a pull probes it with
// backoff); credentials refused make it auth_failed; a remote that answers but fails (5xx,
// malformed answers) is reachable but in error; any success makes it connected.
import type { Remote, SyncError, SyncRemoteState } from '../../../src-preload/contract';
import { isRemoteErrorKind, RemoteError, type RemoteErrorKind } from '../connectors/shared/errors';
import type { Outcome } from '../jobs/types';
import type { Clock } from '../platform/ports';

export interface RemoteReach {
  state: SyncRemoteState;
  lastError: SyncError | null;
  lastContactAt: number | null;
  /** Failed contacts in a row (the probe's backoff). */
  failures: number;
}

export interface ReachabilityOptions {
  /** Probe backoff of an unreachable or failing remote: base doubling up to cap. Default 5 s → 60 s. */
  probeBaseMs?: number;
  probeCapMs?: number;
}

type Listener = (remote: Remote, before: SyncRemoteState, after: SyncRemoteState) => void;

/** A failure's kind → the state it means. `source` matters: a push refused for its data still reached the remote. */
function stateOf(kind: RemoteErrorKind, source: 'pull' | 'push'): SyncRemoteState {
  switch (kind) {
    case 'network':
    case 'timeout':
      return 'unreachable';
    case 'auth':
      return 'auth_failed';
    case 'server':
    case 'bad_response':
      return 'error';
    case 'rate_limited':
      return 'connected'; // it answered: slow down, not down
    default:
      // forbidden / not_found / conflict / validation: about one request. A push's is that op's
      // business (it parks as dead); a pull that cannot read its resource is a failing remote.
      return source === 'push' ? 'connected' : 'error';
  }
}

export class Reachability {
  private readonly byRemote = new Map<Remote, RemoteReach>();
  private readonly listeners = new Set<Listener>();
  private readonly baseMs: number;
  private readonly capMs: number;

  constructor(
    private readonly clock: Clock,
    opts: ReachabilityOptions = {},
  ) {
    this.baseMs = opts.probeBaseMs ?? 5_000;
    this.capMs = opts.probeCapMs ?? 60_000;
  }

  /** Called on every state change (not on every contact). */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(remote: Remote): RemoteReach {
    return this.byRemote.get(remote) ?? { state: 'not_configured', lastError: null, lastContactAt: null, failures: 0 };
  }

  state(remote: Remote): SyncRemoteState {
    return this.get(remote).state;
  }

  /**
   * Pushes wait while this is false (the outbox's isOnline). Only a remote known not to answer
   * blocks: a failing one answers (its ops retry on their own backoff), and an op of a remote that
   * is not configured waits for a handler anyway.
   */
  isReachable(remote: Remote): boolean {
    return this.state(remote) !== 'unreachable';
  }

  /** A remote configured (again: new credentials) starts over as connecting; removed, not_configured. */
  configured(remote: Remote, configured: boolean): void {
    const last = this.get(remote).lastContactAt;
    this.set(remote, { state: configured ? 'connecting' : 'not_configured', lastError: null, lastContactAt: configured ? last : null, failures: 0 });
  }

  /** The remote answered as hoped (a pull page, a push sent). */
  succeeded(remote: Remote): void {
    const cur = this.get(remote);
    if (cur.state === 'not_configured') return; // a late answer after the connection was removed
    this.set(remote, { state: 'connected', lastError: null, lastContactAt: this.clock.now(), failures: 0 });
  }

  /** A call failed. Errors that are not the remote's (a bug, a zod error of ours) say nothing about it and are ignored. */
  failed(remote: Remote, error: unknown, source: 'pull' | 'push'): void {
    if (!(error instanceof RemoteError)) return;
    this.failedKind(remote, error.kind, error.remoteMessage ?? error.message, source);
  }

  /** A push attempt's outcome as the outbox saw it (codes are RemoteError kinds, or the engine's own). */
  pushed(remote: Remote, outcome: Outcome): void {
    if (outcome.kind === 'ok') return this.succeeded(remote);
    // The engine's own codes (no handler, offline, bad payload, a handler's bug) say nothing about the remote.
    if (!isRemoteErrorKind(outcome.code)) return;
    this.failedKind(remote, outcome.code, outcome.detail ?? outcome.code, 'push');
  }

  /** How long to wait before probing a remote that failed `failures` times in a row. */
  probeDelay(remote: Remote): number {
    const n = Math.max(1, this.get(remote).failures);
    return Math.min(this.capMs, this.baseMs * 2 ** Math.min(n - 1, 20));
  }

  private failedKind(remote: Remote, kind: RemoteErrorKind, message: string, source: 'pull' | 'push'): void {
    const cur = this.get(remote);
    if (cur.state === 'not_configured') return;
    const state = stateOf(kind, source);
    if (state === 'connected') {
      // Answered: a contact, though not a success of this call.
      this.set(remote, { state, lastError: cur.state === 'connected' ? cur.lastError : null, lastContactAt: this.clock.now(), failures: 0 });
      return;
    }
    this.set(remote, { state, lastError: { code: kind, message }, lastContactAt: cur.lastContactAt, failures: cur.failures + 1 });
  }

  private set(remote: Remote, next: RemoteReach): void {
    const before = this.get(remote).state;
    this.byRemote.set(remote, next);
    if (before !== next.state) for (const l of [...this.listeners]) l(remote, before, next.state);
  }
}
