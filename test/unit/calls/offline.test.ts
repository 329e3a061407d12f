// The agent's work during and after a call, done while the station is offline, reaches the
// simulated UCS, UltraCart and Opentaps exactly once after reconnecting: the note id and text,
// the disposition, the order reference and the follow-up task ids merged into the call's UCS
// metadata, one UltraCart workflow task (even when the reply to its insert is lost) and one
// Opentaps task.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/app';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { memorySettingsStore } from '../../../src-main/core/settings/memoryStore';
import { inProcessBridge } from '../../../src-main/core/rpc/inProcess';
import type { RunningSim } from '../../../src-main/sim/server';
import type { Remote } from '../../../src-preload/contract';
import { createApi, type Api } from '../../../src-renderer/src/api/client';
import { memorySecrets, switchableConnectivity } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { addFault, call as http, withSim, type Json } from '../../sim/helpers';
import { simRemotes, TestClock } from '../sync/crash/core';

const REMOTES: Remote[] = ['ucs', 'ultracart', 'opentaps'];
let sim: RunningSim;
beforeAll(async () => {
  sim = await withSim();
});
afterAll(() => sim.close());

let core: Core;
let api: Api;
let clock: TestClock;
let net: ReturnType<typeof switchableConnectivity>;
let cleanup: () => void;
beforeEach(async () => {
  await http(`${sim.urls.control}/reset`, { method: 'POST', json: {} });
  const tmp = tempDir('dockside-calls-');
  cleanup = tmp.cleanup;
  clock = new TestClock();
  net = switchableConnectivity(true);
  core = await createCore({
    dataDir: tmp.dir,
    settings: memorySettingsStore(),
    secrets: memorySecrets(),
    connectivity: net,
    logger: memoryLogger('error'),
    version: '0.0.0-test',
    platform: 'test',
    clock,
    remotes: simRemotes(sim, REMOTES),
    sync: { autoStart: false, defaultCountry: 'CZ' },
    calls: { screenPopPort: 0, pollIntervalMs: false, timers: false },
  });
  api = createApi(inProcessBridge(core.dispatcher, core.events));
  await api.call('station.setup', { stationName: 'Desk', name: 'Jana', pin: '999999' });
  await api.call('station.createUser', { name: 'Adam', role: 'agent', pin: '2222' });
  await api.call('station.signIn', { pin: '2222' });
});
afterEach(async () => {
  await core.close();
  cleanup();
});

/** Pushes until nothing waits; the clock moves past backoff between passes. */
async function pushAll(): Promise<void> {
  for (let pass = 0; pass < 30; pass++) {
    if (core.outbox.openCounts().pending === 0) return;
    for (const r of REMOTES) await core.outbox.syncNow(r);
    await core.jobs.idle();
    clock.advance(61_000);
  }
  throw new Error(`ops still waiting: ${JSON.stringify(core.outbox.list({ status: 'open', limit: 20 }).map((o) => [o.operation, o.status, o.errorCode, o.errorMessage]))}`);
}

const requests = async (path: string): Promise<Json[]> => (await http(`${sim.urls.control}/requests?limit=1000`)).json.filter((r: Json) => String(r.path).includes(path));

