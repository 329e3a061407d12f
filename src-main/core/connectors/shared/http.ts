// The HTTP edge every connector shares: one request with a timeout, failures turned into
// RemoteError, JSON validated with zod. Connectors add their auth and their error style on top.
import type { z } from 'zod';
import type { Remote } from '../../../../src-preload/contract/secrets';
import { retryAfterMs } from '../../jobs/retryAfter';
import { kindOfStatus, RemoteError } from './errors';

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Appended to the base URL as is (the document's path, starting with `/`). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
}

export interface HttpOptions {
  remote: Remote;
  /** The document's base, e.g. http://127.0.0.1:4010/afosto (no trailing slash needed). */
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export function urlOf(baseUrl: string, req: Pick<HttpRequest, 'path' | 'query'>): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + req.path);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

/** One request. Throws RemoteError `network` / `timeout`; any HTTP status is returned, not thrown. */
export async function send(o: HttpOptions, req: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(req.form).toString();
  }
  const timeoutMs = o.timeoutMs ?? 15_000;
  try {
    const res = await (o.fetch ?? fetch)(urlOf(o.baseUrl, req), {
      method: req.method ?? 'GET',
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new RemoteError({ remote: o.remote, kind: 'timeout', message: `no answer within ${timeoutMs} ms (${req.method ?? 'GET'} ${req.path})` });
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new RemoteError({ remote: o.remote, kind: 'network', message: `${req.method ?? 'GET'} ${req.path}: ${cause?.code ?? cause?.message ?? String(err)}` });
  }
}

/** The body as JSON (undefined when empty); a body that is not JSON is `bad_response`. */
export function jsonBody(remote: Remote, res: HttpResponse, what: string): unknown {
  try {
    return res.text === '' ? undefined : JSON.parse(res.text);
  } catch {
    throw new RemoteError({ remote, kind: 'bad_response', status: res.status, message: `${what}: the answer is not JSON` });
  }
}

/** An error body read best-effort: its JSON, or undefined when it is empty or not JSON. */
export function tryJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A value checked against the document's shape; a mismatch is `bad_response` naming the paths. */
export function checkShape<S extends z.ZodType>(remote: Remote, value: unknown, schema: S, what: string, status?: number): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new RemoteError({ remote, kind: 'bad_response', ...(status !== undefined ? { status } : {}), message: `${what}: unexpected shape (${issues.join('; ')})`, details: issues });
}

/** The body as JSON checked against the document's shape; anything else is `bad_response`. */
export function parseBody<S extends z.ZodType>(remote: Remote, res: HttpResponse, schema: S, what: string): z.output<S> {
  return checkShape(remote, jsonBody(remote, res, what), schema, what, res.status);
}

/** A RemoteError for a non-2xx answer, with Retry-After honoured on 429/503. */
export function statusError(
  remote: Remote,
  res: HttpResponse,
  what: string,
  extra: { remoteMessage?: string; details?: unknown; now?: number } = {},
): RemoteError {
  const retryAfter = res.status === 429 || res.status === 503 ? retryAfterMs(res.headers.get('retry-after'), extra.now ?? Date.now()) : undefined;
  return new RemoteError({
    remote,
    kind: kindOfStatus(res.status),
    status: res.status,
    message: `${what}: HTTP ${res.status}${extra.remoteMessage ? ` — ${extra.remoteMessage}` : ''}`,
    ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
    ...(extra.remoteMessage !== undefined ? { remoteMessage: extra.remoteMessage } : {}),
    ...(extra.details !== undefined ? { details: extra.details } : {}),
  });
}
