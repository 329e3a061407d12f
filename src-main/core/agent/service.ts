// The call-center agent: status (kept on the station, every change recorded with its reason and
// time), the UCS user a Dockside user works as, and the queue view.
//
// Queue pause and resume go to UCS directly, never through the outbox: a membership's suspension
// is a live state. Replayed later it would be wrong — an agent who paused a queue for a break
// while UCS was down would be paused again, hours later, in the middle of a shift, or resumed
// after they had paused it once more. So it needs UCS to answer now, and says so when it cannot.
import type {
  AgentConfig,
  AgentState,
  AgentTransition,
  AuxReasonChoice,
  EventPayload,
  QueueView,
  UcsAgent,
  UcsUserChoice,
} from '../../../src-preload/contract';
import type { UcsClient } from '../connectors/ucs/client';
import { agentQueuesSchema, queueSchema, teamSchema, userSchema, userSummarySchema, type UcsQueue, type UcsQueueMembership } from '../connectors/ucs/schemas';
import { RemoteError } from '../connectors/shared/errors';
import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import type { Clock } from '../platform/ports';
import type { CallerUser } from '../rpc/dispatcher';
import { AppError, conflict, invalid, notFound, unauthorized } from '../rpc/errors';
import {
  auxReasonsOf,
  foldName,
  initialStatus,
  pausePayload,
  queueRows,
  step,
  ucsUserName,
  type AgentEvent,
  type AgentStatusRecord,
} from './domain';
import { AgentRepo } from './repo';

export const DEFAULT_AUTO_AUX_AFTER = 3;
const AUTO_AUX_KEY = 'auto_aux_after';

type Problem = NonNullable<QueueView['problem']>;

export interface AgentDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The signed-in user (the station's session). */
  currentUser: () => CallerUser | null;
  /** The UCS client, or undefined when UCS is not configured. */
  ucs: () => Promise<UcsClient | undefined>;
  /** The station's network (Connectivity.isOnline). */
  isOnline: () => boolean;
  emitChanged?: (state: EventPayload<'agent.changed'>) => void;
  emitQueues?: (view: EventPayload<'agent.queues'>) => void;
  /** How often an open queue view is read from UCS (default 3 s). */
  pollMs?: number;
  /** A view that stops renewing its watch is forgotten after this long (default 20 s). */
  watchLeaseMs?: number;
}

interface LiveRead {
  userId: string;
  ucsUserId: number;
  at: number;
  queues: UcsQueue[];
  memberships: UcsQueueMembership[];
}

export class AgentService {
  private readonly repo: AgentRepo;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly watchers = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private reading: Promise<QueueView> | null = null;
  private lastLive: LiveRead | null = null;
  private sessionUser: string | null;
  private disposed = false;

  constructor(private readonly deps: AgentDeps) {
    this.repo = new AgentRepo(deps.db);
    this.pollMs = deps.pollMs ?? 3_000;
    this.leaseMs = deps.watchLeaseMs ?? 20_000;
    this.sessionUser = deps.currentUser()?.id ?? null;
  }

  // ---- status ----

  state(): AgentState {
    return this.stateOf(this.requireUser().id);
  }

  setStatus(input: { status: 'ready' | 'aux' | 'offline'; reason?: string | undefined }): AgentState {
    const userId = this.requireUser().id;
    this.apply(userId, { kind: 'set', status: input.status, reason: input.reason });
    return this.stateOf(userId);
  }

  history(limit: number): AgentTransition[] {
    return this.repo.history(this.requireUser().id, limit);
  }

  /**
   * The calls capability: a call ended and its after-call work begins, for `userId` (the agent who
   * took the call) or else the signed-in agent. A repeat for the same call changes nothing (calls
   * replays running wrap-ups at start-up). Returns the new state, or null when there is nobody.
   */
  enterAfterCallWork(callId: string, userId?: string | null): AgentState | null {
    const id = userId ?? this.deps.currentUser()?.id;
    if (!id) return null;
    this.apply(id, { kind: 'enter_acw', callId });
    return this.stateOf(id);
  }

  /**
   * The after-call work is over (done, or its timer ran out): back to the status before it.
   * With a callId, whoever is in that call's wrap-up (it survives a user switch); without, the
   * signed-in agent. Nothing happens when they already left it.
   */
  leaveAfterCallWork(callId?: string): void {
    const users = callId !== undefined ? this.repo.usersInAcw(callId) : [this.deps.currentUser()?.id].filter((u): u is string => !!u);
    for (const u of users) this.apply(u, { kind: 'leave_acw', callId });
  }

