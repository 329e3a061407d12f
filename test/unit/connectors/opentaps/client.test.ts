// The Opentaps client against the simulator over real HTTP: auth with temporary tokens (one
// request for a burst, one renewal after early expiry), paging to the end and no further, every
// call's parsed result, pushes with lost-reply reconciliation, the status machine, and errors.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpentapsClient, activityConcernsContact, type OpentapsClientOptions } from '../../../../src-main/core/connectors/opentaps/client';
import { writeAnswerSchema } from '../../../../src-main/core/connectors/opentaps/schemas';
import type { RemoteError } from '../../../../src-main/core/connectors/shared/errors';
import type { RunningSim } from '../../../../src-main/sim/server';
import { addFault, call, withSim, type Json } from '../../../sim/helpers';

let sim: RunningSim;
beforeAll(async () => {
  sim = await withSim();
});
afterAll(() => sim.close());
beforeEach(async () => {
  await call(`${sim.urls.control}/requests`, { method: 'DELETE' });
});
afterEach(async () => {
  await call(`${sim.urls.control}/faults`, { method: 'DELETE' });
});

const client = (opts: OpentapsClientOptions = {}, creds: Partial<{ authToken: string; clientDomain: string }> = {}) =>
  new OpentapsClient({ baseUrl: sim.urls.opentaps, ...sim.credentials.opentaps, ...creds }, { timeoutMs: 3000, ...opts });
const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as RemoteError);
const log = async (): Promise<Json[]> => (await call(`${sim.urls.control}/requests?system=opentaps`)).json as Json[];
const lines = async () => (await log()).map((e) => `${e.method} ${e.path} ${e.status}`);
const snapshot = async (): Promise<Json> => (await call(`${sim.urls.control}/state/opentaps`)).json;
const agent = (k: number): string => sim.state.ds.opentaps.agentContacts[k].contactId as string;
let refN = 0;
const ref = () => `dockside-test-${Date.now()}-${++refN}`;

describe('opentaps auth', () => {
  it('one temporary token for a burst of calls; the permanent token goes only to the token service', async () => {
    const c = client();
    await Promise.all(Array.from({ length: 8 }, () => c.ping()));
    const entries = await log();
    expect(entries.filter((e) => e.path === '/oauth/temp-token')).toHaveLength(1);
    const calls = entries.filter((e) => e.path.startsWith('/activities'));
    expect(calls).toHaveLength(8);
    for (const e of calls) {
      expect(e.status).toBe(200);
      expect(e.query).toContain('clientDomain=dockside.example');
      expect(e.query).not.toContain(sim.credentials.opentaps.authToken);
    }
  });

  it('early token expiry: a burst of 401s renews the token once and every call succeeds', async () => {
    const c = client();
    await c.ping();
    await call(`${sim.urls.control}/requests`, { method: 'DELETE' });
    await addFault(sim, { system: 'opentaps', route: '/task', kind: 'token_expiry' });
    const results = await Promise.all(Array.from({ length: 6 }, () => c.tasksForContact(agent(1))));
    expect(results.every((r) => Array.isArray(r))).toBe(true);
    const entries = await log();
    expect(entries.filter((e) => e.path === '/oauth/temp-token')).toHaveLength(1);
    expect(entries.filter((e) => e.path === '/task' && e.status === 401).length).toBeGreaterThanOrEqual(1);
  });

  it('refused credentials are `auth` with the remote message; permanent-token mode sends it directly', async () => {
    const bad = await caught(client({}, { authToken: 'wrong' }).ping());
    expect(bad).toMatchObject({ kind: 'auth', status: 401, remoteMessage: 'Invalid authToken', retryable: false });
    const domain = await caught(client({ useTempToken: false }, { clientDomain: 'other.example' }).ping());
    expect(domain).toMatchObject({ kind: 'auth', remoteMessage: 'Unknown clientDomain other.example' });
    await call(`${sim.urls.control}/requests`, { method: 'DELETE' });
    await client({ useTempToken: false }).ping();
    expect(await lines()).toEqual(['GET /activities/1/0 200']);
  });
});

