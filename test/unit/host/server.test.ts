import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../src-main/host/server';
import { createTestCore, type TestCore } from '../../helpers/core';

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
});
