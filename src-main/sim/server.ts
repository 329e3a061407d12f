/**
 * Dockside remote simulator: one node:http server on 127.0.0.1 with a path prefix per system
 * (/afosto, /ucs, /ultracart/rest/v2, /homs, /opentaps) and the control API under /_sim.
 * A test, development and demo tool. Core never imports it, and it imports nothing from test/, so the
 * app can host it for demo mode.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { DemoScale } from './generator/index';
import { createAfosto } from './afosto/index';
import { createControl } from './control/index';
import { createHoms } from './homs/index';
import { header, SYSTEMS, type Ctx, type Json, type Reply, type SystemName } from './http';
import { createOpentaps } from './opentaps/index';
import { SimState, type SystemModule } from './state';
import { createUcs, type UcsSystem } from './ucs/index';
import { createUltracart } from './ultracart/index';

export interface SimOptions {
  port?: number;
  seed?: number | string;
  scale?: DemoScale;
  tokenTtlSeconds?: number;
  screenPopUrl?: string;
  /** print one line per request to stdout */
  log?: boolean;
  /** Afosto async task duration (ms, sim clock); default 300 */
  taskDelayMs?: number;
  host?: string;
}

export interface SimCredentials {
  afosto: { tokenUrl: string; client_id: string; client_secret: string; grant_type: 'client_credentials' };
  ucs: { tokenUrl: string; client_id: string; client_secret: string; grant_type: 'client_credentials' };
  ultracart: { header: 'x-ultracart-simple-key'; key: string };
  homs: { email: string; apiToken: string };
  opentaps: { authToken: string; clientDomain: string };
}

export interface RunningSim {
  url: string;
  port: number;
  urls: Record<SystemName | 'control', string>;
  credentials: SimCredentials;
  state: SimState;
  close(): Promise<void>;
}

