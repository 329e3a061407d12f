// The screen-pop endpoint: the URL a UCS team's `call_url` points at. The phone system (or the
// simulator) opens
//   http://127.0.0.1:PORT/call?token=TOKEN&number={number}&uniqueid={uniqueid}&queue={queue}
// when a call rings; `&event=answer|hangup|transfer` (and `&to=` for a transfer) reports the rest
// of the call. Loopback only; every request must carry this station's per-install token (query
// `token` or header `x-dockside-token`), compared in constant time. A malformed request ends only
// that request. Answers JSON: 200 {ok, callId, created, applied}, 400 {ok:false, problem}, 401, 404.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from '../log/logger';
import { callEventOf, type CallEvent } from './domain';
import type { IngestResult } from './service';

export interface ScreenPopServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface ScreenPopOptions {
  /** 0: any free port. */
  port: number;
  token: () => string;
  ingest: (event: CallEvent) => IngestResult;
  logger: Logger;
  /** When the port is taken: try a free one instead (the URL then changes; it is logged). Default true. */
  fallbackToFreePort?: boolean;
}

const MAX_BODY = 8 * 1024;
const LOG_EVERY_MS = 10_000;

export function sameToken(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startScreenPopServer(opts: ScreenPopOptions): Promise<ScreenPopServer> {
  const lastLogged = new Map<string, number>();
  const refused = (reason: string, detail: Record<string, unknown> = {}) => {
    const now = Date.now();
    if ((lastLogged.get(reason) ?? 0) + LOG_EVERY_MS > now) return;
    lastLogged.set(reason, now);
    opts.logger.warn('screen-pop request refused', { reason, ...detail });
  };
  const send = (res: http.ServerResponse, status: number, body: Record<string, unknown>) => {
    if (res.headersSent) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      refused('bad_url');
      return send(res, 400, { ok: false, problem: 'bad_url' });
    }
    if (url.pathname !== '/call') return send(res, 404, { ok: false, problem: 'not_found' });
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return send(res, 405, { ok: false, problem: 'method' });
    }
    const params = new URLSearchParams(url.searchParams);
    if (req.method === 'POST') {
      const body = await readBody(req);
      if (body === null) return send(res, 413, { ok: false, problem: 'too_large' });
      for (const [k, v] of new URLSearchParams(body)) if (!params.has(k)) params.set(k, v);
    }
    const header = req.headers['x-dockside-token'];
    const token = params.get('token') ?? (typeof header === 'string' ? header : null);
    if (!sameToken(token, opts.token())) {
      refused('bad_token', { remote: req.socket.remoteAddress });
      return send(res, 401, { ok: false, problem: 'bad_token' });
    }
    const parsed = callEventOf(params, 'endpoint');
    if (!parsed.ok) {
      refused(parsed.problem);
      return send(res, 400, { ok: false, problem: parsed.problem });
    }
    const r = opts.ingest(parsed.event);
    send(res, 200, { ok: true, callId: r.callId, created: r.created, applied: r.applied });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.logger.error('screen-pop request failed', { error: err instanceof Error ? err.message : String(err) });
      send(res, 500, { ok: false, problem: 'internal' });
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => {
        server.off('listening', onListening);
        reject(err);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, '127.0.0.1');
    });
  try {
    await listen(opts.port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || opts.fallbackToFreePort === false || opts.port === 0) throw err;
    await listen(0);
    opts.logger.warn('screen-pop port taken: listening on another one (update the UCS call_url)', { wanted: opts.port, port: (server.address() as AddressInfo).port });
  }
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
