// Renderer hardening that does not depend on the renderer behaving: CSP as a response header,
// navigation and window-opening locked to the app's own document, every permission denied.
//
// External links: the app opens none. Nothing a packer or agent does needs a browser, and a
// renderer-driven `shell.openExternal` is the classic way a compromised page reaches the OS.
// If a link is ever needed, it should be a contract method whose URL main builds itself.
//
// Permissions: denied, with one exception: `clipboard-sanitized-write` for the app's own
// document, so "copy reference" buttons work (write-only, sanitized, needs a user gesture; it
// reads nothing), and the camera alone (`media` asking for video only) for the app document, for
// the photo of an open parcel at the pack bench. Scanners are keyboard wedges, so HID/serial/USB
// and the microphone stay off.
import type { App, Session, WebContents } from 'electron';
import type { Logger } from '../core/log/logger';
import { contentSecurityPolicy as sharedPolicy } from '../core/security/csp';
import type { AppUrlPolicy } from './appUrl';

/**
 * The policy, identical to the renderer's meta tag. In development the loopback dev server needs
 * its HMR WebSocket and the React refresh preamble, so only then are those two sources added.
 */
export function contentSecurityPolicy(dev?: { origin: string }): string {
  return sharedPolicy(dev ? { connectSrc: [dev.origin.replace(/^http/, 'ws')], inlineScripts: true } : {});
}

type Headers = Record<string, string[]>;

/** Replaces any CSP the response carried (whatever its header case) with ours. */
export function withCsp(headers: Headers | undefined, policy: string): Headers {
  const out: Headers = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** What Electron says a `media` permission is for: `mediaTypes` on a request, `mediaType` on a check. */
export interface MediaDetails {
  mediaTypes?: readonly string[];
  mediaType?: string;
}

/** `media` for video only: the bench camera, never the microphone. */
function cameraOnly(permission: string, media: MediaDetails): boolean {
  if (permission !== 'media') return false;
  const types = media.mediaTypes ?? (media.mediaType ? [media.mediaType] : []);
  return types.length > 0 && types.every((t) => t === 'video');
}

export function permissionAllowed(permission: string, requestingUrl: string | undefined, urls: AppUrlPolicy, media: MediaDetails = {}): boolean {
  return (ALLOWED_PERMISSIONS.has(permission) || cameraOnly(permission, media)) && requestingUrl !== undefined && urls.isAppDocument(requestingUrl);
}

export function hardenSession(ses: Session, deps: { urls: AppUrlPolicy; csp: string; logger: Logger }): void {
  const { urls, csp, logger } = deps;
  // Only our own resources get the header: a PDF in the print window must keep its plugin.
  // app:// responses carry it from the protocol handler already; this also covers the dev server.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!urls.isAppResource(details.url)) return callback({});
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const ok = permissionAllowed(permission, details.requestingUrl, urls, details as MediaDetails);
    if (!ok) logger.warn('permission request denied', { permission, url: details.requestingUrl });
    callback(ok);
  });
  ses.setPermissionCheckHandler((_wc, permission, _origin, details) =>
    permissionAllowed(permission, details.requestingUrl, urls, details as MediaDetails),
  );
  ses.setDevicePermissionHandler(() => false);
}

/** Applied to every webContents the app ever creates (windows, print window, PDF viewer). */
export function guardWebContents(contents: WebContents, deps: { urls: AppUrlPolicy; logger: Logger }): void {
  const { urls, logger } = deps;
  contents.on('will-navigate', (event) => {
    if (urls.isAppDocument(event.url)) return;
    event.preventDefault();
    logger.warn('navigation blocked', { url: event.url });
  });
  contents.on('will-redirect', (event) => {
    if (urls.isAppDocument(event.url)) return;
    event.preventDefault();
    logger.warn('redirect blocked', { url: event.url });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn('window.open denied', { url });
    return { action: 'deny' };
  });
}

export function installWebContentsGuards(app: App, deps: { urls: AppUrlPolicy; logger: Logger }): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, deps));
}
