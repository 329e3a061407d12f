/** Test helpers: a plain fetch client for the simulator. */
import { request as httpRequest } from 'node:http';
import { startSim, type RunningSim, type SimOptions } from '../../src-main/sim/server';

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  json: Json;
}

export async function call(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Res> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url, { ...init, headers, body });
  const text = await res.text();
  let json: Json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Raw node:http request that reports a destroyed connection instead of throwing. */
export function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number | null; body: string; error: string | null }> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? null, body, error: null }));
      res.on('error', (e) => resolve({ status: res.statusCode ?? null, body, error: e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: null, body: '', error: e.code ?? e.message }));
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

export async function withSim(opts: SimOptions = {}): Promise<RunningSim> {
  return startSim({ port: 0, seed: 42, ...opts });
}

export async function ucsToken(sim: RunningSim): Promise<string> {
  const r = await call(`${sim.urls.ucs}/login/oauth2/token`, { method: 'POST', json: { client_id: sim.credentials.ucs.client_id, client_secret: sim.credentials.ucs.client_secret, grant_type: 'client_credentials' } });
  return r.json.access_token as string;
}

export async function afostoToken(sim: RunningSim): Promise<string> {
  const r = await call(`${sim.urls.afosto}/iam/oauth/authorize`, { method: 'POST', json: { client_id: sim.credentials.afosto.client_id, client_secret: sim.credentials.afosto.client_secret, grant_type: 'client_credentials' } });
  return r.json.access_token as string;
}

export function basic(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
}

export async function addFault(sim: RunningSim, spec: Record<string, unknown>): Promise<Json> {
  const r = await call(`${sim.urls.control}/faults`, { method: 'POST', json: spec });
  if (r.status !== 201) throw new Error(`fault rejected: ${r.text}`);
  return r.json;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
