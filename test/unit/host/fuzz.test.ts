// Issue 7, point 9: web mode cannot be knocked over. A real host runs in a child process on
// 127.0.0.1; this test throws malformed HTTP paths, hand-made malformed WebSocket frames, random
// bytes after a valid upgrade and random JSON envelopes at it (fixed seed, bounded counts), then
// asserts the process is still running and still answers a valid call.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../../src-preload/contract';

const SEED = 20_261_126;
let child: ChildProcess;
let exited: { code: number | null; signal: string | null } | null = null;
let stderr = '';
let port: number;
let wsUrl: string;

beforeAll(async () => {
  const script = fileURLToPath(new URL('./fuzzHost.ts', import.meta.url));
  child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.on('exit', (code, signal) => (exited = { code, signal }));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const info = await new Promise<{ port: number; wsUrl: string }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
    });
    child.once('exit', () => reject(new Error(`fuzz host exited at start: ${stderr}`)));
  });
  ({ port, wsUrl } = info);
}, 30_000);

afterAll(async () => {
  if (!exited) {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
  }
});

function alive(): void {
  expect(exited, `web host exited; stderr:\n${stderr}`).toBeNull();
}

/** One raw HTTP/1.1 request; answers the status code (0 when the server just closed). */
function rawGet(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let data = '';
    s.on('data', (d) => (data += d.toString('latin1')));
    s.on('error', reject);
    s.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    s.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`, 'latin1');
  });
}

/** A raw socket after a valid WebSocket upgrade (token and all). */
function upgraded(): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const url = new URL(wsUrl);
    const s = net.connect(port, '127.0.0.1');
    let head = '';
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      s.off('data', onData);
      if (!head.startsWith('HTTP/1.1 101')) reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
      else resolve(s);
    };
    s.on('data', onData);
    s.on('error', reject);
    s.write(
      `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}

/** A client frame: masked unless told otherwise; `len` overrides the length field. */
function frame(first: number, payload: Buffer, opts: { mask?: boolean; len?: bigint } = {}): Buffer {
  const mask = opts.mask ?? true;
  const len = opts.len ?? BigInt(payload.length);
  const m = mask ? 0x80 : 0;
  let header: Buffer;
  if (len < 126n) header = Buffer.from([first, m | Number(len)]);
  else if (len < 65536n) {
    header = Buffer.from([first, m | 126, 0, 0]);
    header.writeUInt16BE(Number(len), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = m | 127;
    header.writeBigUInt64BE(len, 2);
  }
  if (!mask) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([header, key, body]);
}

const closeBody = (code: number, extra = Buffer.alloc(0)) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(code);
  return Buffer.concat([b, extra]);
};

/**
 * Sends bytes on a fresh upgraded socket and answers the close code the server sent (or 'closed'
 * when it only dropped the connection, or 'open' if it still waits after we stopped sending).
 */
async function sendRaw(bytes: Buffer, opts: { endAfter?: boolean } = {}): Promise<number | 'closed' | 'open'> {
  const s = await upgraded();
  return new Promise((resolve) => {
    let got = Buffer.alloc(0);
    s.on('data', (d: Buffer) => (got = Buffer.concat([got, d])));
    s.on('error', () => undefined);
    s.on('close', () => {
      // Server frames are unmasked: a close frame is 0x88, length, then the code.
      const i = got.findIndex((b, k) => b === 0x88 && k + 3 < got.length);
      resolve(i >= 0 && got[i + 1]! >= 2 ? got.readUInt16BE(i + 2) : 'closed');
    });
    s.write(bytes);
    // Random bytes may be a frame still waiting for the rest: then we hang up (bounded).
    if (opts.endAfter) s.end();
  });
}