  /** The calls capability: an offer rang out unanswered. After N in a row a ready agent goes AUX. */
  missedOffer(): AgentState | null {
    const user = this.deps.currentUser();
    if (!user) return null;
    this.apply(user.id, { kind: 'missed_offer' });
    return this.stateOf(user.id);
  }

  /** The calls capability: an offer was answered (the missed-in-a-row count starts again). */
  offerAnswered(): void {
    const user = this.deps.currentUser();
    if (user) this.apply(user.id, { kind: 'offer_answered' });
  }

  /** The station's session changed: whoever left (sign-out, or another user at the bench) goes offline. */
  sessionChanged(userId: string | null): void {
    const before = this.sessionUser;
    this.sessionUser = userId;
    if (before && before !== userId) this.apply(before, { kind: 'signed_out' }, false);
    if (userId && userId !== before) this.emitState(userId);
  }

  config(): AgentConfig {
    const raw = this.repo.config(AUTO_AUX_KEY);
    const v = raw === undefined ? Number.NaN : Number(raw);
    return { autoAuxAfter: Number.isInteger(v) && v >= 0 ? v : DEFAULT_AUTO_AUX_AFTER };
  }

  setConfig(c: AgentConfig): AgentConfig {
    this.repo.setConfig(AUTO_AUX_KEY, String(c.autoAuxAfter));
    const user = this.deps.currentUser();
    if (user) this.emitState(user.id);
    return this.config();
  }

  // ---- the UCS user ----

  ucsUsers(): UcsUserChoice[] {
    const me = foldName(this.repo.userName(this.requireUser().id) ?? '');
    const users = this.pulledUsers().filter((u) => u.active !== false && u.public !== false);
    const named = users.map((u) => ({ u, name: ucsUserName(u) }));
    const matches = named.filter((x) => foldName(x.name) === me);
    return named
      .map(({ u, name }) => ({
        id: u.id,
        name,
        username: u.username ?? null,
        externalId: u.external_id ?? null,
        teamId: u.team_id ?? null,
        suggested: matches.length === 1 && matches[0]!.u.id === u.id,
      }))
      .sort((a, b) => Number(b.suggested) - Number(a.suggested) || a.name.localeCompare(b.name));
  }

  link(ucsUserId: number | null): AgentState {
    const userId = this.requireUser().id;
    if (ucsUserId !== null && !this.pulledUsers().some((u) => u.id === ucsUserId)) throw notFound('UCS user');
    this.repo.setLink(userId, ucsUserId, this.deps.clock.now());
    this.lastLive = null;
    this.emitState(userId);
    if (this.watchers.size > 0) void this.pollNow();
    return this.stateOf(userId);
  }

  // ---- the queue view ----

  /** Read now from UCS; the last known view when it does not answer. */
  queues(): Promise<QueueView> {
    this.requireUser();
    return this.readShared();
  }

  /** A view opens (renewed every few seconds while it is open) or closes. */
  async watch(watcher: string, watching: boolean): Promise<QueueView> {
    this.requireUser();
    if (!watching) {
      this.watchers.delete(watcher);
      if (this.watchers.size === 0) this.stopPolling();
      return this.cachedView(null);
    }
    this.watchers.set(watcher, this.deps.clock.now() + this.leaseMs);
    const view = await this.readShared();
    this.schedule();
    return view;
  }

