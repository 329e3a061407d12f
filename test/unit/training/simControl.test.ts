// Core reads the simulator's control API as it reads any remote: every answer checked, anything
// unexpected an UNAVAILABLE with a reason code (never a crash, never a half-read list).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { trainingStatus, type SimFault } from '../../../src-main/core/training/domain';
import { SimControl } from '../../../src-main/core/training/simControl';
import { AppError } from '../../../src-main/core/rpc/errors';

let server: http.Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function serve(status: number, body: string): Promise<string> {
  server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/_sim`;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('SimControl', () => {
  it('a body of the wrong shape is UNAVAILABLE simulator_refused', async () => {
    const url = await serve(200, JSON.stringify([{ id: 'f1', system: 'nowhere', kind: 'reset' }]));
    const e = await failure(new SimControl(url).faults());
    expect([e.code, e.details]).toEqual(['UNAVAILABLE', { reason: 'simulator_refused' }]);
  });

  it('truncated JSON and an unexpected status are refused too', async () => {
    expect((await failure(new SimControl(await serve(200, '[{"id":')).faults())).details).toEqual({ reason: 'simulator_refused' });
    server!.close();
    expect((await failure(new SimControl(await serve(400, '{"error":"bad_request"}')).ring({ number: '1' }))).details).toEqual({ reason: 'simulator_refused' });
  });

  it('nobody listening is UNAVAILABLE simulator_unreachable', async () => {
    const url = await serve(200, '[]');
    await new Promise<void>((r) => server!.close(() => r()));
    server = null;
    expect((await failure(new SimControl(url).faults())).details).toEqual({ reason: 'simulator_unreachable' });
  });
});

describe('trainingStatus', () => {
  const f = (over: Partial<SimFault>): SimFault => ({ id: 'f1', system: 'homs', kind: 'reset', remaining: null, expiresAt: 1, applied: 0, ...over });
  it('a timed reset on every request of one remote reads as "offline"; anything narrower is a listed fault', () => {
    expect(
      trainingStatus([
        f({ id: 'a', system: 'opentaps' }),
        f({ id: 'b', system: 'homs' }),
        f({ id: 'c', system: 'homs', route: '/orders' }),
        f({ id: 'd', system: '*' }),
        f({ id: 'e', system: 'ucs', remaining: 1, expiresAt: null }),
        f({ id: 'g', system: 'afosto', kind: 'error', status: 429, remaining: 3, expiresAt: null }),
      ]),
    ).toEqual({
      offline: ['homs', 'opentaps'],
      faults: [
        { id: 'c', remote: 'homs', kind: 'reset', status: null, remaining: null, expiresAt: 1, applied: 0 },
        { id: 'd', remote: null, kind: 'reset', status: null, remaining: null, expiresAt: 1, applied: 0 },
        { id: 'e', remote: 'ucs', kind: 'reset', status: null, remaining: 1, expiresAt: null, applied: 0 },
        { id: 'g', remote: 'afosto', kind: 'error', status: 429, remaining: 3, expiresAt: null, applied: 0 },
      ],
    });
  });
});
