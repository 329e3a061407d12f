import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { fileLogger } from '../../../src-main/host/fileLogger';
import { MAX_INCOMING_MESSAGE, startWebHost, type WebHost } from '../../../src-main/host/server';
import { templateRequestSchema } from '../../../src-preload/contract';
import { createApi } from '../../../src-renderer/src/api/client';
import { createWsBridge, type WsConstructor } from '../../../src-renderer/src/api/wsBridge';
import { createTestCore, type TestCore } from '../../helpers/core';
import { shipFrom, shipTo } from '../printing/fixtures';

let t: TestCore;
let host: WebHost;
beforeAll(async () => {
  t = await createTestCore();
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Dockside</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(t.dir, 'dockside-secret.txt'), 'outside the renderer');
  host = await startWebHost({ dispatcher: t.core.dispatcher, events: t.core.events, logger: t.logger, rendererDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  await t.dispose();
});

function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: host.port, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

function wsStatus(url: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token in the fragment', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{32}$`));
  });

  it('serves the renderer with a strict CSP and falls back to index.html for app routes', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain(`ws://127.0.0.1:${host.port}`);
    expect(index.headers['content-security-policy']).toContain("object-src 'none'");
    expect((await get('/settings/printers')).body).toContain('<title>Dockside');
    const asset = await get('/assets/app.js');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await get('/../dockside-secret.txt')).body).not.toContain('outside the renderer');
    expect((await get('/%2e%2e/dockside-secret.txt')).body).not.toContain('outside the renderer');
    // An encoded slash survives URL normalisation and decodes to a real "../".
    expect((await get('/..%2fdockside-secret.txt')).status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/', { host: `evil.example:${host.port}` })).status).toBe(421);
  });

  it('opens the WebSocket only with the right token, from our own origin', async () => {
    expect(await wsStatus(host.wsUrl)).toBe('open');
    expect(await wsStatus(host.wsUrl, { origin: `http://127.0.0.1:${host.port}` })).toBe('open');
    expect(await wsStatus(host.wsUrl.replace(/token=.*/, 'token=wrong'))).toBe(401);
    expect(await wsStatus(host.wsUrl.replace(/\?token=.*/, ''))).toBe(401);
    expect(await wsStatus(host.wsUrl, { origin: 'http://evil.example' })).toBe(403);
    expect(t.logger.lines.some((l) => l.includes('websocket refused') && l.includes('"why":"token"'))).toBe(true);
  });

  it('answers malformed frames with a VALIDATION error and keeps the socket open', async () => {
    const ws = new WebSocket(host.wsUrl);
    await new Promise((r) => ws.once('open', r));
    const replies: unknown[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
    ws.send('{not json');
    ws.send(JSON.stringify({ id: 7, method: 'system.status', input: {} }));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => replies.length >= 2 && (clearInterval(timer), resolve()), 5);
    });
    expect(replies[0]).toEqual({ id: null, result: { ok: false, error: { code: 'VALIDATION', message: 'Malformed JSON' } } });
    expect(replies[1]).toMatchObject({ id: 7, result: { ok: true } });
    ws.close();
  });

  it('answers 400 to a malformed percent-encoding (no token needed) and keeps serving', async () => {
    for (const bad of ['/%', '/%zz', '/assets/%E0%A4%A', '/%%', '/a%2']) {
      const res = await get(bad);
      expect(res.status, bad).toBe(400);
    }
    expect((await get('/')).status).toBe(200);
  });

  it('carries a 2,000-line packing slip preview (1.3 MB request, 1.9 MB answer) over the real socket', async () => {
    const bridge = createWsBridge(host.wsUrl, { WebSocket: WebSocket as unknown as WsConstructor });
    await bridge.ready;
    const api = createApi(bridge);
    try {
      await api.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
      const items = Array.from({ length: 2000 }, (_, i) => ({ sku: `SKU-${String(i).padStart(5, '0')}`, description: 'ž'.repeat(300), quantity: 1 + (i % 3) }));
      const input = { template: 'packing-slip' as const, data: { orderNumber: 'A-2000', shipFrom, shipTo, items } };
      expect(Buffer.byteLength(JSON.stringify(input))).toBeGreaterThan(1.3e6);
      const preview = await api.call('printing.preview', input);
      expect(preview.pages).toBeGreaterThan(50);
      expect(preview.svg.length).toBeGreaterThan(1024 * 1024);
      expect(preview.svg).toContain('SKU-01999');
      // The socket is still the same one, and it still answers.
      expect(await api.call('system.info', {})).toMatchObject({ transport: 'websocket' });
    } finally {
      bridge.close();
    }
  });

  it('takes the largest valid input any template allows (every text at its maximum, worst-case escaped)', () => {
    // U+0001 is a valid string character that JSON escapes to six bytes: the most a character can cost.
    const worst = (n: number) => '\u0001'.repeat(n);
    const address = { name: worst(200), company: worst(200), lines: [worst(200), worst(200), worst(200), worst(200)], postalCode: worst(20), city: worst(200), region: worst(200), country: worst(60), phone: worst(40) };
    const slip = {
      template: 'packing-slip',
      data: {
        orderNumber: worst(40), orderDate: worst(40), shipFrom: address, shipTo: address, note: worst(1000),
        items: Array.from({ length: 2000 }, () => ({ sku: worst(60), description: worst(300), quantity: 1e15, quantityOrdered: 1e15 })),
      },
    };
    const pickList = {
      template: 'pick-list',
      data: {
        pickListId: '~'.repeat(40), createdAt: worst(40), picker: worst(80),
        lines: Array.from({ length: 2000 }, () => ({ location: worst(40), sku: '~'.repeat(40), description: worst(300), quantity: 1e15 })),
      },
    };
    for (const request of [slip, pickList]) {
      expect(templateRequestSchema.safeParse(request).success).toBe(true);
      const envelope = JSON.stringify({ id: Number.MAX_SAFE_INTEGER, method: 'printing.preview', input: request, idempotencyKey: 'k'.repeat(64) });
      expect(Buffer.byteLength(envelope)).toBeLessThan(MAX_INCOMING_MESSAGE / 2);
    }
  });
});