  async pauseQueue(queueId: number, paused: boolean): Promise<QueueView> {
    const user = this.requireUser();
    const ucsUserId = this.repo.link(user.id);
    if (ucsUserId === null) throw conflict('Choose which UCS agent you are first', { reason: 'not_linked' });
    if (!this.deps.isOnline()) throw unavailable('offline', 'The station is offline: a queue can be paused only while UCS answers');
    const client = await this.deps.ucs();
    if (!client) throw unavailable('not_configured', 'UCS is not configured (Settings → Connections)');
    try {
      // Read the membership fresh: the update replaces the whole list, so a stale one would remove queues.
      const mine = (await client.agentQueues()).find((a) => a.id === ucsUserId)?.queues ?? [];
      const payload = pausePayload(ucsUserId, mine, queueId, paused);
      if (!payload) throw conflict('This queue is not one of yours', { reason: 'not_a_member' });
      const results = await client.updateAgentQueues(payload);
      const mineResult = results.find((r) => r.id === ucsUserId) ?? results[0];
      const queueResult = mineResult?.queues?.find((q) => q.id === queueId);
      if (!mineResult?.success || (queueResult && !queueResult.success)) {
        const msg = queueResult?.error ?? queueResult?.message ?? mineResult?.error ?? 'refused';
        throw unavailable('remote_error', `UCS refused the change: ${msg}`, msg);
      }
    } catch (err) {
      if (err instanceof RemoteError) {
        const reach = err.kind === 'network' || err.kind === 'timeout';
        throw unavailable(reach ? 'remote_unreachable' : 'remote_error', `UCS: ${err.message}`, reach ? undefined : (err.remoteMessage ?? err.message));
      }
      throw err;
    }
    this.deps.logger.info('agent: queue membership changed in UCS', { ucsUserId, queueId, paused });
    const view = await this.readShared(true);
    this.deps.emitQueues?.(view);
    return view;
  }

  dispose(): void {
    this.disposed = true;
    this.stopPolling();
  }

  // ---- internals ----

  private requireUser(): CallerUser {
    const u = this.deps.currentUser();
    if (!u) throw unauthorized();
    return u;
  }

  private apply(userId: string, ev: AgentEvent, emit = true): void {
    const now = this.deps.clock.now();
    const cur = this.repo.status(userId) ?? initialStatus(now);
    const result = step(cur, ev, { now, reasons: this.reasonsFor(userId), autoAuxAfter: this.config().autoAuxAfter });
    if (!result.ok) {
      const msg = result.problem === 'unknown_reason' ? 'Choose one of your team’s AUX reasons' : 'Only AUX takes a reason';
      throw invalid(msg, [{ path: 'reason', message: result.problem }]);
    }
    if (result.next === cur) return;
    const ucsUserId = this.repo.link(userId);
    this.repo.tx(() => {
      this.repo.saveStatus(userId, result.next);
      if (result.transition) this.repo.addTransition(userId, result.transition, ucsUserId);
    });
    if (result.transition) this.deps.logger.info('agent: status', { userId, from: result.transition.from, to: result.transition.to, cause: result.transition.cause });
    if (emit && userId === this.deps.currentUser()?.id) this.emitState(userId);
  }

  private emitState(userId: string): void {
    this.deps.emitChanged?.(this.stateOf(userId));
  }

  private stateOf(userId: string): AgentState {
    const rec: AgentStatusRecord = this.repo.status(userId) ?? initialStatus(this.deps.clock.now());
    const ucsUserId = this.repo.link(userId);
    const ucsAgent = ucsUserId === null ? null : this.ucsAgent(ucsUserId);
    return {
      userId,
      status: rec.status,
      auxReason: rec.auxReason,
      cause: rec.cause,
      since: rec.since,
      callId: rec.callId,
      missedOffers: rec.missedOffers,
      autoAuxAfter: this.config().autoAuxAfter,
      auxReasons: ucsAgent ? this.teamReasons(ucsAgent.teamId) : [],
      ucsAgent,
    };
  }

  private reasonsFor(userId: string): AuxReasonChoice[] {
    const ucsUserId = this.repo.link(userId);
    return ucsUserId === null ? [] : this.teamReasons(this.ucsAgent(ucsUserId).teamId);
  }

  private ucsAgent(ucsUserId: number): UcsAgent {
    const rec = this.repo.ucsRecord('users', ucsUserId);
    const user = rec ? userSchema.safeParse(rec.data) : undefined;
    if (!user?.success) {
      const summary = rec ? userSummarySchema.safeParse(rec.data) : undefined;
      return { id: ucsUserId, name: summary?.success ? ucsUserName(summary.data) : `#${ucsUserId}`, externalId: null, teamId: null, teamName: null };
    }
    const u = user.data;
    const teamId = u.team_id ?? null;
    const team = teamId === null ? undefined : this.team(teamId);
    return { id: u.id, name: ucsUserName(u), externalId: u.external_id ?? null, teamId, teamName: team?.name ?? null };
  }

