// Web mode's front door: the built renderer over HTTP and the RPC WebSocket, on 127.0.0.1 only.
// A random per-run token (in the printed URL's fragment) is required to open the WebSocket;
// Host and Origin checks keep other pages and DNS-rebinding tricks out. Nothing a client sends
// (a malformed path, a broken frame, a reset socket) may take the process down: each such error
// ends that one request or connection, and the log lines it causes are rate-limited.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatcher } from '../core/rpc/dispatcher';
import type { EventBus } from '../core/rpc/events';
import type { Logger } from '../core/log/logger';
import { contentSecurityPolicy, metaContentSecurityPolicy, webModeCsp, withMetaCsp } from '../core/security/csp';
import { logThrottle } from './logThrottle';
import { mimeTypeOf } from '../core/util/mime';

export interface WebHostOptions {
  dispatcher: Dispatcher;
  events: EventBus;
  logger: Logger;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  port: number;
  token?: string;
  /** Clock for log rate limits (tests move it by hand). */
  now?: () => number;
}

export interface WebHost {
  port: number;
  token: string;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

/**
 * Largest message a client may send. The largest valid input (a 2,000-line packing slip or pick
 * list with every text at its maximum length, escaped) is about 5 MB; this leaves room and still
 * stops a runaway client. Replies have no limit here: the browser's WebSocket takes any size.
 */
export const MAX_INCOMING_MESSAGE = 16 * 1024 * 1024;

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const rendererDir = path.resolve(opts.rendererDir);
  let port = opts.port;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const throttle = logThrottle(opts.now ? { now: opts.now } : {});

  const server = http.createServer((req, res) => {
    try {
      if (!allowedHosts().has(req.headers.host ?? '')) {
        res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      serveStatic(rendererDir, req, res, port);
    } catch (err) {
      throttle('http', (suppressed) => opts.logger.error('web request failed', { err, suppressed }));
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal error');
      else res.destroy();
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INCOMING_MESSAGE });
  server.on('upgrade', (req, socket, head) => {
    // A client that resets mid-handshake must not become an uncaught 'error'.
    socket.on('error', () => socket.destroy());
    const origin = req.headers.origin;
    const reject = (status: number, why: string) => {
      throttle(`refused:${why}`, (suppressed) => opts.logger.warn('websocket refused', { why, origin, ...(suppressed ? { suppressed } : {}) }));
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return reject(400, 'url');
    }
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    if (url.pathname !== '/rpc') return reject(404, 'path');
    if (!allowedHosts().has(req.headers.host ?? '')) return reject(421, 'host');
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) return reject(403, 'origin');
    if (given.length !== tokenBuf.length || !timingSafeEqual(given, tokenBuf)) return reject(401, 'token');
    wss.handleUpgrade(req, socket, head, (ws) => serveRpc(ws, opts, throttle));
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

function serveRpc(ws: WebSocket, opts: WebHostOptions, throttle: ReturnType<typeof logThrottle>): void {
  const send = (data: string) => {
    if (ws.readyState === ws.OPEN) ws.send(data, (err) => err && ws.terminate());
  };
  const off = opts.events.subscribe((event, payload) => send(JSON.stringify({ event, payload })));
  ws.on('close', off);
  // A malformed frame (too large, invalid UTF-8, RSV1, unmasked, bad opcode or close code): `ws`
  // reports it here and has already begun closing with the matching code. Only this connection ends.
  ws.on('error', (err: Error & { code?: string }) => {
    throttle(`frame:${err.code ?? 'other'}`, (suppressed) =>
      opts.logger.warn('websocket closed after a malformed frame', { code: err.code, ...(suppressed ? { suppressed } : {}) }),
    );
    ws.terminate();
  });
  ws.on('message', async (data, isBinary) => {
    let msg: { id?: unknown; method?: unknown; input?: unknown; idempotencyKey?: unknown } | null;
    try {
      if (isBinary) throw new Error('binary');
      msg = JSON.parse(data.toString()) as typeof msg;
    } catch {
      send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'VALIDATION', message: 'Malformed JSON' } } }));
      return;
    }
    const id = typeof msg?.id === 'number' ? msg.id : null;
    try {
      const result = await opts.dispatcher.dispatch(
        { method: msg?.method, input: msg?.input, ...(msg?.idempotencyKey !== undefined ? { idempotencyKey: msg.idempotencyKey } : {}) },
        'websocket',
      );
      send(JSON.stringify({ id, result }));
    } catch (err) {
      // The dispatcher answers every call; if it ever throws, this call fails, not the process.
      throttle('dispatch', (suppressed) => opts.logger.error('websocket call failed', { err, suppressed }));
      send(JSON.stringify({ id, result: { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on this station.' } } }));
    }
  });
}

function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse, port: number): void {
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    // `GET /%` and any other broken percent-encoding (also from an <img> on another local page).
    res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
    return;
  }
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
    'content-type': mimeTypeOf(path.extname(file)),
    'cache-control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    ...(isHtml ? { 'content-security-policy': contentSecurityPolicy(csp) } : {}),
  });
  if (req.method === 'HEAD') res.end();
  // The built meta allows no WebSocket (Electron's); web mode's page gets its one origin instead.
  else if (isHtml) res.end(withMetaCsp(fs.readFileSync(file, 'utf8'), metaContentSecurityPolicy(csp)));
  else pipeline(fs.createReadStream(file), res, () => undefined); // a file that vanishes mid-read ends only that response
}
