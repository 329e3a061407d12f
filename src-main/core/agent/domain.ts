// The agent's status machine and the queue view's arithmetic: pure, no I/O. A step takes the
// current status and an event and answers the next status and the transition to record (or a
// problem code the caller turns into a VALIDATION error).
import type { AgentCause, AgentQueue, AgentStatus, AuxReasonChoice } from '../../../src-preload/contract';

export interface AgentStatusRecord {
  status: AgentStatus;
  auxReason: string | null;
  cause: AgentCause;
  since: number;
  callId: string | null;
  missedOffers: number;
  /** What after-call work returns to (set on entering it). */
  before: { status: Exclude<AgentStatus, 'after_call_work'>; auxReason: string | null } | null;
}

export interface TransitionRecord {
  from: AgentStatus;
  to: AgentStatus;
  auxReason: string | null;
  cause: AgentCause;
  callId: string | null;
  at: number;
}

export type AgentEvent =
  | { kind: 'set'; status: 'ready' | 'aux' | 'offline'; reason?: string | undefined }
  | { kind: 'missed_offer' }
  | { kind: 'offer_answered' }
  | { kind: 'enter_acw'; callId: string }
  | { kind: 'leave_acw'; callId?: string | undefined }
  | { kind: 'signed_out' };

export type StepProblem = 'unknown_reason' | 'reason_not_allowed';

export interface StepContext {
  now: number;
  /** The team's reasons an agent may pick (empty: the team has none, or it is not known yet). */
  reasons: readonly AuxReasonChoice[];
  /** Missed offers in a row that put a ready agent in AUX; 0 = never. */
  autoAuxAfter: number;
}

export type StepResult =
  | { ok: true; next: AgentStatusRecord; transition: TransitionRecord | null }
  | { ok: false; problem: StepProblem };

/** A user never seen before is offline (they choose Ready themselves). */
export function initialStatus(now: number): AgentStatusRecord {
  return { status: 'offline', auxReason: null, cause: 'agent', since: now, callId: null, missedOffers: 0, before: null };
}

function move(
  cur: AgentStatusRecord,
  to: AgentStatus,
  o: { auxReason?: string | null; cause: AgentCause; callId?: string | null; now: number; before?: AgentStatusRecord['before'] },
): { ok: true; next: AgentStatusRecord; transition: TransitionRecord } {
  const auxReason = o.auxReason ?? null;
  const callId = o.callId ?? null;
  return {
    ok: true,
    next: { status: to, auxReason, cause: o.cause, since: o.now, callId, missedOffers: 0, before: o.before ?? null },
    transition: { from: cur.status, to, auxReason, cause: o.cause, callId, at: o.now },
  };
}

export function step(cur: AgentStatusRecord, ev: AgentEvent, ctx: StepContext): StepResult {
  const { now } = ctx;
  switch (ev.kind) {
    case 'set': {
      if (ev.status === 'aux') {
        // The team's list is the truth when there is one; with none known, AUX carries no reason.
        if (ctx.reasons.length > 0 && !ctx.reasons.some((r) => r.reason === ev.reason)) return { ok: false, problem: 'unknown_reason' };
        if (ctx.reasons.length === 0 && ev.reason !== undefined) return { ok: false, problem: 'unknown_reason' };
      } else if (ev.reason !== undefined) {
        return { ok: false, problem: 'reason_not_allowed' };
      }
      const reason = ev.status === 'aux' ? (ev.reason ?? null) : null;
      // Choosing the status one already has records nothing (a double click, a second window).
      if (cur.status === ev.status && cur.auxReason === reason) return { ok: true, next: cur, transition: null };
      return move(cur, ev.status, { auxReason: reason, cause: 'agent', now });
    }
    case 'missed_offer': {
      // Only a ready agent is offered calls; an offer that rang out while they changed status does not count.
      if (cur.status !== 'ready') return { ok: true, next: cur, transition: null };
      const missed = cur.missedOffers + 1;
      if (ctx.autoAuxAfter > 0 && missed >= ctx.autoAuxAfter) return move(cur, 'aux', { cause: 'missed_offers', now });
      return { ok: true, next: { ...cur, missedOffers: missed }, transition: null };
    }
    case 'offer_answered':
      return { ok: true, next: cur.missedOffers === 0 ? cur : { ...cur, missedOffers: 0 }, transition: null };
    case 'enter_acw': {
      if (cur.status === 'after_call_work') {
        // A second call's wrap-up (a transfer, a quick callback) continues the same after-call work.
        return cur.callId === ev.callId ? { ok: true, next: cur, transition: null } : move(cur, 'after_call_work', { cause: 'call_ended', callId: ev.callId, now, before: cur.before });
      }
      return move(cur, 'after_call_work', { cause: 'call_ended', callId: ev.callId, now, before: { status: cur.status, auxReason: cur.auxReason } });
    }
    case 'leave_acw': {
      // Already left (the agent chose a status, or signed out): the wrap-up timer's end changes nothing.
      if (cur.status !== 'after_call_work') return { ok: true, next: cur, transition: null };
      if (ev.callId !== undefined && ev.callId !== cur.callId) return { ok: true, next: cur, transition: null };
      const back = cur.before ?? { status: 'ready' as const, auxReason: null };
      return move(cur, back.status, { auxReason: back.auxReason, cause: 'acw_done', now });
    }
    case 'signed_out':
      if (cur.status === 'offline') return { ok: true, next: cur, transition: null };
      return move(cur, 'offline', { cause: 'signed_out', now });
  }
}