describe('web mode under malformed input', () => {
  it('answers 400 to malformed percent-encodings and some answer to every random path', async () => {
    for (const bad of ['/%', '/%%', '/%zz', '/%E0%A4%A', '/%C0', '/assets/%', '/%ed%a0%80', '/a/%2']) {
      expect(await rawGet(bad), bad).toBe(400);
    }
    const paths = fc.sample(
      fc.array(fc.constantFrom('%', '/', '.', 'a', 'Z', '0', 'e', 'f', 'F', '2', '?', '#', '~', '\\', '%2e', '%2f', '%00', '%ff', 'é', '%u'), { maxLength: 24 }).map((parts) => '/' + parts.join('')),
      { numRuns: 150, seed: SEED },
    );
    for (const p of paths) {
      const status = await rawGet(p);
      expect(status, p).toBeGreaterThanOrEqual(200);
      expect(status, p).toBeLessThan(500);
    }
    alive();
  });

  it('answers malformed upgrade requests with an HTTP error', async () => {
    const token = new URL(wsUrl).search;
    const upgrade = (target: string, headers: string) =>
      new Promise<number>((resolve, reject) => {
        const s = net.connect(port, '127.0.0.1');
        let data = '';
        const status = () => Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
        s.on('data', (d) => {
          data += d.toString('latin1');
          // A 101 leaves the socket open: the status line is all this needs.
          if (data.includes('\r\n\r\n')) s.destroy();
        });
        s.on('error', reject);
        s.on('close', () => resolve(status()));
        s.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${headers}\r\n`, 'latin1');
      });
    const key = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    expect(await upgrade(`/rpc${token}`, 'Sec-WebSocket-Version: 13\r\n')).toBe(400);
    expect(await upgrade(`/rpc${token}`, `${key}Sec-WebSocket-Version: 99\r\n`)).toBe(400);
    expect(await upgrade(`/rpc${token}`, 'Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n')).toBe(400);
    expect(await upgrade(`/rpc${token}`, `${key}Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate; x=%\r\n`)).toBe(101);
    expect(await upgrade('/%', `${key}Sec-WebSocket-Version: 13\r\n`)).toBe(404);
    expect(await upgrade('/rpc?token=%', `${key}Sec-WebSocket-Version: 13\r\n`)).toBe(401);
    alive();
  });

  it('closes only the offending connection for each malformed frame, with the matching close code', async () => {
    const text = Buffer.from('{"id":1}');
    const cases: [string, Buffer, number][] = [
      ['unmasked', frame(0x81, text, { mask: false }), 1002],
      ['RSV1 without an extension', frame(0xc1, text), 1002],
      ['RSV2', frame(0xa1, text), 1002],
      ['reserved opcode 0x3', frame(0x83, text), 1002],
      ['reserved control opcode 0xB', frame(0x8b, Buffer.alloc(0)), 1002],
      ['invalid UTF-8', frame(0x81, Buffer.from([0x7b, 0xc3, 0x28, 0x7d])), 1007],
      ['over the size limit', frame(0x82, Buffer.alloc(0), { len: 64n * 1024n * 1024n }), 1009],
      ['length beyond 2^53', frame(0x82, Buffer.alloc(0), { len: 2n ** 63n }), 1009],
      ['close code 999', frame(0x88, closeBody(999)), 1002],
      ['close code 1005', frame(0x88, closeBody(1005)), 1002],
      ['close code 5000', frame(0x88, closeBody(5000)), 1002],
      ['close with one byte', frame(0x88, Buffer.from([3])), 1002],
      ['close reason invalid UTF-8', frame(0x88, closeBody(1000, Buffer.from([0xff]))), 1007],
      ['ping of 126 bytes', frame(0x89, Buffer.alloc(126)), 1002],
      ['fragmented ping', frame(0x09, Buffer.alloc(1)), 1002],
      ['continuation without a start', frame(0x80, text), 1002],
      ['new message inside a fragmented one', Buffer.concat([frame(0x01, text), frame(0x81, text)]), 1002],
    ];
    for (const [name, bytes, code] of cases) expect(await sendRaw(bytes), name).toBe(code);
    alive();
  });

  it('survives random bytes after a valid upgrade', async () => {
    const samples = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 96 }), { numRuns: 80, seed: SEED });
    for (let i = 0; i < samples.length; i += 10) {
      await Promise.all(samples.slice(i, i + 10).map((b) => sendRaw(Buffer.from(b), { endAfter: true })));
    }
    alive();
  });

  it('answers every random envelope with one well-formed result, never INTERNAL', async () => {
    const names = Object.keys(methods);
    const envelope = fc.oneof(
      fc.record(
        {
          id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
          method: fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 120 })),
          input: fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.constantFrom('pin', 'id', 'name', 'template', 'data', 'role', 'limit', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 3 }))),
          idempotencyKey: fc.oneof(fc.string({ maxLength: 80 }), fc.integer(), fc.constant(null)),
        },
        { requiredKeys: ['id'] },
      ).map((e) => JSON.stringify(e)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
    );
    const messages = fc.sample(envelope, { numRuns: 400, seed: SEED });
    const ws = new WebSocket(wsUrl);
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    const replies: { id?: unknown; result?: { ok?: unknown; error?: { code?: unknown } } }[] = [];
    const all = new Promise<void>((resolve) =>
      ws.on('message', (d) => {
        const msg = JSON.parse(d.toString());
        if ('event' in msg) return;
        replies.push(msg);
        if (replies.length === messages.length) resolve();
      }),
    );
    for (const m of messages) ws.send(m);
    await all;
    for (const r of replies) {
      expect(typeof r.result?.ok).toBe('boolean');
      expect(r.result?.error?.code, JSON.stringify(r)).not.toBe('INTERNAL');
    }
    ws.close();
    alive();
  });

  it('still answers a valid call on a new connection afterwards', async () => {
    alive();
    const ws = new WebSocket(wsUrl);
    await new Promise((r) => ws.once('open', r));
    const reply = new Promise<{ id: number; result: { ok: boolean; value?: { transport?: string } } }>((resolve) =>
      ws.on('message', (d) => {
        const msg = JSON.parse(d.toString());
        if (msg.id === 1) resolve(msg);
      }),
    );
    ws.send(JSON.stringify({ id: 1, method: 'system.info', input: {} }));
    expect((await reply).result).toMatchObject({ ok: true, value: { transport: 'websocket' } });
    ws.close();
    alive();
  });
});
