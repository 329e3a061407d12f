// SQL of the agent capability: status, transition history, the UCS link and the station's knobs,
// plus read-only looks at the UCS reference data the sync pull keeps in remote_records (users,
// teams, queues, memberships). Statements are prepared once.
import type { AgentCause, AgentStatus, AgentTransition } from '../../../src-preload/contract';
import type { Db, Statement } from '../db/database';
import type { AgentStatusRecord, TransitionRecord } from './domain';

interface StatusRow {
  status: AgentStatus;
  aux_reason: string | null;
  cause: AgentCause;
  since: number;
  call_id: string | null;
  missed_offers: number;
  before_status: 'ready' | 'aux' | 'offline' | null;
  before_reason: string | null;
}

interface TransitionRow {
  id: number;
  at: number;
  from_status: AgentStatus;
  to_status: AgentStatus;
  aux_reason: string | null;
  cause: AgentCause;
  call_id: string | null;
}

export class AgentRepo {
  private readonly s: Record<string, Statement>;

  constructor(readonly db: Db) {
    const p = (sql: string): Statement => db.prepare(sql);
    this.s = {
      status: p(`SELECT status, aux_reason, cause, since, call_id, missed_offers, before_status, before_reason FROM agent_status WHERE user_id = ?`),
      saveStatus: p(
        `INSERT INTO agent_status (user_id, status, aux_reason, cause, since, call_id, missed_offers, before_status, before_reason)
         VALUES (@user_id, @status, @aux_reason, @cause, @since, @call_id, @missed_offers, @before_status, @before_reason)
         ON CONFLICT (user_id) DO UPDATE SET status = excluded.status, aux_reason = excluded.aux_reason, cause = excluded.cause,
           since = excluded.since, call_id = excluded.call_id, missed_offers = excluded.missed_offers,
           before_status = excluded.before_status, before_reason = excluded.before_reason`,
      ),
      inAcw: p(`SELECT user_id FROM agent_status WHERE status = 'after_call_work' AND call_id = ?`),
      addTransition: p(
        `INSERT INTO agent_transitions (user_id, at, from_status, to_status, aux_reason, cause, call_id, ucs_user_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      history: p(`SELECT id, at, from_status, to_status, aux_reason, cause, call_id FROM agent_transitions WHERE user_id = ? ORDER BY id DESC LIMIT ?`),
      link: p(`SELECT ucs_user_id FROM agent_links WHERE user_id = ?`),
      setLink: p(`INSERT INTO agent_links (user_id, ucs_user_id, linked_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET ucs_user_id = excluded.ucs_user_id, linked_at = excluded.linked_at`),
      unlink: p(`DELETE FROM agent_links WHERE user_id = ?`),
      config: p(`SELECT value FROM agent_config WHERE key = ?`),
      setConfig: p(`INSERT INTO agent_config (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
      userName: p(`SELECT name FROM users WHERE id = ?`),
      record: p(`SELECT data, updated_at FROM remote_records WHERE remote = 'ucs' AND resource = ? AND remote_id = ?`),
      records: p(`SELECT data FROM remote_records WHERE remote = 'ucs' AND resource = ? ORDER BY remote_id`),
      newest: p(`SELECT MAX(updated_at) AS at FROM remote_records WHERE remote = 'ucs' AND resource = ?`),
    };
  }

  tx<T>(fn: () => T): T {
    return this.db.tx(fn);
  }

  status(userId: string): AgentStatusRecord | undefined {
    const r = this.s.status!.get(userId) as StatusRow | undefined;
    if (!r) return undefined;
    return {
      status: r.status,
      auxReason: r.aux_reason,
      cause: r.cause,
      since: r.since,
      callId: r.call_id,
      missedOffers: r.missed_offers,
      before: r.before_status ? { status: r.before_status, auxReason: r.before_reason } : null,
    };
  }

  saveStatus(userId: string, s: AgentStatusRecord): void {
    this.s.saveStatus!.run({
      user_id: userId,
      status: s.status,
      aux_reason: s.auxReason,
      cause: s.cause,
      since: s.since,
      call_id: s.callId,
      missed_offers: s.missedOffers,
      before_status: s.before?.status ?? null,
      before_reason: s.before?.auxReason ?? null,
    });
  }

  /** Users whose after-call work belongs to this call (normally one). */
  usersInAcw(callId: string): string[] {
    return (this.s.inAcw!.all(callId) as { user_id: string }[]).map((r) => r.user_id);
  }

  addTransition(userId: string, t: TransitionRecord, ucsUserId: number | null): void {
    this.s.addTransition!.run(userId, t.at, t.from, t.to, t.auxReason, t.cause, t.callId, ucsUserId);
  }

  history(userId: string, limit: number): AgentTransition[] {
    return (this.s.history!.all(userId, limit) as TransitionRow[]).map((r) => ({
      id: r.id,
      at: r.at,
      from: r.from_status,
      to: r.to_status,
      auxReason: r.aux_reason,
      cause: r.cause,
      callId: r.call_id,
    }));
  }

  link(userId: string): number | null {
    return (this.s.link!.get(userId) as { ucs_user_id: number } | undefined)?.ucs_user_id ?? null;
  }
  setLink(userId: string, ucsUserId: number | null, now: number): void {
    if (ucsUserId === null) this.s.unlink!.run(userId);
    else this.s.setLink!.run(userId, ucsUserId, now);
  }

  config(key: string): string | undefined {
    return (this.s.config!.get(key) as { value: string } | undefined)?.value;
  }
  setConfig(key: string, value: string): void {
    this.s.setConfig!.run(key, value);
  }

  userName(userId: string): string | undefined {
    return (this.s.userName!.get(userId) as { name: string } | undefined)?.name;
  }

  /** One pulled UCS record (users, teams, queues, queue_memberships) as parsed JSON. */
  ucsRecord(resource: string, id: number | string): { data: unknown; updatedAt: number } | undefined {
    const r = this.s.record!.get(resource, String(id)) as { data: string; updated_at: number } | undefined;
    return r ? { data: JSON.parse(r.data) as unknown, updatedAt: r.updated_at } : undefined;
  }
  /** Every pulled record of a resource (the enumerations are small: tens of rows). */
  ucsRecords(resource: string): unknown[] {
    return (this.s.records!.all(resource) as { data: string }[]).map((r) => JSON.parse(r.data) as unknown);
  }
  /** When a resource was last changed by a pull (null: never pulled). */
  ucsPulledAt(resource: string): number | null {
    return (this.s.newest!.get(resource) as { at: number | null }).at;
  }
}
