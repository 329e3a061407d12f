/**
 * The renderer's Content-Security-Policy, one definition for Electron's header, web mode's header
 * and (by a test) the meta tag: only our own code, no eval, no remote anything.
 * `connectSrc` adds WebSocket origins (web mode's RPC socket, the dev server's HMR socket);
 * `inlineScripts` exists only for the loopback dev server's React-refresh preamble.
 */
export function contentSecurityPolicy(opts: { connectSrc?: readonly string[]; inlineScripts?: boolean } = {}): string {
  return [
    `default-src 'self'`,
    ["script-src 'self'", ...(opts.inlineScripts ? ["'unsafe-inline'"] : [])].join(' '),
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    ["connect-src 'self'", ...(opts.connectSrc ?? [])].join(' '),
    `font-src 'self' data:`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}
