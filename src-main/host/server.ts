// Web mode's front door: the built renderer over HTTP and the RPC WebSocket, on 127.0.0.1 only.
// A random per-run token (in the printed URL's fragment) is required to open the WebSocket;
// Host and Origin checks keep other pages and DNS-rebinding tricks out.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatcher } from '../core/rpc/dispatcher';
import type { EventBus } from '../core/rpc/events';
import type { Logger } from '../core/log/logger';
import { contentSecurityPolicy, metaContentSecurityPolicy, webModeCsp, withMetaCsp } from '../core/security/csp';

export interface WebHostOptions {
  dispatcher: Dispatcher;
  events: EventBus;
  logger: Logger;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  port: number;
  token?: string;
}

export interface WebHost {
  port: number;
  token: string;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
};

const MAX_FRAME = 1024 * 1024;

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const rendererDir = path.resolve(opts.rendererDir);
  let port = opts.port;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = http.createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    serveStatic(rendererDir, req, res, port);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const origin = req.headers.origin;
    const reject = (status: number, why: string) => {
      opts.logger.warn('websocket refused', { why, origin });
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/rpc') return reject(404, 'path');
    if (!allowedHosts().has(req.headers.host ?? '')) return reject(421, 'host');
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) return reject(403, 'origin');
    if (given.length !== tokenBuf.length || !timingSafeEqual(given, tokenBuf)) return reject(401, 'token');
    wss.handleUpgrade(req, socket, head, (ws) => serveRpc(ws, opts));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    wsUrl: `ws://127.0.0.1:${port}/rpc?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveRpc(ws: WebSocket, opts: WebHostOptions): void {
  const off = opts.events.subscribe((event, payload) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
  });
  ws.on('close', off);
  ws.on('message', async (data) => {
    let msg: { id?: unknown; method?: unknown; input?: unknown };
    try {
      msg = JSON.parse(data.toString());
    } catch {
      ws.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'VALIDATION', message: 'Malformed JSON' } } }));
      return;
    }
    const id = typeof msg?.id === 'number' ? msg.id : null;
    const result = await opts.dispatcher.dispatch({ method: msg?.method, input: msg?.input }, 'websocket');
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
  });
}

function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse, port: number): void {
  const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  let file = path.resolve(root, '.' + (urlPath === '/' ? '/index.html' : urlPath));
  if (!file.startsWith(root + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  // Unknown paths fall back to the app (client-side routes); missing assets stay 404.
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    if (path.extname(urlPath)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    file = path.join(root, 'index.html');
  }
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('The renderer is not built: run `npm run build`.');
    return;
  }
  const isHtml = file.endsWith('.html');
  // The Host header was checked against 127.0.0.1/localhost:<port>: the one socket origin allowed.
  const csp = webModeCsp(req.headers.host ?? `127.0.0.1:${port}`);
  res.writeHead(200, {
    'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    ...(isHtml ? { 'content-security-policy': contentSecurityPolicy(csp) } : {}),
  });
  if (req.method === 'HEAD') res.end();
  // The built meta allows no WebSocket (Electron's); web mode's page gets its one origin instead.
  else if (isHtml) res.end(withMetaCsp(fs.readFileSync(file, 'utf8'), metaContentSecurityPolicy(csp)));
  else fs.createReadStream(file).pipe(res);
}
