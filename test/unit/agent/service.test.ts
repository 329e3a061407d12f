// The agent capability through the contract a window uses, on a real core (SQLite file) whose
// UCS connection points at the in-process simulator over real HTTP: the UCS users, teams, queues
// and memberships come from a real pull; a queue pause changes the simulator's membership; offline
// and an unreachable UCS answer UNAVAILABLE with their reason; N missed offers put a ready agent
// in AUX; every transition is in the history with its cause and time.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../src-main/core/app';
import { inProcessBridge } from '../../../src-main/core/rpc/inProcess';
import { demoRemotes } from '../../../src-main/host/demo';
import type { RunningSim } from '../../../src-main/sim/server';
import type { AgentState, AgentTransition, QueueView, RpcResult, UcsUserChoice } from '../../../src-preload/contract';
import { createTestCore, NO_INTERVAL_PULLS, type TestCore } from '../../helpers/core';
import { addFault, call, ucsToken, withSim, type Json } from '../../sim/helpers';

vi.setConfig({ testTimeout: 60_000 });

/** Tomáš Dvořák in the simulator's roster: UCS user 21 (EMP-102), team 8, queues 74, 75, 103, 146. */
const TOMAS = 21;

let sim: RunningSim;
let t: TestCore;
let core: Core;
let bridge: ReturnType<typeof inProcessBridge>;
const events: { event: string; payload: unknown }[] = [];

