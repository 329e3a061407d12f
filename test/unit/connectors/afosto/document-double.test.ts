// The client against a tiny double written from the reference alone (not the simulator): the
// places where the document allows more than the simulator does must still work.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AfostoClient } from '../../../../src-main/core/connectors/afosto/client';
import type { RemoteError } from '../../../../src-main/core/connectors/shared/errors';

let server: http.Server;
let base: string;
let seen: { method: string; url: string; page: string | undefined; size: string | undefined; auth: string | undefined; body: string }[] = [];
let answer: (req: http.IncomingMessage, body: string) => { status: number; headers?: Record<string, string>; body?: unknown };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', page: req.headers['x-page'] as string, size: req.headers['x-page-size'] as string, auth: req.headers.authorization, body });
      if (req.url === '/iam/oauth/authorize') {
        // the seed types expires_in "integer"; a string must not break us either
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token_type: 'Bearer', expires_in: '3600', access_token: 'tok', refresh_token: 'r' }));
        return;
      }
      const a = answer(req, body);
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(a.body === undefined ? '' : JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen = [];
});

const client = () => new AfostoClient({ baseUrl: base, clientId: 'a', clientSecret: 'b' }, { taskPollMs: 5 });
const parcel = (id: string) => ({ id, shipment_id: 's1', items: [] });

describe('afosto client against a document-shaped double', () => {
  it('sends x-page / x-page-size; a counted list without x-count falls back to the short-page rule', async () => {
    answer = (req) => {
      const page = Number(req.headers['x-page']);
      return { status: 200, body: page < 3 ? [parcel(`p${page}a`), parcel(`p${page}b`)] : [parcel('last')] };
    };
    const c = client();
    const all = await c.all((o) => c.parcels(o), { pageSize: 2 });
    expect(all.map((p) => p.id)).toEqual(['p1a', 'p1b', 'p2a', 'p2b', 'last']);
    const pages = seen.filter((s) => s.url === '/lcs/parcels');
    expect(pages.map((s) => [s.page, s.size])).toEqual([['1', '2'], ['2', '2'], ['3', '2']]);
    expect(seen[0]?.body).toContain('"grant_type":"client_credentials"');
  });

  it('x-count as the document types it (a string) ends paging at the count', async () => {
    answer = () => ({ status: 200, headers: { 'x-count': '4' }, body: [parcel('x'), parcel('y')] });
    const c = client();
    expect(await c.all((o) => c.parcels(o), { pageSize: 2 })).toHaveLength(4);
    expect(seen.filter((s) => s.url === '/lcs/parcels')).toHaveLength(2);
  });

  it('PUT /lcs/lists/{id}/items may answer 200 {"success":1} (documented beside 204)', async () => {
    answer = () => ({ status: 200, body: { success: 1 } });
    await expect(client().updatePickItems('l1', [{ id: 'u1', is_handled: true }])).resolves.toBeUndefined();
    expect(JSON.parse(seen.at(-1)?.body ?? '')).toEqual([{ id: 'u1', is_handled: true }]);
  });

  it('a parcel label may be absent; a file may come as the documented array or a bare object', async () => {
    answer = (req) => {
      if (req.url === '/lcs/parcels/p1/label') return { status: 204, headers: { 'x-task-id': 't1' } };
      if (req.url === '/mes/tasks/t1') return { status: 200, body: { id: 't1', progress: 100, result: '', completed_at: '2024-03-05T13:41:00Z' } };
      if (req.url === '/lcs/parcels/p1') return { status: 200, body: { ...parcel('p1'), label: { file_id: 'f1', reference: 'X', label_text: '', requested_at: '2024-03-05T13:40:00Z' } } };
      if (req.url === '/cnt/files/f1') return { status: 200, body: { id: 'f1', mime: 'application/pdf', url: `${base}/raw/f1` } };
      if (req.url === '/raw/f1') return { status: 200, body: 'PDF' };
      return { status: 404, body: { code: 404, message: 'Not found', reference: 'r', errors: { 'invalid value': [], required: [] } } };
    };
    const c = client();
    expect((await c.parcel('p1')).label?.file_id).toBe('f1');
    const f = await c.labelFile('p1');
    expect(Buffer.from(f.bytes).toString()).toBe('"PDF"');
    // the file URL is signed: no bearer token goes to it
    expect(seen.find((s) => s.url === '/raw/f1')).toMatchObject({ auth: undefined });
    expect(seen.find((s) => s.url === '/cnt/files/f1')).toMatchObject({ auth: 'Bearer tok' });
  });

  it('a label request without x-task-id is a bad response, not a silent success', async () => {
    answer = () => ({ status: 204 });
    expect(await client().requestLabel('p1').catch((e: unknown) => e as RemoteError)).toMatchObject({ kind: 'bad_response' });
  });

  it('the documented error body: message and field lists reach the Sync screen', async () => {
    answer = () => ({ status: 400, body: { code: 400, message: 'Invalid request', reference: 'ref-1', errors: { 'invalid value': ['weight'], required: ['shipment_id'] } } });
    const err = await client().createParcel({ shipment_id: '' }).catch((e: unknown) => e as RemoteError);
    expect(err).toMatchObject({ kind: 'validation', status: 400, remoteMessage: 'Invalid request (invalid value: weight; required: shipment_id)' });
    expect(err.details).toEqual({ reference: 'ref-1', invalid: ['weight'], required: ['shipment_id'] });
  });

  it('a 2xx body that is not the documented shape is bad_response', async () => {
    answer = () => ({ status: 200, body: [{ number: 'no id' }] });
    expect(await client().parcels().catch((e: unknown) => e as RemoteError)).toMatchObject({ kind: 'bad_response' });
  });
});
