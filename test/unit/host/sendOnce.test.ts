// Issue 7, point 6: a call is sent once. Over the real web-mode WebSocket (host/server.ts and the
// renderer's wsBridge, with `ws` as the WebSocket), a reprint across a dropped socket prints
// exactly once, counted in the bytes that reach a fake Zebra on 127.0.0.1.
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../../src-main/core/rpc/dispatcher';
import { startWebHost, type WebHost } from '../../../src-main/host/server';
import { createApi, RpcError, type Api } from '../../../src-renderer/src/api/client';
import { createWsBridge, type WsBridge, type WsConstructor } from '../../../src-renderer/src/api/wsBridge';
import { createTestCore, type TestCore } from '../../helpers/core';
import { FakeZebra } from '../printing/fakeZebra';

/** A port nothing listens on: connecting there is refused at once (the service is "down"). */
async function deadPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

let t: TestCore;
let zebra: FakeZebra;
let host: WebHost;
let bridge: WsBridge;
let api: Api;
/** Every client socket the bridge opened, newest last. */
let sockets: WebSocket[];
/** While true, the bridge's connection attempts are refused. */
let down: boolean;
/** Every envelope that reached the dispatcher. */
let arrived: { method?: unknown; idempotencyKey?: unknown }[];
/** Set to cut the client's socket right after the dispatcher answered this method, before the answer is sent. */
let cutAfter: string | null;

beforeEach(async () => {
  t = await createTestCore();
  zebra = await new FakeZebra().start();
  sockets = [];
  down = false;
  arrived = [];
  cutAfter = null;
  const dispatcher: Dispatcher = {
    async dispatch(envelope, transport) {
      const env = envelope as { method?: unknown; idempotencyKey?: unknown };
      arrived.push(env);
      const result = await t.core.dispatcher.dispatch(envelope, transport);
      if (cutAfter !== null && env.method === cutAfter) {
        cutAfter = null;
        sockets.at(-1)?.terminate();
      }
      return result;
    },
  };
  host = await startWebHost({ dispatcher, events: t.core.events, logger: t.logger, rendererDir: path.join(t.dir, 'renderer'), port: 0 });
  const refusedUrl = `ws://127.0.0.1:${await deadPort()}/rpc`;
  class TrackedWs extends WebSocket {
    constructor(url: string) {
      super(down ? refusedUrl : url);
      sockets.push(this);
    }
  }
  bridge = createWsBridge(host.wsUrl, { WebSocket: TrackedWs as unknown as WsConstructor, reconnectMs: 10, callTimeoutMs: 15_000 });
  await bridge.ready;
  api = createApi(bridge);
});

afterEach(async () => {
  bridge.close();
  await host.close();
  await zebra.stop();
  await t.dispose();
});

function connection(wanted: boolean): Promise<void> {
  return new Promise((resolve) => {
    const off = bridge.onConnection((c) => c === wanted && (off(), resolve()));
  });
}

/** Labels the printer received: every ZPL label starts with ^XA. */
const labelsPrinted = () => zebra.received().split('^XA').length - 1;

/** Waits (bounded) until no job is queued or on its way, then answers the jobs. */
async function settledJobs() {
  for (let i = 0; i < 300; i++) {
    const jobs = await api.call('printing.jobs', {});
    if (jobs.every((j) => j.status === 'done' || j.status === 'failed')) return jobs;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('print jobs did not settle');
}

/** A signed-in supervisor, the fake Zebra as a printer, and one test label printed on it. */
async function printedOnce() {
  await api.call('station.setup', { stationName: 'Bench 3', name: 'Jana', pin: '999999' });
  const printer = await api.call('printing.savePrinter', { name: 'Zebra', uri: zebra.uri, options: { connectTimeoutMs: 2000 } });
  const job = await api.call('printing.testPrinter', { id: printer.id });
  expect(job.status).toBe('done');
  expect(labelsPrinted()).toBe(1);
  return job;
}

describe('a call is sent once over the WebSocket', () => {
  it('a reprint asked for while the socket is down is answered UNAVAILABLE and never runs after reconnecting', async () => {
    const job = await printedOnce();
    down = true;
    const lost = connection(false);
    sockets.at(-1)!.terminate();
    await lost;

    const failed = await api.call('printing.reprint', { id: job.id }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(RpcError);
    expect(failed).toMatchObject({ code: 'UNAVAILABLE' });

    down = false;
    await connection(true);
    // Calls on one socket are handled in order: had the reprint been queued, it would have run by now.
    const jobs = await settledJobs();
    expect(jobs.filter((j) => j.reprintOf === job.id)).toEqual([]);
    expect(arrived.filter((e) => e.method === 'printing.reprint')).toEqual([]);
    expect(labelsPrinted()).toBe(1);
  });

  it('a reprint whose answer is lost with the socket is resent with the same key and prints once', async () => {
    const job = await printedOnce();
    cutAfter = 'printing.reprint';
    const reprint = await api.call('printing.reprint', { id: job.id });

    // It reached main twice (the first answer was lost), both times under one key...
    const sent = arrived.filter((e) => e.method === 'printing.reprint');
    expect(sent).toHaveLength(2);
    expect(typeof sent[0]!.idempotencyKey).toBe('string');
    expect(sent[1]!.idempotencyKey).toBe(sent[0]!.idempotencyKey);
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    // ...and acted once: one reprint job, which is the one the caller was told about, one more label.
    const jobs = await settledJobs();
    const reprints = jobs.filter((j) => j.reprintOf === job.id);
    expect(reprints.map((j) => j.id)).toEqual([reprint.id]);
    expect(reprints[0]!.status).toBe('done');
    expect(labelsPrinted()).toBe(2);
  });

  it('a second reprint is a new call: it prints again', async () => {
    const job = await printedOnce();
    await api.call('printing.reprint', { id: job.id });
    await api.call('printing.reprint', { id: job.id });
    await settledJobs();
    expect(labelsPrinted()).toBe(3);
  });

  it('a query in flight when the socket drops is answered UNAVAILABLE, not resent', async () => {
    await printedOnce();
    cutAfter = 'printing.jobs';
    const back = connection(true);
    await expect(api.call('printing.jobs', {})).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'Connection to the Dockside service was lost' });
    await back;
    expect(arrived.filter((e) => e.method === 'printing.jobs')).toHaveLength(1);
  });
});