describe('web host logging', () => {
  it('rotates its log by size and writes a refused connection at most once per reason per 10 s', async () => {
    const t2 = await createTestCore();
    const clock = { t: 0 };
    const logger = fileLogger(t2.dir, 'info', { maxBytes: 2000, keep: 3 });
    const stderr = process.stderr.write;
    process.stderr.write = () => true;
    const h = await startWebHost({ dispatcher: t2.core.dispatcher, events: t2.core.events, logger, rendererDir: t2.dir, port: 0, now: () => clock.t });
    try {
      const wrong = h.wsUrl.replace(/token=.*/, 'token=wrong');
      for (let i = 0; i < 50; i++) expect(await wsStatus(wrong)).toBe(401);
      for (let i = 0; i < 5; i++) expect(await wsStatus(h.wsUrl, { origin: 'http://evil.example' })).toBe(403);
      const logDir = path.join(t2.dir, 'logs');
      const refused = () =>
        fs.readdirSync(logDir).flatMap((f) => fs.readFileSync(path.join(logDir, f), 'utf8').trim().split('\n')).filter((l) => l.includes('websocket refused')).map((l) => JSON.parse(l));
      expect(refused().map((r) => r.why).sort()).toEqual(['origin', 'token']);
      clock.t += 10_000;
      expect(await wsStatus(wrong)).toBe(401);
      expect(refused().filter((r) => r.why === 'token').map((r) => r.suppressed)).toEqual([undefined, 49]);

      // Size-based rotation: the log never grows past maxBytes per file, and at most `keep` old files stay.
      for (let i = 0; i < 200; i++) logger.info('filler line to make the log rotate', { i });
      const files = fs.readdirSync(logDir).sort();
      expect(files).toEqual(['dockside.1.log', 'dockside.2.log', 'dockside.3.log', 'dockside.log']);
      for (const f of files) {
        expect(fs.statSync(path.join(logDir, f)).size).toBeLessThanOrEqual(2000);
        expect(fs.statSync(path.join(logDir, f)).mode & 0o777).toBe(0o600);
      }
      expect(fs.readFileSync(path.join(logDir, 'dockside.log'), 'utf8')).toContain('"i":199');
    } finally {
      process.stderr.write = stderr;
      await h.close();
      logger.close();
      await t2.dispose();
    }
  });

  it('logs a malformed-frame flood rate-limited too', async () => {
    const t2 = await createTestCore();
    const logger = memoryLogger();
    const h = await startWebHost({ dispatcher: t2.core.dispatcher, events: t2.core.events, logger, rendererDir: t2.dir, port: 0, now: () => 0 });
    try {
      for (let i = 0; i < 20; i++) {
        const ws = new WebSocket(h.wsUrl);
        await new Promise((r) => ws.once('open', r));
        const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
        // Invalid UTF-8 in a text frame: the server must close with 1007 and stay up.
        ws.send(Buffer.from([0xc3, 0x28]), { binary: false });
        expect(await closed).toBe(1007);
      }
      expect(logger.lines.filter((l) => l.includes('malformed frame'))).toHaveLength(1);
    } finally {
      await h.close();
      await t2.dispose();
    }
  });
});