// ---- team reasons and the UCS user ----

interface TeamLike {
  aux_reasons?: readonly { reason: string; break: boolean; color?: string | null; hidden?: boolean }[];
}

/** The reasons an agent may pick: the team's, hidden ones left out, each once. */
export function auxReasonsOf(team: TeamLike | undefined): AuxReasonChoice[] {
  const seen = new Set<string>();
  const out: AuxReasonChoice[] = [];
  for (const r of team?.aux_reasons ?? []) {
    if (r.hidden || seen.has(r.reason)) continue;
    seen.add(r.reason);
    out.push({ reason: r.reason, break: r.break, color: r.color ?? null });
  }
  return out;
}

/** Case, accents and spacing folded: "Adam  Dvořák" = "adam dvorak". */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A UCS user's name to show: display name, else first + last, else username; UCS sends the string "null" at times. */
export function ucsUserName(u: { displayname?: string | null; firstname?: string | null; lastname?: string | null; username?: string | null; name?: string | null }): string {
  const real = (v: string | null | undefined): string => (v && v !== 'null' ? v.trim() : '');
  return real(u.displayname) || [real(u.firstname), real(u.lastname)].filter(Boolean).join(' ') || real(u.name) || real(u.username) || '?';
}

// ---- the queue view ----

export interface QueueLike {
  id: number;
  name?: string | null;
  number?: string | null;
  type: number;
  callers_waiting?: number | undefined;
  callers_talking?: number | undefined;
  agents_idle?: number | undefined;
  agents_talking?: number | undefined;
  agents_acw?: number | undefined;
  agents_aux?: number | undefined;
  answered?: number | undefined;
  abandoned?: number | undefined;
  sl?: Record<string, number[]> | undefined;
  callers?: unknown[] | undefined;
}

export interface MembershipLike {
  id: number;
  priority?: number | undefined;
  suspended?: boolean | undefined;
}

const n = (v: number | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : 0);

/** SL% of today: UCS `sl.day` is `[answered within the threshold, base]`; no base, no percentage. */
export function serviceLevel(sl: Record<string, number[]> | undefined): AgentQueue['serviceLevel'] {
  const [within = 0, base = 0] = sl?.day ?? [];
  return { within, base, percent: base > 0 ? Math.round((within / base) * 1000) / 10 : null };
}

/** The longest wait among the queue's callers; the element shape is undocumented, so only a numeric `wait_time` counts. */
export function longestWait(callers: unknown[] | undefined): number | null {
  let max: number | null = null;
  for (const c of callers ?? []) {
    const w = typeof c === 'object' && c !== null ? (c as { wait_time?: unknown; state?: unknown }).wait_time : undefined;
    const state = (c as { state?: unknown } | null)?.state;
    if (typeof w === 'number' && Number.isFinite(w) && state !== 'talking') max = Math.max(max ?? 0, w);
  }
  return max;
}

/** The agent's queues, in the order of their memberships (highest priority first), with the queue's counters. */
export function queueRows(memberships: readonly MembershipLike[], queues: readonly QueueLike[]): AgentQueue[] {
  const byId = new Map(queues.map((q) => [q.id, q]));
  return [...memberships]
    .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || a.id - b.id)
    .map((m) => {
      const q = byId.get(m.id);
      return {
        id: m.id,
        name: q?.name?.trim() || `#${m.id}`,
        number: q?.number || null,
        type: q?.type ?? -1,
        priority: m.priority ?? null,
        paused: m.suspended === true,
        callersWaiting: n(q?.callers_waiting),
        callersTalking: n(q?.callers_talking),
        longestWaitSec: longestWait(q?.callers),
        agentsIdle: n(q?.agents_idle),
        agentsTalking: n(q?.agents_talking),
        agentsAcw: n(q?.agents_acw),
        agentsAux: n(q?.agents_aux),
        answered: n(q?.answered),
        abandoned: n(q?.abandoned),
        serviceLevel: serviceLevel(q?.sl),
      };
    });
}

/**
 * The body of `POST /queues/agents` that changes one membership: the list is the agent's COMPLETE
 * set of queues (one left out is removed), so every current queue is sent, `{id}` alone keeping
 * its settings, and only the target carries `suspended`. null when the queue is not theirs.
 */
export function pausePayload(ucsUserId: number, current: readonly MembershipLike[], queueId: number, paused: boolean): { id: number; queues: { id: number; suspended?: boolean }[] }[] | null {
  if (!current.some((m) => m.id === queueId)) return null;
  return [{ id: ucsUserId, queues: current.map((m) => (m.id === queueId ? { id: m.id, suspended: paused } : { id: m.id })) }];
}
