// The screen-pop endpoint over real HTTP on 127.0.0.1, and the simulator ringing it the way a UCS
// team's call_url would: the token is required, a repeated event for one uniqueid never opens a
// second card, ring / answer / hang-up / transfer move the call, and the agent's screen is told.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallSummary } from '../../../src-preload/contract';
import type { RunningSim } from '../../../src-main/sim/server';
import { call as http, withSim } from '../../sim/helpers';
import { addCompany, addContact, agentCore, type AgentCore } from './helpers';

let t: AgentCore;
let incoming: CallSummary[];
let changed: CallSummary[];
beforeEach(async () => {
  t = await agentCore();
  incoming = [];
  changed = [];
  t.core.events.subscribe((event, payload) => {
    if (event === 'calls.incoming') incoming.push(payload as CallSummary);
    if (event === 'calls.changed') changed.push(payload as CallSummary);
  });
  addContact(t.core.db, { id: 'jana', name: 'Jana Nováková', phones: ['+420 601 123 456'] });
});
afterEach(() => t.dispose());

describe('screen-pop endpoint', () => {
  it('refuses a missing or wrong token and accepts the station token', async () => {
    expect((await t.pop({ number: '601123456', uniqueid: 'u1' }, null)).status).toBe(401);
    expect((await t.pop({ number: '601123456', uniqueid: 'u1' }, 'x'.repeat(32))).status).toBe(401);
    expect(incoming).toHaveLength(0);
    const ok = await t.pop({ number: '601123456', uniqueid: 'u1', queue: '74' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, created: true, applied: true });
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({ uniqueid: 'u1', status: 'ringing', identification: 'known', contactId: 'jana', callerName: 'Jana Nováková', source: 'endpoint', queue: '74' });
    // the token also works as a header, and the documented URL carries it
    const info = await t.api.call('calls.config', {});
    expect(info.defaultDisposition).toBe('unspecified');
    const port = t.core.calls.screenPop!.port;
    const res = await fetch(`http://127.0.0.1:${port}/call?number=601123456&uniqueid=u2`, { headers: { 'x-dockside-token': t.core.calls.service.screenPopToken() } });
    expect(res.status).toBe(200);
    expect(t.core.calls.service.screenPopInfo().callUrl).toBe(
      `http://127.0.0.1:${port}/call?token=${encodeURIComponent(t.core.calls.service.screenPopToken())}&number={number}&uniqueid={uniqueid}&queue={queue}`,
    );
  });

  it('answers 400 for a malformed event and 404 elsewhere, and keeps serving', async () => {
    expect((await t.pop({ number: '601123456', event: 'explode' })).body).toEqual({ ok: false, problem: 'bad_event' });
    expect((await t.pop({ number: 'DROP TABLE' })).status).toBe(400);
    const port = t.core.calls.screenPop!.port;
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    expect((await t.pop({ number: '601123456', uniqueid: 'after' })).status).toBe(200);
  });

  it('a repeated ring for the same uniqueid never opens a second card', async () => {
    const first = await t.pop({ number: '601123456', uniqueid: 'dup' });
    const again = await Promise.all([1, 2, 3].map(() => t.pop({ number: '601123456', uniqueid: 'dup' })));
    expect(again.every((r) => r.body.callId === first.body.callId && r.body.created === false && r.body.applied === false)).toBe(true);
    expect(incoming).toHaveLength(1);
    expect(t.core.db.prepare(`SELECT COUNT(*) AS n FROM calls WHERE uniqueid = 'dup'`).get()).toEqual({ n: 1 });
    // every event is kept for support, the repeats marked not applied
    expect(t.core.db.prepare(`SELECT applied, COUNT(*) AS n FROM call_events GROUP BY applied ORDER BY applied`).all()).toEqual([
      { applied: 0, n: 3 },
      { applied: 1, n: 1 },
    ]);
  });

  it('ring, answer, hang-up: the call moves once per event and after-call work starts', async () => {
    const id = (await t.pop({ number: '601123456', uniqueid: 'c1' })).body.callId as string;
    await t.pop({ number: '601123456', uniqueid: 'c1', event: 'answer' });
    await t.pop({ uniqueid: 'c1', event: 'answer' });
    let s = (await t.api.call('calls.current', {})).calls.find((c) => c.id === id)!;
    expect(s).toMatchObject({ status: 'answered', afterCallWork: null });
    expect(s.answeredAt).not.toBeNull();
    await t.pop({ uniqueid: 'c1', event: 'hangup' });
    await t.pop({ uniqueid: 'c1', event: 'hangup' });
    const cur = await t.api.call('calls.current', {});
    s = cur.calls.find((c) => c.id === id)!;
    expect(s).toMatchObject({ status: 'ended', afterCallWork: { status: 'running' } });
    expect(cur.afterCallWork).toMatchObject({ callId: id, status: 'running' });
    expect(changed.filter((c) => c.id === id).map((c) => c.status)).toEqual(['answered', 'ended', 'ended']); // hang-up, then ACW start
  });

  it('a hang-up while ringing is a missed call (no after-call work); a transfer ends the call here', async () => {
    await t.pop({ number: '601123456', uniqueid: 'm1' });
    await t.pop({ uniqueid: 'm1', event: 'hangup' });
    await t.pop({ number: '601123456', uniqueid: 't1' });
    await t.pop({ uniqueid: 't1', event: 'answer' });
    await t.pop({ uniqueid: 't1', event: 'transfer', to: '1800' });
    const recent = await t.api.call('calls.recent', { limit: 10 });
    expect(recent.find((c) => c.uniqueid === 'm1')).toMatchObject({ status: 'missed', afterCallWork: null });
    expect(recent.find((c) => c.uniqueid === 't1')).toMatchObject({ status: 'ended', transferredTo: '1800', afterCallWork: { status: 'running' } });
  });

  it('the agent closes a call the phone system never reported ended (UCS call_url reports only the ring)', async () => {
    const a = (await t.pop({ number: '601123456', uniqueid: 'h1' })).body.callId as string;
    expect(await t.api.call('calls.hangUp', { callId: a })).toMatchObject({ status: 'missed', afterCallWork: null });
    const b = (await t.pop({ number: '601123456', uniqueid: 'h2' })).body.callId as string;
    await t.pop({ uniqueid: 'h2', event: 'answer' });
    expect(await t.api.call('calls.hangUp', { callId: b })).toMatchObject({ status: 'ended', afterCallWork: { status: 'running' } });
    expect(await t.api.call('calls.hangUp', { callId: b })).toMatchObject({ status: 'ended' });
    // a walk-in call without uniqueid is closed too
    const c = t.core.calls.service.ingest({ kind: 'ring', number: '601123456', uniqueid: null, queue: null, queueName: null, transferTo: null, source: 'manual', params: {} }).callId;
    expect(await t.api.call('calls.hangUp', { callId: c })).toMatchObject({ status: 'missed' });
    expect((await t.api.call('calls.current', {})).calls.map((x) => x.id)).toEqual([b]); // only the one in after-call work
  });

  it('an answer whose ring never arrived still makes one call', async () => {
    await t.pop({ number: '601123456', uniqueid: 'late', event: 'answer' });
    await t.pop({ number: '601123456', uniqueid: 'late' });
    expect(incoming.map((c) => [c.uniqueid, c.status])).toEqual([['late', 'answered']]);
  });

  it('identifies known, shared-switchboard and unknown callers, and national forms and extensions', async () => {
    addCompany(t.core.db, { id: 'acme', name: 'ACME s.r.o.', phones: ['+420 222 111 000'] });
    addContact(t.core.db, { id: 'petr', name: 'Petr Malý', phones: ['+420 222 111 000'], companyId: 'acme' });
    addContact(t.core.db, { id: 'eva', name: 'Eva Malá', phones: ['222 111 000'], companyId: 'acme' });
    addContact(t.core.db, { id: 'ext', name: 'Recepce', phones: ['1800'] });
    const ring = async (number: string, uniqueid: string) => (await t.pop({ number, uniqueid })).body.callId as string;
    for (const [n, u] of [['00420601123456', 'f1'], ['0601123456', 'f2'], ['+420 601-123-456', 'f3']] as const) {
      const card = await t.api.call('calls.card', { callId: await ring(n, u) });
      expect([u, card.identification.kind, card.contact?.id]).toEqual([u, 'known', 'jana']);
    }
    const shared = await t.api.call('calls.card', { callId: await ring('222111000', 's1') });
    expect(shared.identification.kind).toBe('choose');
    expect(shared.identification.matches.map((m) => m.contactId ?? m.companyId).sort()).toEqual(['acme', 'eva', 'petr']);
    expect(shared.contact).toBeNull();
    const ext = await t.api.call('calls.card', { callId: await ring('1800', 'x1') });
    expect([ext.identification.kind, ext.contact?.displayName]).toEqual(['known', 'Recepce']);
    const contactsBefore = t.core.db.prepare('SELECT COUNT(*) AS n FROM contacts').get();
    const unknown = await t.api.call('calls.card', { callId: await ring('+420 777 000 999', 'n1') });
    expect([unknown.identification.kind, unknown.contact, unknown.identification.e164]).toEqual(['unknown', null, '+420777000999']);
    expect(t.core.db.prepare('SELECT COUNT(*) AS n FROM contacts').get()).toEqual(contactsBefore); // never junk contacts
  });
});

