// What the Sync screen and the header's connection pill show, as pure functions of the contract's
// data: a remote's tone and words, the header's one word (never "Online" for a remote it cannot
// reach), relative times and a pull's progress. No React, no i18n instance: keys and numbers only.
import { REMOTES, type Remote, type SyncRemoteStatus } from '../../../../src-preload/contract';

/** Product names: the same in every language. */
export const REMOTE_NAMES: Record<Remote, string> = { afosto: 'Afosto', ucs: 'UCS', ultracart: 'UltraCart', homs: 'HOMS', opentaps: 'Opentaps' };

export type RemoteState = SyncRemoteStatus['state'];
export type Tone = 'ok' | 'warn' | 'danger' | 'neutral';

/** What a card's chip says about a remote: never green unless it answered. */
export function remoteTone(state: RemoteState): Tone {
  switch (state) {
    case 'connected':
      return 'ok';
    case 'connecting':
    case 'unreachable':
      return 'warn';
    case 'auth_failed':
    case 'error':
      return 'danger';
    default:
      return 'neutral';
  }
}

/**
 * The cards, one per remote: configured ones first, then the ones that are off, each group in the
 * contract's order. A remote the engine does not report (yet) gets a "not configured" card with
 * the outbox's counts, so work waiting for it is never hidden.
 */
export function remoteCards(remotes: readonly SyncRemoteStatus[] | null, counts: readonly { remote: Remote; pending: number; dead: number }[] | null): SyncRemoteStatus[] {
  const by = new Map((remotes ?? []).map((r) => [r.remote, r]));
  const all = REMOTES.map(
    (remote): SyncRemoteStatus =>
      by.get(remote) ?? {
        remote,
        configured: false,
        state: 'not_configured',
        lastError: null,
        lastContactAt: null,
        pending: counts?.find((c) => c.remote === remote)?.pending ?? 0,
        dead: counts?.find((c) => c.remote === remote)?.dead ?? 0,
        conflicts: 0,
        pulling: false,
        resources: [],
      },
  );
  return [...all.filter((r) => r.configured), ...all.filter((r) => !r.configured)];
}

/** The part of a remote's state the header needs. */
export interface RemoteSummary {
  remote: Remote;
  configured: boolean;
  state: RemoteState;
}

/** system.status's `remotes`, as far as this build of the core reports it. */
export interface RemoteCounts {
  configured: number;
  connected?: number;
  unreachable?: number;
  /** Answer but fail (credentials refused, server errors). */
  failing?: number;
}

export type HeaderState = 'disconnected' | 'local' | 'offline' | 'online' | 'connecting' | 'unreachable';

export interface HeaderPill {
  state: HeaderState;
  /** How many configured remotes are not connected (unreachable). */
  count: number;
  /** The one remote at fault, when exactly one is. */
  remote?: Remote;
  /** That remote's own state (unreachable, auth_failed, error). */
  remoteState?: RemoteState;
}

/**
 * The header's word. Losing the Dockside service beats everything; nothing configured is "Local
 * only"; the machine offline is "Offline"; "Online" only when every configured remote answered;
 * otherwise the remotes at fault (by name when one), or "Connecting" while none has failed yet.
 * `remotes` (sync.remotes, live) wins over the counts when both are known: it names the remote.
 */
