import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { appPaths, createAppUrlPolicy } from '../../../src-main/electron/appUrl';
import { contentSecurityPolicy, hardenSession, installWebContentsGuards, withCsp } from '../../../src-main/electron/security';
import { fake, FakeBrowserWindow, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const paths = appPaths(path.resolve('/app/out/main'));
const urls = createAppUrlPolicy();
const appUrl = 'app://dockside/index.html';
const builtFileUrl = pathToFileURL(paths.rendererIndex).href;
const STRICT =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let logger: ReturnType<typeof memoryLogger>;
beforeEach(() => {
  resetFake();
  logger = memoryLogger();
});

describe('content security policy', () => {
  test('is exactly the renderer meta policy in production', () => {
    expect(contentSecurityPolicy()).toBe(STRICT);
  });

  test('dev adds only the dev server socket and the refresh preamble', () => {
    const dev = contentSecurityPolicy({ origin: 'http://localhost:5173' });
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("object-src 'none'");
  });

  test('the header replaces whatever CSP the response had, in any case', () => {
    const out = withCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] }, STRICT);
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [STRICT] });
  });

  test('the session sets the header on app:// responses, and leaves other responses alone', () => {
    hardenSession(fake.session.defaultSession as never, { urls, csp: STRICT, logger });
    const ses = fake.session.defaultSession;
    expect(ses.respond(appUrl)?.['Content-Security-Policy']).toEqual([STRICT]);
    expect(ses.respond('app://dockside/assets/a.js')?.['Content-Security-Policy']).toEqual([STRICT]);
    // A PDF in the print window keeps its own headers (object-src 'none' would block the viewer).
    expect(ses.respond('file:///tmp/dockside-print-1/document.pdf')).toBeUndefined();
  });
});

describe('permissions', () => {
  const ALL = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb', 'fullscreen', 'pointerLock', 'midi'];

  test('every permission request is denied and logged', () => {
    hardenSession(fake.session.defaultSession as never, { urls, csp: STRICT, logger });
    const ses = fake.session.defaultSession;
    for (const p of ALL) {
      let granted: boolean | null = null;
      ses.permissionRequestHandler?.({}, p, (ok) => (granted = ok), { requestingUrl: appUrl });
      expect(granted, p).toBe(false);
      expect(ses.permissionCheckHandler?.({}, p, 'file://', { requestingUrl: appUrl, isMainFrame: true }), p).toBe(false);
    }
    expect(ses.devicePermissionHandler?.({ deviceType: 'hid' })).toBe(false);
    expect(logger.lines.filter((l) => l.includes('permission request denied'))).toHaveLength(ALL.length);
  });

  test('clipboard write is the one grant, and only to the app document', () => {
    hardenSession(fake.session.defaultSession as never, { urls, csp: STRICT, logger });
    const ses = fake.session.defaultSession;
    const check = (url: string | undefined) =>
      ses.permissionCheckHandler?.({}, 'clipboard-sanitized-write', '', { ...(url ? { requestingUrl: url } : {}), isMainFrame: true });
    expect(check(appUrl)).toBe(true);
    expect(check('https://evil.example/')).toBe(false);
    expect(check(undefined)).toBe(false);
  });
});

describe('the bench camera', () => {
  test('media for video only is granted to the app document; the microphone and other pages are not', () => {
    hardenSession(fake.session.defaultSession as never, { urls, csp: STRICT, logger });
    const ses = fake.session.defaultSession;
    const request = (url: string, mediaTypes: string[]) => {
      let granted: boolean | null = null;
      ses.permissionRequestHandler?.({}, 'media', (ok) => (granted = ok), { requestingUrl: url, mediaTypes } as { requestingUrl: string });
      return granted;
    };
    const check = (url: string, mediaType: string) =>
      ses.permissionCheckHandler?.({}, 'media', '', { requestingUrl: url, isMainFrame: true, mediaType } as { requestingUrl: string; isMainFrame: boolean });
    expect(request(appUrl, ['video'])).toBe(true);
    expect(check(appUrl, 'video')).toBe(true);
    expect(request(appUrl, ['audio'])).toBe(false);
    expect(request(appUrl, ['video', 'audio'])).toBe(false);
    expect(request(appUrl, [])).toBe(false);
    expect(check(appUrl, 'audio')).toBe(false);
    expect(request('https://evil.example/', ['video'])).toBe(false);
    expect(check('https://evil.example/', 'video')).toBe(false);
  });
});

describe('webContents guards', () => {
  beforeEach(() => installWebContentsGuards(fake.app as never, { urls, logger }));

  test('every new webContents is guarded: only app://dockside/index.html may be navigated to', () => {
    const wc = new FakeBrowserWindow({}).webContents;
    expect(wc.emitNavigation('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(wc.emitNavigation('will-navigate', 'file:///etc/passwd')).toBe(true);
    // The built file itself is no longer the app: only the privileged scheme gets the CSP header.
    expect(wc.emitNavigation('will-navigate', builtFileUrl)).toBe(true);
    expect(wc.emitNavigation('will-navigate', 'app://evil/index.html')).toBe(true);
    expect(wc.emitNavigation('will-navigate', 'app://dockside/other.html')).toBe(true);
    expect(wc.emitNavigation('will-redirect', 'https://evil.example/')).toBe(true);
    expect(wc.emitNavigation('will-navigate', `${appUrl}#/pack`)).toBe(false);
    expect(wc.emitNavigation('will-redirect', appUrl)).toBe(false);
    expect(logger.lines.filter((l) => l.includes('blocked'))).toHaveLength(6);
  });

  test('window.open is denied for every URL, and nothing is opened externally', () => {
    const wc = new FakeBrowserWindow({}).webContents;
    for (const url of ['https://example.com/', appUrl, 'mailto:a@b.c']) {
      expect(wc.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.shell.opened).toEqual([]);
  });

  test('webviews are never attached', () => {
    const wc = new FakeBrowserWindow({}).webContents;
    let prevented = false;
    wc.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });
});

describe('header and meta tag agree', () => {
  // The renderer's index.html carries a meta policy too (a second line of defence, and what a
  // browser sees first). The header must cover the same directives and never allow more than the meta.
  const indexHtml = new URL('../../../src-renderer/index.html', import.meta.url);
  const directives = (policy: string) =>
    new Map(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...sources]) => [name!, new Set(sources)] as const),
    );
  test('src-renderer/index.html: same directives, header never looser', () => {
    const html = fs.readFileSync(indexHtml, 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    expect(meta).toBeDefined();
    const fromMeta = directives(meta!);
    const fromHeader = directives(contentSecurityPolicy());
    // frame-ancestors works only as a header (browsers ignore it in a meta tag, with a console error).
    expect(fromMeta.has('frame-ancestors')).toBe(false);
    expect([...fromHeader.keys()].filter((k) => k !== 'frame-ancestors').sort()).toEqual([...fromMeta.keys()].sort());
    for (const [name, sources] of fromHeader) {
      if (name === 'frame-ancestors') continue;
      for (const src of sources) expect(fromMeta.get(name)?.has(src), `${name} ${src}`).toBe(true);
    }
  });
});
