// The agent's status machine and the queue view's arithmetic, without I/O.
import { describe, expect, it } from 'vitest';
import {
  auxReasonsOf,
  initialStatus,
  longestWait,
  pausePayload,
  queueRows,
  serviceLevel,
  step,
  ucsUserName,
  type AgentEvent,
  type AgentStatusRecord,
  type StepContext,
} from '../../../src-main/core/agent/domain';

const REASONS = [
  { reason: 'Přestávka', break: true, color: 'ff9500' },
  { reason: 'Porada', break: false, color: null },
];
const ctx = (over: Partial<StepContext> = {}): StepContext => ({ now: 1_000, reasons: REASONS, autoAuxAfter: 3, ...over });

function run(events: AgentEvent[], c: StepContext = ctx(), from: AgentStatusRecord = initialStatus(0)): { s: AgentStatusRecord; log: string[] } {
  let s = from;
  const log: string[] = [];
  for (const ev of events) {
    const r = step(s, ev, c);
    if (!r.ok) throw new Error(r.problem);
    if (r.transition) log.push(`${r.transition.from}>${r.transition.to}:${r.transition.cause}${r.transition.auxReason ? `:${r.transition.auxReason}` : ''}`);
    s = r.next;
  }
  return { s, log };
}

describe('agent status machine', () => {
  it('a new user is offline; ready, AUX with a team reason and offline are each recorded with their cause', () => {
    const { s, log } = run([
      { kind: 'set', status: 'ready' },
      { kind: 'set', status: 'aux', reason: 'Porada' },
      { kind: 'set', status: 'aux', reason: 'Přestávka' },
      { kind: 'set', status: 'offline' },
    ]);
    expect(log).toEqual(['offline>ready:agent', 'ready>aux:agent:Porada', 'aux>aux:agent:Přestávka', 'aux>offline:agent']);
    expect(s).toMatchObject({ status: 'offline', auxReason: null, since: 1_000 });
  });

  it('AUX needs one of the team reasons; other statuses take none; with no team reasons AUX takes none', () => {
    expect(step(initialStatus(0), { kind: 'set', status: 'aux', reason: 'Coffee' }, ctx())).toEqual({ ok: false, problem: 'unknown_reason' });
    expect(step(initialStatus(0), { kind: 'set', status: 'aux' }, ctx())).toEqual({ ok: false, problem: 'unknown_reason' });
    expect(step(initialStatus(0), { kind: 'set', status: 'ready', reason: 'Porada' }, ctx())).toEqual({ ok: false, problem: 'reason_not_allowed' });
    expect(step(initialStatus(0), { kind: 'set', status: 'aux', reason: 'Porada' }, ctx({ reasons: [] }))).toEqual({ ok: false, problem: 'unknown_reason' });
    expect(run([{ kind: 'set', status: 'aux' }], ctx({ reasons: [] })).log).toEqual(['offline>aux:agent']);
  });

  it('choosing the status one has records nothing', () => {
    const { log } = run([{ kind: 'set', status: 'ready' }, { kind: 'set', status: 'ready' }]);
    expect(log).toEqual(['offline>ready:agent']);
  });

  it('N missed offers in a row put a ready agent in AUX; an answered offer starts the count again', () => {
    const a = run([{ kind: 'set', status: 'ready' }, { kind: 'missed_offer' }, { kind: 'missed_offer' }]);
    expect(a.s).toMatchObject({ status: 'ready', missedOffers: 2 });
    const b = run([{ kind: 'offer_answered' }, { kind: 'missed_offer' }, { kind: 'missed_offer' }], ctx(), a.s);
    expect(b.s).toMatchObject({ status: 'ready', missedOffers: 2 });
    const c = run([{ kind: 'missed_offer' }], ctx(), b.s);
    expect(c.log).toEqual(['ready>aux:missed_offers']);
    expect(c.s).toMatchObject({ status: 'aux', auxReason: null, cause: 'missed_offers', missedOffers: 0 });
    // Not ready: an offer cannot be missed (nothing counts), and 0 turns auto-AUX off.
    expect(run([{ kind: 'missed_offer' }], ctx(), c.s).s.missedOffers).toBe(0);
    const off = run([{ kind: 'set', status: 'ready' }, ...Array.from({ length: 10 }, () => ({ kind: 'missed_offer' }) as const)], ctx({ autoAuxAfter: 0 }));
    expect(off.s).toMatchObject({ status: 'ready', missedOffers: 10 });
  });

  it('after-call work returns to the status before it; a status chosen during it ends it and the timer then changes nothing', () => {
    const a = run([{ kind: 'set', status: 'ready' }, { kind: 'enter_acw', callId: 'c1' }]);
    expect(a.s).toMatchObject({ status: 'after_call_work', callId: 'c1', before: { status: 'ready', auxReason: null } });
    expect(run([{ kind: 'leave_acw', callId: 'other' }], ctx(), a.s).log).toEqual([]);
    expect(run([{ kind: 'leave_acw', callId: 'c1' }], ctx(), a.s).log).toEqual(['after_call_work>ready:acw_done']);
    const fromAux = run([{ kind: 'set', status: 'aux', reason: 'Porada' }, { kind: 'enter_acw', callId: 'c2' }, { kind: 'leave_acw' }]);
    expect(fromAux.s).toMatchObject({ status: 'aux', auxReason: 'Porada' });
    const chosen = run([{ kind: 'set', status: 'aux', reason: 'Přestávka' }, { kind: 'leave_acw', callId: 'c1' }], ctx(), a.s);
    expect(chosen.log).toEqual(['after_call_work>aux:agent:Přestávka']);
  });

  it('a second call during after-call work continues it (and returns to the status before the first)', () => {
    const a = run([{ kind: 'set', status: 'ready' }, { kind: 'enter_acw', callId: 'c1' }, { kind: 'enter_acw', callId: 'c1' }, { kind: 'enter_acw', callId: 'c2' }, { kind: 'leave_acw' }]);
    expect(a.log).toEqual(['offline>ready:agent', 'ready>after_call_work:call_ended', 'after_call_work>after_call_work:call_ended', 'after_call_work>ready:acw_done']);
  });

  it('signing out goes offline (once)', () => {
    const a = run([{ kind: 'set', status: 'ready' }, { kind: 'signed_out' }, { kind: 'signed_out' }]);
    expect(a.log).toEqual(['offline>ready:agent', 'ready>offline:signed_out']);
  });
});