async function invoke(method: string, input: unknown = {}): Promise<RpcResult<unknown>> {
  return bridge.invoke(method, input, { idempotencyKey: `${method}-${Math.random()}` });
}
async function rpc<T>(method: string, input: unknown = {}): Promise<T> {
  const r = await invoke(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
async function simMembership(userId: number): Promise<Json[]> {
  const token = await ucsToken(sim);
  const r = await call(`${sim.urls.ucs}/api/v1.0/queues/agents`, { headers: { authorization: `Bearer ${token}` } });
  return (r.json.data as Json[]).find((a) => a.id === userId).queues;
}

beforeAll(async () => {
  sim = await withSim();
  t = await createTestCore({ logLevel: 'warn', remotes: { ucs: demoRemotes(sim).ucs }, sync: { autoStart: false, ...NO_INTERVAL_PULLS } });
  core = t.core;
  bridge = inProcessBridge(core.dispatcher, core.events);
  core.events.subscribe((event, payload) => events.push({ event, payload }));
  await core.station.setup({ stationName: 'Bench 1', name: 'Jana Svobodová', pin: '999999' });
  await core.station.createUser({ name: 'Tomáš Dvořák', role: 'agent', pin: '2222' }, null);
  await core.station.createUser({ name: 'Petra Nováková', role: 'packer', pin: '1111' }, null);
  await core.sync.syncNow('ucs');
}, 120_000);

afterAll(async () => {
  bridge.close();
  await t.dispose();
  await sim.close();
});

beforeEach(async () => {
  t.connectivity.set(true);
  await call(`${sim.urls.control}/faults`, { method: 'DELETE' });
  await rpc('station.signIn', { pin: '2222' });
  events.length = 0;
});

describe('agent status', () => {
  it('a packer may not; a new agent is offline and unlinked; the UCS user with their name is suggested, and linking brings the team reasons', async () => {
    await rpc('station.signIn', { pin: '1111' });
    const denied = await invoke('agent.state');
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');
    await rpc('station.signIn', { pin: '2222' });

    const s0 = await rpc<AgentState>('agent.state');
    expect(s0).toMatchObject({ status: 'offline', ucsAgent: null, auxReasons: [], autoAuxAfter: 3 });
    const users = await rpc<UcsUserChoice[]>('agent.ucsUsers');
    expect(users[0]).toMatchObject({ id: TOMAS, name: 'Tomáš Dvořák', externalId: 'EMP-102', suggested: true });
    expect(users.filter((u) => u.suggested)).toHaveLength(1);
    expect(users.some((u) => u.name === 'Dockside API')).toBe(false); // the service account is no agent

    const s1 = await rpc<AgentState>('agent.link', { ucsUserId: TOMAS });
    expect(s1.ucsAgent).toEqual({ id: TOMAS, name: 'Tomáš Dvořák', externalId: 'EMP-102', teamId: 8, teamName: 'Tým Objednávky' });
    // The team's reasons, without the hidden one.
    expect(s1.auxReasons.map((r) => r.reason)).toEqual(['Přestávka', 'Porada', 'Školení']);
    expect(events.some((e) => e.event === 'agent.changed')).toBe(true);
    const bad = await invoke('agent.link', { ucsUserId: 999_999 });
    expect(bad.ok ? null : bad.error.code).toBe('NOT_FOUND');
  });

  it('ready, AUX with a team reason (an unknown reason refused), offline on sign-out: each in the history with its cause and time', async () => {
    await rpc('agent.link', { ucsUserId: TOMAS });
    await rpc('agent.setStatus', { status: 'ready' });
    const refused = await invoke('agent.setStatus', { status: 'aux', reason: 'Coffee' });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'VALIDATION', details: [{ path: 'reason', message: 'unknown_reason' }] });
    const aux = await rpc<AgentState>('agent.setStatus', { status: 'aux', reason: 'Porada' });
    expect(aux).toMatchObject({ status: 'aux', auxReason: 'Porada', cause: 'agent' });
    expect(events.filter((e) => e.event === 'agent.changed').at(-1)?.payload).toMatchObject({ status: 'aux', auxReason: 'Porada' });

    await rpc('station.signOut');
    await rpc('station.signIn', { pin: '2222' });
    const history = await rpc<AgentTransition[]>('agent.history', { limit: 3 });
    expect(history.map((h) => [h.from, h.to, h.cause, h.auxReason])).toEqual([
      ['aux', 'offline', 'signed_out', null],
      ['ready', 'aux', 'agent', 'Porada'],
      ['offline', 'ready', 'agent', null],
    ]);
    expect(history.every((h) => typeof h.at === 'number' && h.at > 0)).toBe(true);
    // Kept in SQLite with the UCS user it was recorded as.
    const row = core.db.prepare(`SELECT ucs_user_id FROM agent_transitions WHERE cause = 'signed_out' ORDER BY id DESC LIMIT 1`).get() as { ucs_user_id: number };
    expect(row.ucs_user_id).toBe(TOMAS);
  });

  it('auto-AUX after N missed offers (N set by a supervisor); after-call work and back', async () => {
    await rpc('station.signIn', { pin: '999999' });
    await rpc('agent.setConfig', { autoAuxAfter: 2 });
    await rpc('station.signIn', { pin: '2222' });
    const denied = await invoke('agent.setConfig', { autoAuxAfter: 5 });
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');

    await rpc('agent.setStatus', { status: 'ready' });
    expect(core.agent.missedOffer()).toMatchObject({ status: 'ready', missedOffers: 1 });
    expect(core.agent.missedOffer()).toMatchObject({ status: 'aux', cause: 'missed_offers', auxReason: null, missedOffers: 0 });
    expect((await rpc<AgentTransition[]>('agent.history', { limit: 1 }))[0]).toMatchObject({ from: 'ready', to: 'aux', cause: 'missed_offers' });

    await rpc('agent.setStatus', { status: 'ready' });
    expect(core.agent.enterAfterCallWork('call-1')).toMatchObject({ status: 'after_call_work', callId: 'call-1' });
    core.agent.leaveAfterCallWork('call-1');
    expect(await rpc<AgentState>('agent.state')).toMatchObject({ status: 'ready', cause: 'acw_done' });
    // For the agent who took the call, whoever is signed in now (replayed at start-up: once); the
    // wrap-up of a call of theirs ends by its call id, and returns them to where they were.
    const tomas = core.station.currentCaller()!.id;
    await rpc('station.signIn', { pin: '999999' });
    core.agent.enterAfterCallWork('call-2', tomas);
    core.agent.enterAfterCallWork('call-2', tomas);
    core.agent.leaveAfterCallWork('call-2');
    await rpc('station.signIn', { pin: '2222' });
    expect((await rpc<AgentTransition[]>('agent.history', { limit: 3 })).map((h) => [h.from, h.to, h.cause, h.callId])).toEqual([
      ['after_call_work', 'offline', 'acw_done', null],
      ['offline', 'after_call_work', 'call_ended', 'call-2'],
      ['ready', 'offline', 'signed_out', null],
    ]);
    await rpc('station.signIn', { pin: '999999' });
    await rpc('agent.setConfig', { autoAuxAfter: 3 });
  });
});

