/**
 * The renderer's Content-Security-Policy, one definition for Electron's header, web mode's header
 * and meta tag, and (by a test) the meta tag in src-renderer/index.html: only our own code, no
 * eval, no remote anything but https images (product photos on the Pack screen).
 * `connectSrc` adds WebSocket origins (web mode's RPC socket, the dev server's HMR socket);
 * `inlineScripts` exists only for the loopback dev server's React-refresh preamble.
 */
export interface CspOptions {
  connectSrc?: readonly string[];
  inlineScripts?: boolean;
}

export function contentSecurityPolicy(opts: CspOptions = {}): string {
  return [...metaDirectives(opts), `frame-ancestors 'none'`].join('; ');
}

/** The same policy for a `<meta>` tag: browsers ignore frame-ancestors there (with a console error). */
export function metaContentSecurityPolicy(opts: CspOptions = {}): string {
  return metaDirectives(opts).join('; ');
}

function metaDirectives(opts: CspOptions): string[] {
  return [
    `default-src 'self'`,
    ["script-src 'self'", ...(opts.inlineScripts ? ["'unsafe-inline'"] : [])].join(' '),
    `style-src 'self' 'unsafe-inline'`,
    // product photos from the shop's image host (an image cannot run code; offline they simply do not show)
    `img-src 'self' data: blob: https:`,
    ["connect-src 'self'", ...(opts.connectSrc ?? [])].join(' '),
    `font-src 'self' data:`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ];
}

/**
 * Web mode's policy options: the page may open exactly one WebSocket origin, the one it was served
 * from (`host` is the request's Host header, already checked to be 127.0.0.1:<port> or
 * localhost:<port>, so the socket the renderer builds from location.host is the one allowed).
 */
export function webModeCsp(host: string): CspOptions {
  return { connectSrc: [`ws://${host}`] };
}

const META_CSP = /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/i;

/**
 * Replaces the index.html meta policy with `policy` (or inserts one after <head>), so the built
 * file's Electron meta (no ws: at all) never reaches a web-mode browser unchanged.
 */
export function withMetaCsp(html: string, policy: string): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, '&quot;')}" />`;
  if (META_CSP.test(html)) return html.replace(META_CSP, () => tag);
  return html.replace(/<head(\s[^>]*)?>/i, (m) => `${m}\n    ${tag}`);
}