describe('the simulator rings the endpoint', () => {
  let sim: RunningSim;
  beforeAll(async () => {
    sim = await withSim();
  });
  afterAll(() => sim.close());

  it('POST /_sim/calls with the station call_url pops one card with the uniqueid and queue UCS sent', async () => {
    await http(`${sim.urls.control}/config`, { method: 'PUT', json: { screenPopUrl: t.core.calls.service.screenPopInfo().callUrl } });
    const rung = await http(`${sim.urls.control}/calls`, { method: 'POST', json: { number: '+420 601 123 456', queue: 74 } });
    expect(rung.status).toBe(201);
    expect(rung.json.screenPop).toMatchObject({ status: 200, error: null });
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({ uniqueid: rung.json.uniqueid, queue: '74', contactId: 'jana', identification: 'known' });
    // the team's call_url in UCS is the same URL
    expect((sim.state.ds.ucs.teams as { tasks: { call_url: string } }[])[0]!.tasks.call_url).toBe(t.core.calls.service.screenPopInfo().callUrl);
  });

  it('a simulator started with the station URL (startSim screenPopUrl) rings it too; a repeated ring is one card', async () => {
    const own = await withSim({ screenPopUrl: t.core.calls.service.screenPopInfo().callUrl! });
    try {
      const rung = await http(`${own.urls.control}/calls`, { method: 'POST', json: { number: '601123456' } });
      expect(rung.json.screenPop.status).toBe(200);
      // the PBX opens the same URL again (a retry): no second card
      const again = await fetch(rung.json.screenPop.url as string);
      expect(((await again.json()) as { created: boolean }).created).toBe(false);
      expect(incoming.map((c) => c.uniqueid)).toEqual([rung.json.uniqueid]);
    } finally {
      await own.close();
    }
  });
});
