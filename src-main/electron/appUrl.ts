// Where the app's own code lives and which URLs count as "ours". Window loading, the navigation
// guard, the CSP installer, the app:// protocol handler and the IPC sender check all ask this one
// policy, so they can never disagree about what the app URL is. Pure: no Electron import.
//
// The renderer is served from `app://dockside/…` rather than file://: Electron runs no webRequest
// hooks for file://, so only a custom protocol lets the CSP arrive as a response header.
import path from 'node:path';

/** The built layout electron-vite produces: out/main/main.js, out/preload/index.cjs, out/renderer/index.html. */
export interface AppPaths {
  preload: string;
  rendererIndex: string;
  rendererDir: string;
}

export function appPaths(mainDir: string): AppPaths {
  const out = path.resolve(mainDir, '..');
  const rendererDir = path.join(out, 'renderer');
  return {
    preload: path.join(out, 'preload', 'index.cjs'),
    rendererIndex: path.join(rendererDir, 'index.html'),
    rendererDir,
  };
}

export const APP_SCHEME = 'app';
export const APP_HOST = 'dockside';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export type LoadTarget = { kind: 'url'; url: string };

export interface AppUrlPolicy {
  /** What the main window loads: app://dockside/index.html, or the dev server in development only. */
  readonly target: LoadTarget;
  /** The renderer document itself (query and hash ignored): the only URL a window may show. */
  isAppDocument(url: string): boolean;
  /** Any resource of the renderer (document, scripts, styles, fonts): these get the CSP header. */
  isAppResource(url: string): boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The electron-vite dev server URL is honoured only when it is plain http on a loopback host:
 * an environment variable must never be able to point the app at a remote page.
 */
export function parseDevUrl(raw: string | undefined): URL | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname) || url.username || url.password) return null;
  return url;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for app://dockside/… exactly: no other host, no credentials, no port. */
function isAppOrigin(u: URL): boolean {
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password;
}

export function createAppUrlPolicy(opts: { devUrl?: URL | null } = {}): AppUrlPolicy {
  const dev = opts.devUrl ?? null;
  if (dev) {
    const origin = dev.origin;
    const sameOrigin = (u: string) => parse(u)?.origin === origin;
    return { target: { kind: 'url', url: dev.href }, isAppDocument: sameOrigin, isAppResource: sameOrigin };
  }
  return {
    target: { kind: 'url', url: APP_INDEX_URL },
    isAppDocument: (u) => {
      const p = parse(u);
      return p !== null && isAppOrigin(p) && (p.pathname === '/index.html' || p.pathname === '/');
    },
    isAppResource: (u) => {
      const p = parse(u);
      return p !== null && isAppOrigin(p);
    },
  };
}

/**
 * The file an app:// request names inside the built renderer folder, or null when the URL is not
 * ours or tries to leave the folder (../, encoded separators, NUL). `/` is the index.
 */
export function appFileFor(url: string, rendererDir: string): string | null {
  const p = parse(url);
  if (!p || !isAppOrigin(p)) return null;
  // The URL parser already removed literal dot segments; what is left is checked decoded.
  let rel: string;
  try {
    rel = decodeURIComponent(p.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, '.' + rel);
  // A trailing separator so "out/renderer-evil/x" never passes as being inside "out/renderer".
  return file.startsWith(root + path.sep) ? file : null;
}
