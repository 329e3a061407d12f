// Where the app's own code lives and which URLs count as "ours". Window loading, the navigation
// guard, the CSP installer and the IPC sender check all ask this one policy, so they can never
// disagree about what the app URL is. Pure: no Electron import.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

export type LoadTarget = { kind: 'file'; path: string } | { kind: 'url'; url: string };

export interface AppUrlPolicy {
  /** What the main window loads: the built index file, or the dev server in development only. */
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

export function createAppUrlPolicy(opts: { paths: AppPaths; devUrl?: URL | null }): AppUrlPolicy {
  const dev = opts.devUrl ?? null;
  if (dev) {
    const origin = dev.origin;
    const sameOrigin = (u: string) => parse(u)?.origin === origin;
    return { target: { kind: 'url', url: dev.href }, isAppDocument: sameOrigin, isAppResource: sameOrigin };
  }
  const index = path.resolve(opts.paths.rendererIndex);
  // A trailing separator so "out/renderer-evil/x" never passes as being inside "out/renderer".
  const dir = path.resolve(opts.paths.rendererDir) + path.sep;
  // Compare decoded file paths, not hrefs: Chromium and Node may percent-encode differently.
  const filePath = (u: string): string | null => {
    const p = parse(u);
    if (!p || p.protocol !== 'file:' || (p.host !== '' && p.host !== 'localhost')) return null;
    p.hash = '';
    p.search = '';
    p.host = '';
    try {
      return path.resolve(fileURLToPath(p));
    } catch {
      return null;
    }
  };
  return {
    target: { kind: 'file', path: index },
    isAppDocument: (u) => filePath(u) === index,
    // path.resolve collapsed any "..", so a prefix test is a containment test.
    isAppResource: (u) => filePath(u)?.startsWith(dir) === true,
  };
}
