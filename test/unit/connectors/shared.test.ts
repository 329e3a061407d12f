// The HTTP edge all five connectors share: failures become RemoteError kinds the sync engine can
// act on, Retry-After survives, bodies are checked, and a burst of 401s refreshes the token once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RemoteError } from '../../../src-main/core/connectors/shared/errors';
import { parseBody, send, statusError } from '../../../src-main/core/connectors/shared/http';
import { TokenSource } from '../../../src-main/core/connectors/shared/token';

let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 500);
    if (req.url === '/busy') return void res.writeHead(429, { 'retry-after': '7' }).end();
    if (req.url === '/broken') return void res.writeHead(200).end('{"a":');
    if (req.url === '/reset') return void req.socket.destroy();
    if (req.url?.startsWith('/echo')) {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: req.url, body, type: req.headers['content-type'] })));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const o = () => ({ remote: 'homs' as const, baseUrl: base, timeoutMs: 150 });
const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as RemoteError);

describe('connectors/shared http', () => {
  it('sends query and JSON, and returns any status without throwing', async () => {
    const res = await send(o(), { method: 'POST', path: '/echo', query: { page: 2, q: 'a b', skip: undefined }, json: { x: 1 } });
    expect(JSON.parse(res.text)).toEqual({ url: '/echo?page=2&q=a+b', body: '{"x":1}', type: 'application/json' });
    expect((await send(o(), { path: '/nowhere' })).status).toBe(404);
  });

  it('no answer in time is `timeout`; a reset or refused connection is `network`; both retryable', async () => {
    const slow = await caught(send(o(), { path: '/slow' }));
    expect(slow).toMatchObject({ kind: 'timeout', remote: 'homs', retryable: true });
    expect(await caught(send(o(), { path: '/reset' }))).toMatchObject({ kind: 'network', retryable: true });
    expect(await caught(send({ ...o(), baseUrl: 'http://127.0.0.1:1' }, { path: '/x' }))).toMatchObject({ kind: 'network' });
  });

  it('429 keeps Retry-After; statuses map to kinds; validation and auth are not retryable', async () => {
    const busy = statusError('homs', await send(o(), { path: '/busy' }), 'list orders');
    expect(busy).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 7000, retryable: true });
    const res = (status: number) => ({ status, headers: new Headers(), text: '' });
    expect(statusError('homs', res(422), 'x', { remoteMessage: 'code is taken' })).toMatchObject({ kind: 'validation', retryable: false, remoteMessage: 'code is taken' });
    expect(statusError('homs', res(401), 'x')).toMatchObject({ kind: 'auth', retryable: false });
    expect(statusError('homs', res(503), 'x')).toMatchObject({ kind: 'server', retryable: true });
    expect(statusError('homs', res(404), 'x').kind).toBe('not_found');
  });

  it('a body that is not JSON, or not the documented shape, is `bad_response` naming the path', async () => {
    const broken = await send(o(), { path: '/broken' });
    expect(() => parseBody('homs', broken, z.object({ a: z.number() }), 'order')).toThrow(expect.objectContaining({ kind: 'bad_response' }));
    const wrong = { status: 200, headers: new Headers(), text: '{"a":"1"}' };
    const err = (() => {
      try {
        parseBody('homs', wrong, z.object({ a: z.number() }), 'order');
      } catch (e) {
        return e as RemoteError;
      }
    })();
    expect(err?.message).toContain('a:');
    expect(parseBody('homs', { ...wrong, text: '{"a":1}' }, z.object({ a: z.number() }), 'order')).toEqual({ a: 1 });
  });
});

describe('connectors/shared TokenSource', () => {
  it('issues once for a burst, renews before expiry, and refreshes once for many 401s of the same token', async () => {
    let now = 1_000_000;
    let issued = 0;
    const tokens = new TokenSource(async () => {
      issued++;
      await new Promise((r) => setTimeout(r, 5));
      return { token: `t${issued}`, expiresAt: now + 3_600_000 };
    }, () => now);
    expect(await Promise.all([tokens.get(), tokens.get(), tokens.get()])).toEqual(['t1', 't1', 't1']);
    expect(issued).toBe(1);
    // Twenty calls all met a 401 with t1: one refresh.
    const after = await Promise.all(Array.from({ length: 20 }, () => tokens.refresh('t1')));
    expect(new Set(after.map((t) => t.token))).toEqual(new Set(['t2']));
    expect(issued).toBe(2);
    // A late 401 for the old token does not throw away the new one.
    expect((await tokens.refresh('t1')).token).toBe('t2');
    expect(issued).toBe(2);
    now += 3_600_000 - 30_000; // inside the renewal margin
    expect(await tokens.get()).toBe('t3');
  });

  it('a failed issue is not cached: the next call tries again', async () => {
    let fail = true;
    const tokens = new TokenSource(async () => {
      if (fail) throw new RemoteError({ remote: 'ucs', kind: 'auth', message: 'invalid_client' });
      return { token: 'ok' };
    });
    await expect(tokens.get()).rejects.toMatchObject({ kind: 'auth' });
    fail = false;
    expect(await tokens.get()).toBe('ok');
  });
});
