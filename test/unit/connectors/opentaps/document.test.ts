// What the document leaves open, against a tiny double written from the digest alone (not the
// simulator): no token service, a 200 that carries only an error, errors in every documented
// variant, the seed's `activityTypeId`, an undocumented create answer, a remote that ignores startFrom.
import { describe, expect, it } from 'vitest';
import { OpentapsClient } from '../../../../src-main/core/connectors/opentaps/client';
import type { RemoteError } from '../../../../src-main/core/connectors/shared/errors';

type Handler = (url: URL, body: URLSearchParams) => { status: number; body: unknown } | undefined;

function double(handler: Handler) {
  const seen: string[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = new URLSearchParams(typeof init?.body === 'string' ? init.body : '');
    seen.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    const r = handler(url, body) ?? { status: 404, body: { error: 'no route' } };
    return new Response(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const client = new OpentapsClient({ baseUrl: 'http://crm2.test', authToken: 'perm', clientDomain: 'mydomain.com' }, { fetch: fetchFn });
  return { client, seen };
}
const ok = (v: unknown) => ({ status: 200, body: { result: { resultValue: v } } });
const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as RemoteError);

describe('opentaps against a document-only double', () => {
  it('without a token service the permanent token is used, asked for once', async () => {
    const tokens: string[] = [];
    const { client, seen } = double((url) => {
      if (url.pathname === '/activities/1/0') {
        tokens.push(url.searchParams.get('authToken') ?? '');
        return ok([]);
      }
      return undefined;
    });
    await client.ping();
    await client.ping();
    expect(tokens).toEqual(['perm', 'perm']);
    expect(seen.filter((s) => s.includes('temp-token'))).toHaveLength(1);
  });

  it('reads the seed spelling activityTypeId, mixed-case status and a lone assignee', async () => {
    const { client } = double((url) => {
      if (url.pathname === '/oauth/temp-token') return { status: 200, body: { authToken: 'tmp' } };
      if (url.pathname === '/task') return ok([{ _id: 't1', activityTypeId: 'task', status: 'Started', scheduledDateTime: '2024-08-08T09:00:00Z', assignedToContact: 'c1', attributes: null }]);
      return undefined;
    });
    expect(await client.myOpenTasks('c1')).toEqual([
      expect.objectContaining({ id: 't1', type: 'TASK', status: 'STARTED', assignedToContactIds: ['c1'], attributes: {}, clientRef: null }),
    ]);
  });

  it('a task with a status off the machine, or an activity without _id, is `bad_response`', async () => {
    const { client } = double((url) => {
      if (url.pathname === '/oauth/temp-token') return { status: 200, body: { authToken: 'tmp' } };
      if (url.pathname === '/task') return ok([{ _id: 't1', activityType: 'TASK', status: 'PAUSED', scheduledDateTime: '2024-08-08T09:00:00Z' }]);
      if (url.pathname.startsWith('/activities/')) return ok([{ activityType: 'NOTE' }]);
      return undefined;
    });
    expect(await caught(client.tasksForContact('c1'))).toMatchObject({ kind: 'bad_response' });
    expect(await caught(client.listActivities())).toMatchObject({ kind: 'bad_response' });
  });

  it('error variants: `error`, `message` with `errors`, `errors` alone, a 200 error, a bare 500', async () => {
    let reply: { status: number; body: unknown } = { status: 200, body: {} };
    const { client } = double((url) => (url.pathname === '/oauth/temp-token' ? { status: 200, body: { authToken: 'tmp' } } : reply));
    reply = { status: 400, body: { error: 'noteText is required' } };
    expect(await caught(client.ping())).toMatchObject({ kind: 'validation', remoteMessage: 'noteText is required' });
    reply = { status: 422, body: { errors: ['x'], message: 'Bad input' } };
    expect(await caught(client.ping())).toMatchObject({ kind: 'validation', remoteMessage: 'Bad input' });
    reply = { status: 403, body: { errors: [{ message: 'ACTIVITY_VIEW required' }, 'really'] } };
    expect(await caught(client.ping())).toMatchObject({ kind: 'forbidden', remoteMessage: 'ACTIVITY_VIEW required; really' });
    reply = { status: 200, body: { error: 'Unknown activity type FOO' } };
    expect(await caught(client.ping())).toMatchObject({ kind: 'validation', remoteMessage: 'Unknown activity type FOO' });
    reply = { status: 500, body: '<html>oops</html>' };
    expect(await caught(client.ping())).toMatchObject({ kind: 'server', status: 500, remoteMessage: undefined });
  });

  it('a create answer that is not the activity: the activity is found by its client reference', async () => {
    const stored: Record<string, unknown>[] = [];
    const { client } = double((url, body) => {
      if (url.pathname === '/oauth/temp-token') return { status: 200, body: { authToken: 'tmp' } };
      if (url.pathname === '/activities' && body.get('note_field_noteText')) {
        stored.push({ _id: `a${stored.length}`, activityType: body.get('note_field_activityType'), noteText: body.get('note_field_noteText'), attributes: { docksideRef: body.get('note_field_attribute_docksideRef') } });
        return ok('saved');
      }
      const m = /^\/activities\/(\d+)\/(\d+)$/.exec(url.pathname);
      if (m) return ok(stored.slice(Number(m[2]), Number(m[2]) + Number(m[1])));
      return undefined;
    });
    const a = await client.createNote({ clientRef: 'ref-1', noteText: 'hello' });
    expect(a).toMatchObject({ id: 'a0', type: 'NOTE', clientRef: 'ref-1' });
  });

  it('a remote that ignores startFrom ends the paging instead of looping', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ _id: `a${i}`, activityType: 'NOTE' }));
    const more = double((url) => (url.pathname.startsWith('/activities/') ? ok(all) : url.pathname === '/oauth/temp-token' ? { status: 200, body: { authToken: 't' } } : undefined));
    expect(await more.client.listActivities({ pageSize: 2 })).toHaveLength(5);
    expect(more.seen.filter((s) => s.startsWith('GET /activities'))).toHaveLength(1);
    const same = double((url) => (url.pathname.startsWith('/activities/') ? ok(all.slice(0, 2)) : url.pathname === '/oauth/temp-token' ? { status: 200, body: { authToken: 't' } } : undefined));
    expect(await caught(same.client.listActivities({ pageSize: 2 }))).toMatchObject({ kind: 'bad_response' });
    expect(same.seen.filter((s) => s.startsWith('GET /activities'))).toHaveLength(2);
  });
});
