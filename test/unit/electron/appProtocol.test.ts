// The app:// scheme through the fake protocol module: what a renderer request would receive.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { handleAppProtocol, registerAppScheme } from '../../../src-main/electron/appProtocol';
import { contentSecurityPolicy } from '../../../src-main/electron/security';
import { tempDir } from '../../helpers/tmp';
import { fake, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const CSP = contentSecurityPolicy();
let dir: string;
let rendererDir: string;
let cleanup: () => void;
let logger: ReturnType<typeof memoryLogger>;
beforeEach(() => {
  resetFake();
  logger = memoryLogger();
  ({ dir, cleanup } = tempDir());
  // The built layout, plus a secret beside it that no app:// URL may reach.
  rendererDir = path.join(dir, 'out', 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Dockside</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
  fs.mkdirSync(path.join(dir, 'out', 'main'));
  fs.writeFileSync(path.join(dir, 'out', 'main', 'main.js'), 'SECRET-MAIN');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
  handleAppProtocol(fake.protocol as never, { rendererDir, csp: CSP, logger });
});
afterEach(() => cleanup());

describe('app:// scheme', () => {
  test('is registered privileged (standard, secure, fetch) and does not bypass CSP', () => {
    resetFake();
    registerAppScheme(fake.protocol as never);
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true }, beforeReady: true },
    ]);
  });

  test('serves index.html with the CSP header and the HTML type', async () => {
    const res = await fake.protocol.request('app://dockside/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(await res.text()).toContain('<title>Dockside</title>');
    expect((await fake.protocol.request('app://dockside/')).headers.get('content-security-policy')).toBe(CSP);
  });

  test('serves assets with their MIME type and nosniff', async () => {
    const js = await fake.protocol.request('app://dockside/assets/index-abc.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe('console.log(1)');
    expect((await fake.protocol.request('app://dockside/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  test('a missing file is 404', async () => {
    expect((await fake.protocol.request('app://dockside/assets/nope.js')).status).toBe(404);
  });

  test('refuses other hosts and encoded traversal with 403, and never returns a file outside the folder', async () => {
    for (const url of [
      'app://other/index.html',
      'app://dockside/..%2f..%2fsecret.txt',
      'app://dockside/assets/..%2F..%2Fmain%2Fmain.js',
      'app://dockside/..%5c..%5csecret.txt',
    ]) {
      const res = await fake.protocol.request(url);
      expect(res.status, url).toBe(403);
      expect(await res.text(), url).not.toContain('SECRET');
    }
    // Literal (and %2e-encoded) ../ is resolved by the URL parser before the handler sees it: it stays inside.
    for (const url of ['app://dockside/../secret.txt', 'app://dockside/%2e%2e/%2e%2e/secret.txt', 'app://dockside/../../main/main.js', 'app://dockside/../x']) {
      const res = await fake.protocol.request(url);
      expect(res.status, url).toBe(404);
    }
    expect(logger.lines.filter((l) => l.includes('app:// request refused'))).toHaveLength(4);
  });

  test('only GET and HEAD', async () => {
    expect((await fake.protocol.request('app://dockside/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await fake.protocol.request('app://dockside/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toBe(CSP);
  });
});