describe('team reasons and names', () => {
  it('hidden reasons are not offered, duplicates once', () => {
    const team = {
      aux_reasons: [
        { reason: 'Přestávka', break: true, color: 'ff9500', hidden: false },
        { reason: 'Nemám rád šmouly', break: false, color: 'ff0000', hidden: true },
        { reason: 'Přestávka', break: false },
      ],
    };
    expect(auxReasonsOf(team)).toEqual([{ reason: 'Přestávka', break: true, color: 'ff9500' }]);
    expect(auxReasonsOf(undefined)).toEqual([]);
  });
  it('a UCS name: display name, else first + last (the string "null" is no name), else username', () => {
    expect(ucsUserName({ displayname: 'Bob', username: 'bob' })).toBe('Bob');
    expect(ucsUserName({ displayname: null, firstname: 'null', lastname: 'Novák', username: 'x' })).toBe('Novák');
    expect(ucsUserName({ username: 'admin' })).toBe('admin');
  });
});

describe('queue view', () => {
  const q = (id: number, over: Record<string, unknown> = {}) => ({ id, type: 1, name: `Q${id}`, number: String(id), ...over });
  it('rows follow the memberships, highest priority first, with the queue counters and SL of today', () => {
    const rows = queueRows(
      [{ id: 75, priority: 80, suspended: true }, { id: 74, priority: 100, suspended: false }, { id: 999, priority: 1 }],
      [q(74, { callers_waiting: 2, agents_idle: 3, answered: 10, abandoned: 2, sl: { day: [8, 11] } }), q(75)],
    );
    expect(rows.map((r) => [r.id, r.paused, r.name])).toEqual([[74, false, 'Q74'], [75, true, 'Q75'], [999, false, '#999']]);
    expect(rows[0]).toMatchObject({ callersWaiting: 2, agentsIdle: 3, answered: 10, abandoned: 2, serviceLevel: { within: 8, base: 11, percent: 72.7 } });
  });
  it('SL without a base has no percentage; the longest wait counts waiting callers only', () => {
    expect(serviceLevel({ day: [0, 0] })).toEqual({ within: 0, base: 0, percent: null });
    expect(serviceLevel(undefined).percent).toBeNull();
    expect(longestWait([{ wait_time: 12, state: 'waiting' }, { wait_time: 300, state: 'talking' }, { wait_time: 40 }, 'junk'])).toBe(40);
    expect(longestWait([])).toBeNull();
  });
  it('a pause sends the COMPLETE list (a queue left out would be removed), only the target with `suspended`', () => {
    expect(pausePayload(21, [{ id: 74, priority: 100 }, { id: 75, priority: 80, suspended: false }], 75, true)).toEqual([
      { id: 21, queues: [{ id: 74 }, { id: 75, suspended: true }] },
    ]);
    expect(pausePayload(21, [{ id: 74 }], 76, true)).toBeNull();
  });
});