describe('calls offline', () => {
  it('notes, disposition, order link and follow-ups written offline are pushed exactly once after reconnect', async () => {
    await http(`${sim.urls.control}/config`, { method: 'PUT', json: { screenPopUrl: core.calls.service.screenPopInfo().callUrl } });
    const rung = (await http(`${sim.urls.control}/calls`, { method: 'POST', json: { number: '+420 777 555 444', queue: 74 } })).json;
    const callId = core.calls.service.repo.callByUniqueid(rung.uniqueid)!.id;
    await http(`${sim.urls.control}/requests`, { method: 'DELETE' });

    net.set(false);
    const note = await api.call('calls.addNote', { callId, body: 'Customer wants the parcel redirected' });
    await api.call('calls.setDisposition', { callId, code: 'callback' });
    await api.call('calls.linkOrder', { callId, orderRef: 'A-100' });
    const agent = (sim.state.ds.opentaps.agentContacts as { contactId: string }[])[0]!.contactId;
    const due = Date.UTC(2031, 0, 10, 9);
    const uc = await api.call('calls.createFollowUp', { callId, remote: 'ultracart', title: 'Redirect parcel A-100', dueAt: due, assigneeUserId: 1, orderRef: 'A-100' });
    const ot = await api.call('calls.createFollowUp', { callId, remote: 'opentaps', title: 'Call back about A-100', dueAt: due, assignedToContactId: agent });
    expect(uc).toMatchObject({ remote: 'ultracart', pending: true, status: 'open' });
    // on the card at once, from the local store
    const card = await api.call('calls.card', { callId });
    expect(card.notes.map((n) => n.body)).toEqual(['Customer wants the parcel redirected']);
    expect(card.call).toMatchObject({ disposition: 'callback', orderRef: 'A-100' });
    expect(card.tasks.map((x) => x.id).sort()).toEqual([uc.id, ot.id].sort());

    // nothing left the station while offline
    for (const r of REMOTES) await core.outbox.syncNow(r);
    await core.jobs.idle();
    expect(await requests('/metadata/')).toEqual([]);
    expect(core.outbox.openCounts().pending).toBe(7); // 5 metadata merges, 2 task creates

    // back online; the first UltraCart insert's reply is lost on the way back
    await addFault(sim, { system: 'ultracart', kind: 'lost_reply', count: 1 });
    net.set(true);
    await pushAll();
    expect(core.outbox.list({ status: 'dead', limit: 10 })).toEqual([]);

    const state = (await http(`${sim.urls.control}/state`)).json;
    expect(state.ucs.metadata[rung.uniqueid]).toMatchObject({
      note_id: note.id,
      note: 'Customer wants the parcel redirected',
      disposition: 'callback',
      order_ref: 'A-100',
      followup_task_id: ot.id,
    });
    const metadataPosts = (await requests(`/metadata/${rung.uniqueid}`)).filter((r) => r.method === 'POST' && r.status === 200);
    expect(metadataPosts).toHaveLength(5);
    const all = (await http(`${sim.urls.control}/requests?limit=1000`)).json as Json[];
    expect(all.filter((r) => r.system === 'ultracart' && r.outcome === 'lost_reply')).toHaveLength(1);
    const ucTasks = (state.ultracart.tasks.created as Json[]).filter((x) => x.task_name === 'Redirect parcel A-100');
    expect(ucTasks).toHaveLength(1);
    expect(ucTasks[0]).toMatchObject({ object_type: 'order', object_id: 'A-100' });
    const otTasks = (state.opentaps.activities.created as Json[]).filter((a) => JSON.stringify(a).includes('Call back about A-100'));
    expect(otTasks).toHaveLength(1);
    expect(otTasks[0].attributes).toMatchObject({ orderId: 'A-100', docksideCall: callId });
    // the local rows know their remote ids now
    const rows = core.db.prepare(`SELECT id, remote_id FROM tasks WHERE call_id = ? ORDER BY remote`).all(callId) as { id: string; remote_id: string | null }[];
    expect(rows.every((r) => r.remote_id !== null)).toBe(true);
    expect((await api.call('calls.card', { callId })).tasks.every((x) => !x.pending)).toBe(true);
  });

  it('a call without a UCS uniqueid keeps its notes locally and queues no metadata', async () => {
    const r = core.calls.service.ingest({ kind: 'ring', number: '601000111', uniqueid: null, queue: null, queueName: null, transferTo: null, source: 'manual', params: {} });
    await api.call('calls.addNote', { callId: r.callId, body: 'walk-in' });
    await api.call('calls.setDisposition', { callId: r.callId, code: 'resolved' });
    expect(core.outbox.openCounts().pending).toBe(0);
    await expect(api.call('calls.setDisposition', { callId: r.callId, code: 'nonsense' })).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'unknown_disposition' } });
  });
});