describe('queue view and pause', () => {
  it('shows the agent queues with the live counters from UCS, a ringing call among them', async () => {
    await rpc('agent.link', { ucsUserId: TOMAS });
    await call(`${sim.urls.control}/calls`, { method: 'POST', json: { number: '+420601000111', queue: 74 } });
    const view = await rpc<QueueView>('agent.queues');
    expect(view).toMatchObject({ source: 'live', problem: null, linked: true });
    expect(view.queues.map((q) => q.id)).toEqual([74, 146, 75, 103]);
    const q74 = view.queues[0]!;
    expect(q74).toMatchObject({ name: 'Objednávky CZ', paused: false, priority: 100, callersWaiting: 1 });
    expect(q74.serviceLevel.percent).toBeGreaterThan(0);
    expect(q74.answered).toBeGreaterThan(0);
  });

  it('pause and resume change the simulator membership (the other queues untouched); offline and an unreachable UCS say why, and nothing changes', async () => {
    await rpc('agent.link', { ucsUserId: TOMAS });
    const before = await simMembership(TOMAS);
    const paused = await rpc<QueueView>('agent.pauseQueue', { queueId: 75, paused: true });
    expect(paused.queues.find((q) => q.id === 75)?.paused).toBe(true);
    const after = await simMembership(TOMAS);
    expect(after).toEqual(before.map((m) => (m.id === 75 ? { ...m, suspended: true } : m)));
    expect(events.some((e) => e.event === 'agent.queues')).toBe(true);

    t.connectivity.set(false);
    const offline = await invoke('agent.pauseQueue', { queueId: 75, paused: false });
    expect(offline.ok ? null : offline.error).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'offline' } });
    // The view still shows what was last read, and says why it is not live.
    expect(await rpc<QueueView>('agent.queues')).toMatchObject({ source: 'last_live', problem: 'offline' });
    t.connectivity.set(true);

    await addFault(sim, { system: 'ucs', kind: 'reset', durationMs: 60_000 });
    const down = await invoke('agent.pauseQueue', { queueId: 75, paused: false });
    expect(down.ok ? null : down.error).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'remote_unreachable' } });
    await call(`${sim.urls.control}/faults`, { method: 'DELETE' });
    expect((await simMembership(TOMAS)).find((m) => m.id === 75).suspended).toBe(true);

    const resumed = await rpc<QueueView>('agent.pauseQueue', { queueId: 75, paused: false });
    expect(resumed.queues.find((q) => q.id === 75)?.paused).toBe(false);
    expect(await simMembership(TOMAS)).toEqual(before);

    const notMine = await invoke('agent.pauseQueue', { queueId: 77, paused: true });
    expect(notMine.ok ? null : notMine.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'not_a_member' } });
  });

  it('an unlinked agent cannot pause; a watched view is read again every few seconds and emitted', async () => {
    await rpc('agent.link', { ucsUserId: null });
    const unlinked = await invoke('agent.pauseQueue', { queueId: 75, paused: true });
    expect(unlinked.ok ? null : unlinked.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'not_linked' } });
    expect(await rpc<QueueView>('agent.queues')).toMatchObject({ source: 'none', linked: false, queues: [] });

    await rpc('agent.link', { ucsUserId: TOMAS });
    const view = await rpc<QueueView>('agent.watchQueues', { watcher: 'w1', watching: true });
    expect(view.source).toBe('live');
    events.length = 0;
    await call(`${sim.urls.control}/calls`, { method: 'POST', json: { number: '+420601000222', queue: 146 } });
    await vi.waitFor(
      () => {
        const last = events.filter((e) => e.event === 'agent.queues').at(-1)?.payload as QueueView | undefined;
        expect(last?.queues.find((q) => q.id === 146)?.callersWaiting).toBe(1);
      },
      { timeout: 8_000, interval: 100 },
    );
    await rpc('agent.watchQueues', { watcher: 'w1', watching: false });
    events.length = 0;
    await new Promise((r) => setTimeout(r, 3_500));
    expect(events.filter((e) => e.event === 'agent.queues')).toEqual([]);
  });
});