describe('opentaps reads', () => {
  it('pages /activities/{count}/{startFrom} from 0 until a short page, and no further', async () => {
    const total = (await snapshot()).activities.count as number;
    const c = client({ useTempToken: false });
    const pages = [];
    for await (const p of c.activityPages({ pageSize: 40 })) pages.push(p);
    const ids = pages.flatMap((p) => p.activities.map((a) => a.id));
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    const starts = Array.from({ length: Math.floor(total / 40) + 1 }, (_, i) => `GET /activities/40/${i * 40} 200`);
    expect(await lines()).toEqual(starts);
    expect(pages.at(-1)).toMatchObject({ last: true, nextStartFrom: total });
    const a = pages[0]!.activities[0]!;
    expect(a).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/), type: expect.any(String), noteText: expect.any(String), attributes: expect.any(Object) });
  });

  it('a page exactly full at the end costs one empty page, then stops', async () => {
    const total = (await snapshot()).activities.count as number;
    const all = await client({ useTempToken: false }).listActivities({ pageSize: total });
    expect(all).toHaveLength(total);
    expect(await lines()).toEqual([`GET /activities/${total}/0 200`, `GET /activities/${total}/${total} 200`]);
  });

  it('activities of one contact (linked, assigned or responsible)', async () => {
    const c = client();
    const all = await c.listActivities();
    const customer = all.find((a) => a.contacts.length > 0)!.contacts[0]!.contactId;
    const mine = await c.activitiesForContact(customer);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((a) => a.id)).toEqual(all.filter((a) => activityConcernsContact(a, customer)).map((a) => a.id));
    expect(mine.every((a) => a.contacts.some((x) => x.contactId === customer) || a.assignedToContactIds.includes(customer) || a.responsibleContactId === customer)).toBe(true);
  });

  it('tasks per contact and my open tasks come from GET /task, parsed as tasks', async () => {
    const c = client();
    const me = agent(3);
    const tasks = await c.tasksForContact(me);
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of tasks) expect(t).toMatchObject({ type: 'TASK', assignedToContactIds: expect.arrayContaining([me]), scheduledDateTime: expect.any(String) });
    const open = await c.myOpenTasks(me);
    expect(open.map((t) => t.id).sort()).toEqual(tasks.filter((t) => t.status === 'CREATED' || t.status === 'STARTED').map((t) => t.id).sort());
    const q = (await log()).filter((e) => e.path === '/task').map((e) => e.query as string);
    expect(q.at(-1)).toContain('status=CREATED%2CSTARTED');
    expect(q.at(-1)).toContain(`assignedToContactId=${me}`);
  });

  it('task search by scheduled date range', async () => {
    const c = client();
    const all = await c.searchTasks();
    const some = all[0]!;
    const found = await c.searchTasks({ fromScheduledDateTime: some.scheduledDateTime, toScheduledDateTime: some.scheduledDateTime });
    expect(found.map((t) => t.id)).toContain(some.id);
    expect(found.every((t) => t.scheduledDateTime === some.scheduledDateTime || Date.parse(t.scheduledDateTime) === Date.parse(some.scheduledDateTime))).toBe(true);
  });
});

describe('opentaps pushes', () => {
  it('creates a note with its client reference and links the contact', async () => {
    const c = client();
    const r = ref();
    const contactId = agent(0);
    const note = await c.createNote({ clientRef: r, noteText: 'Zákazník volal kvůli ETA', attributes: { orderId: 'ODR-1' }, contact: { contactId, role: 'caller' } });
    expect(note).toMatchObject({ type: 'NOTE', noteText: 'Zákazník volal kvůli ETA', clientRef: r, attributes: { orderId: 'ODR-1', docksideRef: r }, contacts: [{ contactId, role: 'caller' }] });
    const created = (await snapshot()).activities.created as Json[];
    expect(created.filter((a) => a.attributes?.docksideRef === r)).toHaveLength(1);
    expect((await c.findByClientRef(r))?.id).toBe(note.id);
    expect(await c.findByClientRef('no-such-ref')).toBeUndefined();
  });

  it('a create whose reply was lost is found again by its reference, not created twice', async () => {
    const c = client();
    const r = ref();
    await c.ping();
    await addFault(sim, { system: 'opentaps', route: '/activities', method: 'POST', kind: 'lost_reply' });
    const lost = await caught(c.createNote({ clientRef: r, noteText: 'Poznámka po výpadku', contact: { contactId: agent(2) } }));
    expect(lost).toMatchObject({ kind: 'network', retryable: true });
    const again = await c.createNote({ clientRef: r, noteText: 'Poznámka po výpadku', contact: { contactId: agent(2) } }, { reconcile: true });
    expect(again.contacts.map((x) => x.contactId)).toContain(agent(2));
    const created = ((await snapshot()).activities.created as Json[]).filter((a) => a.attributes?.docksideRef === r);
    expect(created).toHaveLength(1);
    expect(created[0]._id).toBe(again.id);
    expect((await log()).filter((e) => e.method === 'POST' && e.path === '/activities')).toHaveLength(1);
  });

  it('creates a task, finds it again after a lost reply, and walks the status machine', async () => {
    const c = client();
    const r = ref();
    const who = agent(4);
    const input = { clientRef: r, noteText: 'Zavolat zpět – reklamace', scheduledDateTime: '2031-03-04T09:00:00Z', assignedToContactId: who };
    await c.ping();
    await addFault(sim, { system: 'opentaps', route: '/task', method: 'POST', kind: 'lost_reply' });
    expect(await caught(c.createTask(input))).toMatchObject({ kind: 'network' });
    const task = await c.createTask(input, { reconcile: true });
    expect(task).toMatchObject({ type: 'TASK', status: 'CREATED', clientRef: r, assignedToContactIds: [who], scheduledDateTime: '2031-03-04T09:00:00Z' });
    expect((await log()).filter((e) => e.method === 'POST' && e.path === '/task')).toHaveLength(1);
    expect((await c.myOpenTasks(who)).map((t) => t.id)).toContain(task.id);

    const started = await c.changeTaskStatus({ activityId: task.id, from: 'CREATED', to: 'STARTED' });
    expect(started).toMatchObject({ id: task.id, status: 'STARTED' });
    // replaying the same change (its reply lost) is harmless
    expect(await c.changeTaskStatus({ activityId: task.id, from: 'CREATED', to: 'STARTED' })).toMatchObject({ status: 'STARTED' });
    expect(await c.changeTaskStatus({ activityId: task.id, from: 'STARTED', to: 'COMPLETED' })).toMatchObject({ status: 'COMPLETED' });
    expect((await c.myOpenTasks(who)).map((t) => t.id)).not.toContain(task.id);
    const put = (await log()).filter((e) => e.method === 'PUT');
    expect(put).toHaveLength(3);
    expect(put[0].body).toContain('partial=Yes&status=STARTED&authToken=');
    expect(put[0].body).not.toContain(sim.credentials.opentaps.authToken);
  });

  it('an illegal status change is refused locally as `validation`, before any request', async () => {
    const c = client({ useTempToken: false });
    for (const [from, to] of [['COMPLETED', 'STARTED'], ['CANCELLED', 'CREATED'], ['CREATED', 'COMPLETED'], ['STARTED', 'CREATED']] as const) {
      const e = await caught(c.changeTaskStatus({ activityId: '0123456789abcdef01234567', from, to }));
      expect(e).toMatchObject({ kind: 'validation', retryable: false, remote: 'opentaps' });
    }
    expect(await lines()).toEqual([]);
  });
});

