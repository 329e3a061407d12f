/**
 * Tiny HTTP plumbing for the simulator: a router with `:param` segments, a request context and
 * a declarative reply that the server writes (so faults can tamper with it after the handler ran).
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

export type SystemName = 'afosto' | 'ucs' | 'ultracart' | 'homs' | 'opentaps';
export const SYSTEMS: readonly SystemName[] = ['afosto', 'ucs', 'ultracart', 'homs', 'opentaps'];

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Json = any;

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialisable value, or raw bytes/text; undefined = empty body */
  body?: unknown;
  /** set when body is raw (Buffer or string that must not be JSON-encoded) */
  raw?: boolean;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** path below the system prefix, e.g. /lcs/parcels/123 */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  params: Record<string, string>;
  /** the matched route pattern, e.g. /lcs/parcels/:id */
  route: string;
  /** base URL of the sim, e.g. http://127.0.0.1:4010 */
  baseUrl: string;
  /** authenticated principal (set by the system's authenticate) */
  principal?: string;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

export interface RouteOptions {
  /** no authentication (token endpoints) */
  public?: boolean;
}

interface Route {
  method: string;
  pattern: string;
  segs: string[];
  literals: number;
  handler: Handler;
  opts: RouteOptions;
}

export interface Match {
  handler: Handler;
  params: Record<string, string>;
  pattern: string;
  opts: RouteOptions;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, opts: RouteOptions = {}): this {
    const segs = pattern.split('/').filter(Boolean);
    this.routes.push({ method: method.toUpperCase(), pattern, segs, literals: segs.filter((s) => !s.startsWith(':')).length, handler, opts });
    return this;
  }
  get(p: string, h: Handler, o?: RouteOptions): this {
    return this.add('GET', p, h, o);
  }
  post(p: string, h: Handler, o?: RouteOptions): this {
    return this.add('POST', p, h, o);
  }
  put(p: string, h: Handler, o?: RouteOptions): this {
    return this.add('PUT', p, h, o);
  }
  patch(p: string, h: Handler, o?: RouteOptions): this {
    return this.add('PATCH', p, h, o);
  }
  delete(p: string, h: Handler, o?: RouteOptions): this {
    return this.add('DELETE', p, h, o);
  }

  /** all registered routes, for ROUTES.md checks */
  list(): { method: string; pattern: string }[] {
    return this.routes.map((r) => ({ method: r.method, pattern: r.pattern }));
  }

  match(method: string, path: string): Match | { allowed: string[] } | null {
    const parts = path.split('/').filter(Boolean).map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
    let best: { r: Route; params: Record<string, string> } | null = null;
    const allowed = new Set<string>();
    for (const r of this.routes) {
      if (r.segs.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const s = r.segs[i] as string;
        if (s.startsWith(':')) params[s.slice(1)] = parts[i] as string;
        else if (s !== parts[i]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (r.method !== method.toUpperCase()) {
        allowed.add(r.method);
        continue;
      }
      if (!best || r.literals > best.r.literals) best = { r, params };
    }
    if (best) return { handler: best.r.handler, params: best.params, pattern: best.r.pattern, opts: best.r.opts };
    if (allowed.size) return { allowed: [...allowed] };
    return null;
  }
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export function empty(status: number, headers?: Record<string, string>): Reply {
  return { status, headers };
}

/** Parse the body as JSON; undefined when empty, `PARSE_ERROR` when invalid. */
export const PARSE_ERROR = Symbol('parse-error');
export function bodyJson(ctx: Ctx): unknown {
  const s = ctx.rawBody.toString('utf8').trim();
  if (!s) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return PARSE_ERROR;
  }
}

/** Form-encoded body (or empty). */
export function bodyForm(ctx: Ctx): URLSearchParams {
  const ct = String(ctx.headers['content-type'] ?? '');
  if (ct.includes('application/x-www-form-urlencoded') || (!ct.includes('json') && /^[^{[]/.test(ctx.rawBody.toString('utf8').trim()))) {
    return new URLSearchParams(ctx.rawBody.toString('utf8'));
  }
  return new URLSearchParams();
}

/** Validate with zod; returns value or the list of issues mapped to (path, kind). */
export function validate<T>(schema: z.ZodType<T>, value: unknown): { ok: true; value: T } | { ok: false; required: string[]; invalid: string[]; messages: Record<string, string> } {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  const required: string[] = [];
  const invalid: string[] = [];
  const messages: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    (missing ? required : invalid).push(path);
    messages[path] = issue.message;
  }
  return { ok: false, required, invalid, messages };
}

export function header(ctx: Ctx, name: string): string | undefined {
  const v = ctx.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function intParam(v: string | null | undefined, def: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (v === null || v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isFinite(n)) return def;
  return Math.min(max, Math.max(min, Math.trunc(n)));
}

export type { IncomingHttpHeaders };
