// The app:// scheme: the built renderer served to our windows with the CSP as a real response
// header. The scheme must be declared privileged before `ready` (standard: relative URLs and an
// origin; secure: counts as a secure context; supportFetchAPI: the renderer's fetch works) and
// deliberately neither bypassCSP nor corsEnabled: same-origin module scripts load without it, and
// without it no other origin can read app:// responses. The handler serves the renderer folder only.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import type { Logger } from '../core/log/logger';
import { APP_SCHEME, appFileFor } from './appUrl';
import { mimeTypeOf } from '../core/util/mime';

export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** Must run before app `ready`: Chromium fixes its scheme table at start-up. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** The request handler, apart from Electron so it can be tested with plain Requests. */
export function createAppRequestHandler(deps: { rendererDir: string; csp: string; logger: Logger }) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = appFileFor(request.url, deps.rendererDir);
    if (!file) {
      deps.logger.warn('app:// request refused', { url: request.url });
      return new Response(null, { status: 403 });
    }
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return new Response(null, { status: 404 });
    }
    const ext = path.extname(file).toLowerCase();
    const headers: Record<string, string> = {
      'content-type': mimeTypeOf(ext),
      'x-content-type-options': 'nosniff',
    };
    if (ext === '.html') headers['content-security-policy'] = deps.csp;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

export function handleAppProtocol(
  protocol: Pick<Protocol, 'handle' | 'unhandle'>,
  deps: { rendererDir: string; csp: string; logger: Logger },
): () => void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(deps));
  return () => protocol.unhandle(APP_SCHEME);
}