export function headerPill(input: {
  transportUp: boolean;
  online: boolean;
  counts: RemoteCounts | undefined;
  remotes: readonly RemoteSummary[] | null;
}): HeaderPill {
  if (!input.transportUp) return { state: 'disconnected', count: 0 };
  const configured = input.counts?.configured ?? 0;
  if (configured === 0) return { state: 'local', count: 0 };
  if (!input.online) return { state: 'offline', count: 0 };

  // The live list names the remote; it is used only while it agrees with system.status on what
  // is configured (a connection saved a moment ago may not have reached it yet).
  const list = input.remotes?.filter((r) => r.configured) ?? null;
  if (list && list.length === configured) {
    const failing = list.filter((r) => r.state !== 'connected' && r.state !== 'connecting');
    if (failing.length === 1) return { state: 'unreachable', count: 1, remote: failing[0]!.remote, remoteState: failing[0]!.state };
    if (failing.length > 1) return { state: 'unreachable', count: failing.length };
    if (list.some((r) => r.state === 'connecting')) return { state: 'connecting', count: 0 };
    // The list is throttled and system.status is not: "Online" only when both say so.
    if (input.counts?.connected === undefined || input.counts.connected >= configured) return { state: 'online', count: 0 };
  }
  // Counts only: without them (an older core) the header never claims "Online".
  const { connected, unreachable = 0, failing = 0 } = input.counts ?? { configured };
  if (connected !== undefined && connected >= configured) return { state: 'online', count: 0 };
  if (unreachable + failing > 0) return { state: 'unreachable', count: unreachable + failing };
  return { state: 'connecting', count: 0 };
}

/** i18n key and values for a pill. */
export function headerPillText(p: HeaderPill): { key: string; values?: Record<string, string | number> } {
  if (p.state !== 'unreachable') return { key: `header.${p.state}` };
  if (p.remote) {
    const key = p.remoteState === 'auth_failed' ? 'header.oneAuthFailed' : p.remoteState === 'error' ? 'header.oneError' : 'header.oneUnreachable';
    return { key, values: { name: REMOTE_NAMES[p.remote] } };
  }
  return { key: 'header.unreachable', values: { count: p.count } };
}

/** Largest unit first: "5 minutes ago", not "300 seconds ago". */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

export function localeOf(language: string): string {
  return language === 'cs' ? 'cs-CZ' : 'en-GB';
}

/** "5 minutes ago" / "před 5 minutami"; "just now" under ten seconds (also for a clock skew into the future). */
export function relativeTime(at: number, now: number, language: string): string {
  const diff = at - now;
  const fmt = new Intl.RelativeTimeFormat(localeOf(language), { numeric: 'auto' });
  if (Math.abs(diff) < 10_000) return fmt.format(0, 'second');
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return fmt.format(Math.trunc(diff / ms), unit);
  }
  return fmt.format(0, 'second');
}

/** The exact moment, for a title: "26/11/2026, 09:00:05". */
export function absoluteTime(at: number, language: string): string {
  return new Date(at).toLocaleString(localeOf(language), { dateStyle: 'short', timeStyle: 'medium' });
}

export function formatCount(n: number, language: string): string {
  return n.toLocaleString(localeOf(language));
}

export interface ProgressView {
  /** No total known: an indeterminate bar, counting what arrived. */
  indeterminate: boolean;
  /** 0–100, when the total is known. */
  percent?: number;
  done: number;
  total?: number;
}

export function progressView(p: { done: number; total?: number | null } | null | undefined): ProgressView | null {
  if (!p) return null;
  const done = Math.max(0, p.done);
  if (p.total === undefined || p.total === null || p.total <= 0) return { indeterminate: true, done };
  const total = Math.max(p.total, done);
  return { indeterminate: false, done, total, percent: Math.min(100, Math.floor((done / total) * 100)) };
}

/**
 * A conflict's remote version as a person reads it: scalar fields as "key: value" lines, nested
 * values as compact JSON, at most `max` lines (the rest counted). Never throws on odd data.
 */
export function readableRecord(data: unknown, max = 12): { lines: [string, string][]; more: number } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { lines: [['', short(data)]], more: 0 };
  const entries = Object.entries(data as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const lines = entries.slice(0, max).map(([k, v]) => [k, short(v)] as [string, string]);
  return { lines, more: Math.max(0, entries.length - max) };
}

function short(v: unknown, limit = 160): string {
  let s: string;
  if (v === null) s = '—';
  else if (typeof v === 'string') s = v;
  else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > limit ? `${s.slice(0, limit - 1)}…` : s;
}
