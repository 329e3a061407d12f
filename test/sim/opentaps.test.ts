import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, withSim, type Json } from './helpers';
import type { RunningSim } from '../../src-main/sim/server';

let sim: RunningSim;
let B: string;
let auth: string;

beforeAll(async () => {
  sim = await withSim({ tokenTtlSeconds: 60 });
  B = sim.urls.opentaps;
  auth = `authToken=${sim.credentials.opentaps.authToken}&clientDomain=${sim.credentials.opentaps.clientDomain}`;
});
afterAll(() => sim.close());

const form = (o: Record<string, string>): { headers: Record<string, string>; body: string } => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(o).toString() });
const creds = (): Record<string, string> => ({ authToken: sim.credentials.opentaps.authToken, clientDomain: sim.credentials.opentaps.clientDomain });

describe('Opentaps auth', () => {
  it('rejects missing or wrong authToken / clientDomain in its envelope', async () => {
    for (const q of ['', 'authToken=wrong&clientDomain=dockside.example', `authToken=${sim.credentials.opentaps.authToken}&clientDomain=other.example`, `authToken=${sim.credentials.opentaps.authToken}`]) {
      const r = await call(`${B}/activities/5/0?${q}`);
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ error: expect.any(String), errors: [expect.any(String)] });
    }
  });
  it('temporary tokens work until they expire', async () => {
    const t = await call(`${B}/oauth/temp-token`, { method: 'POST', ...form({ authToken: sim.credentials.opentaps.authToken }) });
    const temp = t.json.authToken as string;
    expect((await call(`${B}/oauth/validate`, { method: 'POST', json: { authToken: temp } })).json).toEqual({ authenticated: true });
    expect((await call(`${B}/activities/1/0?authToken=${temp}&clientDomain=dockside.example`)).status).toBe(200);
    sim.state.clockOffsetMs += 61_000;
    try {
      const r = await call(`${B}/activities/1/0?authToken=${temp}&clientDomain=dockside.example`);
      expect(r.status).toBe(401);
      expect(r.json.error).toMatch(/expired/);
    } finally {
      sim.state.clockOffsetMs -= 61_000;
    }
  });
});

describe('Opentaps activities', () => {
  it('GET /activities/{count}/{startFrom} pages to the end; without startFrom returns all', async () => {
    const all = await call(`${B}/activities/10?${auth}`);
    expect(all.json.result.resultValue).toHaveLength(sim.state.ds.counts.opentapsActivities);
    const ids: string[] = [];
    for (let start = 0; ; start += 40) {
      const r = await call(`${B}/activities/40/${start}?${auth}`);
      expect(r.status).toBe(200);
      const page = r.json.result.resultValue as Json[];
      ids.push(...page.map((a) => a._id));
      if (page.length < 40) break;
    }
    expect(new Set(ids).size).toBe(sim.state.ds.counts.opentapsActivities);
    expect(all.json.result.resultValue[0]).toMatchObject({ _id: expect.stringMatching(/^[0-9a-f]{24}$/), clientDomain: 'dockside.example', activityType: expect.any(String), noteText: expect.any(String), status: expect.any(String) });
  });
  it('POST creates a NOTE from note_field_* fields, contact add/remove, PUT partial, DELETE', async () => {
    const c = await call(`${B}/activities`, { method: 'POST', ...form({ ...creds(), note_field_activityType: 'NOTE', note_field_noteText: 'Zákazník volal kvůli ETA', note_field_attributes: JSON.stringify({ ucsUniqueId: '1723018607.115' }) }) });
    expect(c.status).toBe(200);
    const a = c.json.result.resultValue;
    expect(a).toMatchObject({ activityType: 'NOTE', noteText: 'Zákazník volal kvůli ETA', attributes: { ucsUniqueId: '1723018607.115' } });
    const contactId = sim.state.ds.opentaps.agentContacts[0].contactId;
    const add = await call(`${B}/activities/contact/add`, { method: 'POST', ...form({ ...creds(), activityId: a._id, contactId, role: 'caller' }) });
    expect(add.json.result.resultValue.contacts).toContainEqual({ contactId, role: 'caller' });
    const rem = await call(`${B}/activities/contact/remove`, { method: 'POST', ...form({ ...creds(), activityId: a._id, contactId, role: 'caller' }) });
    expect(rem.json.result.resultValue.contacts).not.toContainEqual({ contactId, role: 'caller' });
    const upd = await call(`${B}/activities`, { method: 'POST', ...form({ ...creds(), note_field__id: a._id, note_field_noteText: 'Upraveno' }) });
    expect(upd.json.result.resultValue).toMatchObject({ _id: a._id, noteText: 'Upraveno' });
    const del = await call(`${B}/activities/${a._id}?authToken=${sim.credentials.opentaps.authToken}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await call(`${B}/activities/${a._id}?${auth}`, { method: 'DELETE' })).status).toBe(404);
  });
  it('tasks: POST /task forces TASK, GET /task searches by assignee and date range, PUT partial status', async () => {
    const agent = sim.state.ds.opentaps.agentContacts[2].contactId;
    const t = await call(`${B}/task`, { method: 'POST', ...form({ ...creds(), note_field_noteText: 'Zavolat zpět – reklamace', note_field_activityTypeId: 'NOTE', scheduledDateTime: '2031-03-04T09:00:00Z', assignedToContactId: agent }) });
    expect(t.status).toBe(200);
    const task = t.json.result.resultValue;
    expect(task).toMatchObject({ activityType: 'TASK', status: 'CREATED', assignedToContact: [agent], scheduledDateTime: '2031-03-04T09:00:00Z' });
    const s = await call(`${B}/task?${auth}&assignedToContactId=${agent}&fromScheduledDateTime=2031-03-01T00:00:00Z&toScheduledDateTime=2031-03-31T00:00:00Z`);
    expect(s.json.result.resultValue.map((x: Json) => x._id)).toEqual([task._id]);
    const p = await call(`${B}/activities/${task._id}`, { method: 'PUT', ...form({ ...creds(), partial: 'Yes', status: 'STARTED' }) });
    expect(p.json.result.resultValue).toMatchObject({ status: 'STARTED', noteText: 'Zavolat zpět – reklamace' });
    const bad = await call(`${B}/activities/${task._id}`, { method: 'PUT', ...form({ ...creds(), partial: 'Yes', status: 'FLYING' }) });
    expect(bad.status).toBe(400);
    const open = await call(`${B}/task?${auth}&status=CREATED,STARTED&assignedToContactId=${agent}`);
    expect(open.json.result.resultValue.some((x: Json) => x._id === task._id)).toBe(true);
    const snap = (await call(`${sim.urls.control}/state/opentaps`)).json;
    expect(snap.activities.created.map((x: Json) => x._id)).toContain(task._id);
  });
});