  private team(teamId: number): ReturnType<typeof teamSchema.parse> | undefined {
    const rec = this.repo.ucsRecord('teams', teamId);
    const t = rec ? teamSchema.safeParse(rec.data) : undefined;
    return t?.success ? t.data : undefined;
  }

  private teamReasons(teamId: number | null): AuxReasonChoice[] {
    return teamId === null ? [] : auxReasonsOf(this.team(teamId));
  }

  private pulledUsers(): ReturnType<typeof userSchema.parse>[] {
    const out: ReturnType<typeof userSchema.parse>[] = [];
    for (const d of this.repo.ucsRecords('users')) {
      const u = userSchema.safeParse(d);
      if (u.success) out.push(u.data);
    }
    return out;
  }

  /** One read at a time: a poll and a query arriving together share it. `fresh` waits for a new one. */
  private async readShared(fresh = false): Promise<QueueView> {
    if (this.reading && fresh) await this.reading.catch(() => undefined);
    if (!this.reading || fresh) {
      const p = this.readLive().finally(() => {
        if (this.reading === p) this.reading = null;
      });
      this.reading = p;
    }
    return this.reading;
  }

  private async readLive(): Promise<QueueView> {
    const user = this.deps.currentUser();
    const ucsUserId = user ? this.repo.link(user.id) : null;
    if (!user || ucsUserId === null) return { source: 'none', readAt: null, problem: null, linked: false, queues: [] };
    if (!this.deps.isOnline()) return this.cachedView('offline');
    const client = await this.deps.ucs();
    if (!client) return this.cachedView('not_configured');
    try {
      const [queues, agents] = await Promise.all([client.queues(), client.agentQueues()]);
      const memberships = agents.find((a) => a.id === ucsUserId)?.queues ?? [];
      this.lastLive = { userId: user.id, ucsUserId, at: this.deps.clock.now(), queues, memberships };
      return { source: 'live', readAt: this.lastLive.at, problem: null, linked: true, queues: queueRows(memberships, queues) };
    } catch (err) {
      const problem: Problem = err instanceof RemoteError && (err.kind === 'network' || err.kind === 'timeout') ? 'remote_unreachable' : 'remote_error';
      if (!(err instanceof RemoteError)) this.deps.logger.warn('agent: queue view read failed', { error: String(err) });
      return this.cachedView(problem);
    }
  }

  /** What is known without asking UCS: the last live read, else the last sync pull. */
  private cachedView(problem: Problem | null): QueueView {
    const user = this.deps.currentUser();
    const ucsUserId = user ? this.repo.link(user.id) : null;
    if (!user || ucsUserId === null) return { source: 'none', readAt: null, problem: null, linked: false, queues: [] };
    const live = this.lastLive;
    if (live && live.userId === user.id && live.ucsUserId === ucsUserId) {
      return { source: 'last_live', readAt: live.at, problem, linked: true, queues: queueRows(live.memberships, live.queues) };
    }
    const agent = agentQueuesSchema.safeParse(this.repo.ucsRecord('queue_memberships', ucsUserId)?.data);
    const queues = this.repo.ucsRecords('queues').flatMap((d) => {
      const q = queueSchema.safeParse(d);
      return q.success ? [q.data] : [];
    });
    if (!agent.success && queues.length === 0) return { source: 'none', readAt: null, problem, linked: true, queues: [] };
    return { source: 'pulled', readAt: this.repo.ucsPulledAt('queues'), problem, linked: true, queues: queueRows(agent.success ? agent.data.queues : [], queues) };
  }

  private schedule(): void {
    if (this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pollNow().finally(() => {
        if (this.watchers.size > 0) this.schedule();
      });
    }, this.pollMs);
    this.timer.unref?.();
  }

  private async pollNow(): Promise<void> {
    const now = this.deps.clock.now();
    for (const [w, until] of this.watchers) if (until < now) this.watchers.delete(w);
    if (this.watchers.size === 0 || this.disposed || !this.deps.currentUser()) return;
    try {
      const view = await this.readShared(true);
      if (!this.disposed) this.deps.emitQueues?.(view);
    } catch (err) {
      this.deps.logger.warn('agent: queue poll failed', { error: String(err) });
    }
  }

  private stopPolling(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function unavailable(reason: Problem, message: string, remoteMessage?: string): AppError {
  return new AppError('UNAVAILABLE', message, { reason, ...(remoteMessage ? { remoteMessage } : {}) });
}