describe('opentaps errors', () => {
  it('an injected 400 in the envelope style is `validation` with the remote message', async () => {
    await addFault(sim, { system: 'opentaps', route: '/activities/:id', kind: 'error', status: 400 });
    const e = await caught(client().changeTaskStatus({ activityId: '0123456789abcdef01234567', from: 'CREATED', to: 'STARTED' }));
    expect(e).toMatchObject({ kind: 'validation', status: 400, remoteMessage: expect.any(String), retryable: false });
  });

  it('an invalid task date is refused by the remote as `validation` with its words', async () => {
    const c = client();
    // our input check accepts what Date.parse reads; the remote is stricter about nothing here, so send through a raw field
    const raw = c as unknown as { exchange: (req: unknown, schema: unknown, what: string) => Promise<unknown> };
    const e = await caught(raw.exchange.call(c, { method: 'POST', path: '/task', params: { note_field_noteText: 'x', scheduledDateTime: 'tomorrow-ish', assignedToContactId: agent(0) } }, writeAnswerSchema, 'create task'));
    expect(e).toMatchObject({ kind: 'validation', status: 400, remoteMessage: 'Invalid scheduledDateTime "tomorrow-ish"' });
  });

  it('a remote 400 (missing text) comes back as `validation` carrying the remote words', async () => {
    // bypass our own input check to reach the remote's: an empty attribute-only create
    const c = client();
    const raw = c as unknown as { exchange: (req: unknown, schema: unknown, what: string) => Promise<unknown> };
    const e = await caught(raw.exchange.call(c, { method: 'POST', path: '/activities', params: { note_field_activityType: 'NOTE' } }, writeAnswerSchema, 'create activity'));
    expect(e).toMatchObject({ kind: 'validation', status: 400, remoteMessage: 'note_field_noteText is required', retryable: false });
  });

  it('unknown activity is `not_found`', async () => {
    const e = await caught(client().changeTaskStatus({ activityId: 'ffffffffffffffffffffffff', from: 'CREATED', to: 'CANCELLED' }));
    expect(e).toMatchObject({ kind: 'not_found', status: 404, remoteMessage: 'Activity ffffffffffffffffffffffff not found' });
  });

  it('429 keeps Retry-After; 5xx, reset and malformed bodies are retryable kinds', async () => {
    const c = client();
    await c.ping();
    await addFault(sim, { system: 'opentaps', route: '/task', kind: 'error', status: 429, retryAfter: 3 });
    expect(await caught(c.myOpenTasks(agent(0)))).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 3000, retryable: true });
    await addFault(sim, { system: 'opentaps', route: '/task', kind: 'error', status: 503, retryAfter: 2 });
    expect(await caught(c.myOpenTasks(agent(0)))).toMatchObject({ kind: 'server', status: 503, retryAfterMs: 2000, retryable: true });
    await addFault(sim, { system: 'opentaps', route: '/task', kind: 'error', status: 500 });
    expect(await caught(c.myOpenTasks(agent(0)))).toMatchObject({ kind: 'server', status: 500 });
    await addFault(sim, { system: 'opentaps', route: '/task', kind: 'reset' });
    expect(await caught(c.myOpenTasks(agent(0)))).toMatchObject({ kind: 'network', retryable: true });
    await addFault(sim, { system: 'opentaps', route: '/task', kind: 'malformed' });
    expect(await caught(c.myOpenTasks(agent(0)))).toMatchObject({ kind: 'bad_response', retryable: true });
    expect(await c.myOpenTasks(agent(0))).toEqual(expect.any(Array));
  });
});
