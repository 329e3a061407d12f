// The fallback when no screen-pop arrives: polling UCS queues notices a caller in a served queue
// (once), follows the answer, and hangs up a call that left the queue; a dockside:// link rings too.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSim } from '../../../src-main/sim/server';
import { call as http, withSim } from '../../sim/helpers';
import { simRemotes } from '../sync/crash/core';
import { addContact, agentCore, type AgentCore } from './helpers';

let sim: RunningSim;
beforeAll(async () => {
  sim = await withSim();
});
afterAll(() => sim.close());

let t: AgentCore;
beforeEach(async () => {
  await http(`${sim.urls.control}/reset`, { method: 'POST', json: {} });
  t = await agentCore({ remotes: simRemotes(sim, ['ucs']) });
  addContact(t.core.db, { id: 'jana', name: 'Jana Nováková', phones: ['+420 601 123 456'] });
});
afterEach(() => t.dispose());

const poll = () => t.core.calls.poller.pollOnce();
const ring = async (number: string, queue: number) => (await http(`${sim.urls.control}/calls`, { method: 'POST', json: { number, queue } })).json.uniqueid as string;

describe('queue poll', () => {
  it('asks UCS nothing until a supervisor turns it on', async () => {
    await ring('+420 601 123 456', 74);
    await http(`${sim.urls.control}/requests`, { method: 'DELETE' });
    expect(await poll()).toEqual({ rang: 0, answered: 0, hungUp: 0 });
    expect((await http(`${sim.urls.control}/requests?system=ucs`)).json).toEqual([]);
  });

  it('rings a caller of a served queue once, follows the answer and the hang-up', async () => {
    const cfg = await t.api.call('calls.config', {});
    await t.api.call('station.signIn', { pin: '999999' });
    await t.api.call('calls.saveConfig', { ...cfg, poll: true, queues: [74] });
    await t.api.call('station.signIn', { pin: '2222' });
    const uid = await ring('+420 601 123 456', 74);

    expect(await poll()).toEqual({ rang: 1, answered: 0, hungUp: 0 });
    expect(await poll()).toEqual({ rang: 0, answered: 0, hungUp: 0 });
    const s = t.core.calls.service.repo.callByUniqueid(uid)!;
    expect(s).toMatchObject({ status: 'ringing', source: 'poll', contact_id: 'jana', queue: '74', identification: 'known' });
    expect(s.queue_name).toBeTruthy();

    await http(`${sim.urls.control}/calls/${uid}/answer`, { method: 'POST', json: {} });
    expect(await poll()).toEqual({ rang: 0, answered: 1, hungUp: 0 });
    await http(`${sim.urls.control}/calls/${uid}/hangup`, { method: 'POST', json: {} });
    expect(await poll()).toEqual({ rang: 0, answered: 0, hungUp: 1 });
    expect(t.core.calls.service.repo.callByUniqueid(uid)).toMatchObject({ status: 'ended' });
    expect((await t.api.call('calls.current', {})).afterCallWork).toMatchObject({ status: 'running' });
  });

  it('ignores callers of queues the agent does not serve', async () => {
    const cfg = await t.api.call('calls.config', {});
    await t.api.call('station.signIn', { pin: '999999' });
    await t.api.call('calls.saveConfig', { ...cfg, poll: true, queues: [9999] });
    await ring('+420 601 123 456', 74);
    expect(await poll()).toEqual({ rang: 0, answered: 0, hungUp: 0 });
  });
});

describe('dockside:// links', () => {
  it('a call link rings like the endpoint, once per uniqueid; other links are ignored', () => {
    const s = t.core.calls.service;
    const a = s.ingestLink('dockside://call?number=601123456&uniqueid=L1');
    const b = s.ingestLink('dockside://call?number=601123456&uniqueid=L1');
    expect([a?.created, b?.created, b?.callId === a?.callId]).toEqual([true, false, true]);
    expect(a?.call).toMatchObject({ source: 'link', contactId: 'jana' });
    expect(s.ingestLink('dockside://settings')).toBeUndefined();
  });
});