function buildSystems(state: SimState): void {
  state.systems = {
    afosto: createAfosto(state),
    ucs: createUcs(state),
    ultracart: createUltracart(state),
    homs: createHoms(state),
    opentaps: createOpentaps(state),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function encode(reply: Reply): { body: Buffer | null; contentType: string | null } {
  if (reply.body === undefined || reply.body === null && reply.raw) return { body: null, contentType: null };
  if (reply.raw) {
    const b = Buffer.isBuffer(reply.body) ? reply.body : reply.body instanceof Uint8Array ? Buffer.from(reply.body) : Buffer.from(String(reply.body), 'utf8');
    return { body: b, contentType: null };
  }
  return { body: Buffer.from(JSON.stringify(reply.body), 'utf8'), contentType: 'application/json; charset=utf-8' };
}

function write(res: ServerResponse, reply: Reply): void {
  const { body, contentType } = encode(reply);
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = contentType;
  if (body) headers['Content-Length'] = String(body.length);
  else if (reply.status !== 204 && reply.status !== 304) headers['Content-Length'] = '0';
  res.writeHead(reply.status, headers);
  res.end(body ?? undefined);
}

function destroy(req: IncomingMessage, res: ServerResponse): void {
  const sock: Socket | null = res.socket ?? req.socket;
  sock?.destroy();
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function logBody(buf: Buffer): unknown {
  if (!buf.length) return undefined;
  const s = buf.toString('utf8');
  try {
    return JSON.parse(s);
  } catch {
    return s.length > 4096 ? `${s.slice(0, 4096)}…` : s;
  }
}

function systemFor(state: SimState, path: string): SystemModule | null {
  for (const name of SYSTEMS) {
    const s = state.systems[name];
    if (path === s.prefix || path.startsWith(`${s.prefix}/`)) return s;
  }
  return null;
}

export async function startSim(opts: SimOptions = {}): Promise<RunningSim> {
  const state = new SimState({ seed: opts.seed, scale: opts.scale, tokenTtlSeconds: opts.tokenTtlSeconds, screenPopUrl: opts.screenPopUrl ?? null, taskDelayMs: opts.taskDelayMs });
  state.build = buildSystems;
  buildSystems(state);
  const control = createControl(state);
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', state.baseUrl);
    const fullPath = url.pathname;
    const rawBody = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();

    if (fullPath === '/_sim' || fullPath.startsWith('/_sim/')) {
      const ctx: Ctx = { req, res, method, path: fullPath.slice(5) || '/', query: url.searchParams, headers: req.headers, rawBody, params: {}, route: '', baseUrl: state.baseUrl };
      const m = control.match(method, ctx.path);
      let reply: Reply;
      if (!m) reply = { status: 404, body: { error: 'not_found', message: `No control route ${method} ${fullPath}` } };
      else if ('allowed' in m) reply = { status: 405, headers: { Allow: m.allowed.join(', ') }, body: { error: 'method_not_allowed' } };
      else {
        ctx.params = m.params;
        ctx.route = m.pattern;
        try {
          reply = await m.handler(ctx);
        } catch (e) {
          reply = { status: 500, body: { error: 'internal', message: (e as Error).message } };
        }
      }
      write(res, reply);
      return;
    }

    const sys = systemFor(state, fullPath);
    if (!sys) {
      write(res, { status: 404, body: { error: 'not_found', message: `Unknown system for ${fullPath}. Prefixes: /afosto /ucs /ultracart/rest/v2 /homs /opentaps /_sim` } });
      return;
    }
    state.tick();
    const path = fullPath.slice(sys.prefix.length) || '/';
    const ctx: Ctx = { req, res, method, path, query: url.searchParams, headers: req.headers, rawBody, params: {}, route: '', baseUrl: state.baseUrl };
    const m = sys.router.match(method, path);
    const pattern = m && !('allowed' in m) ? m.pattern : null;
    const faults = state.faults.take(sys.name, method, path, pattern);
    const kinds = new Set(faults.map((f) => f.kind));
    const auth = header(ctx, 'authorization');
    const logIt = (status: number | null, outcome: 'replied' | 'reset' | 'lost_reply' | 'malformed'): void => {
      state.record({
        system: sys.name,
        method,
        path,
        query: url.search,
        route: pattern,
        status,
        durationMs: Date.now() - started,
        faults: [...kinds],
        outcome,
        authorization: auth ? auth.replace(/^(\w+)\s+(.{4}).*$/, '$1 $2…') : null,
        body: logBody(rawBody),
      });
      if (opts.log) console.log(`${new Date().toISOString()} ${sys.name.padEnd(9)} ${method.padEnd(6)} ${path}${url.search} → ${outcome === 'replied' ? status : outcome}${kinds.size ? ` [${[...kinds].join(',')}]` : ''}`);
    };

    const latency = faults.find((f) => f.kind === 'latency');
    if (latency) await sleep(latency.latencyMs ?? 1000);
    if (kinds.has('reset')) {
      logIt(null, 'reset');
      destroy(req, res);
      return;
    }
    const errorFault = faults.find((f) => f.kind === 'error');
    if (errorFault) {
      const status = errorFault.status ?? 500;
      const reply = sys.errorReply(status, status === 429 ? 'Rate limit exceeded' : status === 503 ? 'Service Unavailable' : 'Internal Server Error');
      if (status === 429 || errorFault.retryAfter !== undefined) reply.headers = { ...(reply.headers ?? {}), 'Retry-After': String(errorFault.retryAfter ?? 1) };
      write(res, reply);
      logIt(status, 'replied');
      return;
    }
    let forceUnauth = false;
    if (kinds.has('token_expiry')) {
      sys.expireTokens();
      if (!sys.hasTokens) forceUnauth = true;
    }

    let reply: Reply;
    if (!m) reply = sys.errorReply(404, `No route ${method} ${path}`);
    else if ('allowed' in m) {
      reply = sys.errorReply(405, `Method ${method} not allowed`);
      reply.headers = { ...(reply.headers ?? {}), Allow: m.allowed.join(', ') };
    } else {
      ctx.params = m.params;
      ctx.route = m.pattern;
      let authFail: Reply | null = null;
      if (!m.opts.public) {
        if (forceUnauth) {
          ctx.headers = { ...ctx.headers, authorization: undefined, 'x-ultracart-simple-key': undefined };
          ctx.query = new URLSearchParams([...ctx.query].filter(([k]) => k !== 'authToken'));
          ctx.rawBody = Buffer.alloc(0);
        }
        authFail = sys.authenticate(ctx);
      }
      if (authFail) reply = authFail;
      else {
        try {
          reply = await m.handler(ctx);
        } catch (e) {
          reply = sys.errorReply(500, (e as Error).message || 'Internal Server Error');
        }
      }
    }

    if (kinds.has('lost_reply')) {
      logIt(reply.status, 'lost_reply');
      destroy(req, res);
      return;
    }
    if (kinds.has('malformed')) {
      const { body } = encode(reply);
      const text = body && body.length > 2 ? body.toString('utf8').slice(0, Math.max(1, Math.floor(body.length / 2))) : '{"success": tru';
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
      res.end(text);
      logIt(200, 'malformed');
      return;
    }
    write(res, reply);
    logIt(reply.status, 'replied');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      try {
        write(res, { status: 500, body: { error: 'sim_failure', message: (e as Error).message } });
      } catch {
        destroy(req, res);
      }
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  state.baseUrl = url;

  const urls = {
    afosto: `${url}/afosto`,
    ucs: `${url}/ucs`,
    ultracart: `${url}/ultracart/rest/v2`,
    homs: `${url}/homs`,
    opentaps: `${url}/opentaps`,
    control: `${url}/_sim`,
  };
  const c = (s: SystemName): Json => state.systems[s].credentials;
  const credentials: SimCredentials = {
    afosto: { tokenUrl: `${urls.afosto}/iam/oauth/authorize`, ...c('afosto') },
    ucs: { tokenUrl: `${urls.ucs}/login/oauth2/token`, ...c('ucs') },
    ultracart: c('ultracart'),
    homs: c('homs'),
    opentaps: c('opentaps'),
  };

  return {
    url,
    port,
    urls,
    credentials,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export type { SimState, UcsSystem };
