import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { APP_INDEX_URL, appFileFor, appPaths, createAppUrlPolicy, parseDevUrl } from '../../../src-main/electron/appUrl';

const mainDir = path.resolve('/opt/Dockside/resources/app.asar/out/main');
const paths = appPaths(mainDir);
const fileUrl = (p: string) => pathToFileURL(p).href;

describe('app paths', () => {
  test('preload and renderer sit beside the main bundle as electron-vite builds them', () => {
    expect(paths.preload).toBe(path.resolve('/opt/Dockside/resources/app.asar/out/preload/index.cjs'));
    expect(paths.rendererIndex).toBe(path.resolve('/opt/Dockside/resources/app.asar/out/renderer/index.html'));
  });
});

describe('production URL policy (app://dockside)', () => {
  const urls = createAppUrlPolicy();

  test('loads app://dockside/index.html, never a file:// URL', () => {
    expect(APP_INDEX_URL).toBe('app://dockside/index.html');
    expect(urls.target).toEqual({ kind: 'url', url: 'app://dockside/index.html' });
  });

  test('the app document is the index, with any hash route or query', () => {
    expect(urls.isAppDocument('app://dockside/index.html')).toBe(true);
    expect(urls.isAppDocument('app://dockside/index.html#/pack')).toBe(true);
    expect(urls.isAppDocument('app://dockside/index.html?x=1')).toBe(true);
    expect(urls.isAppDocument('app://dockside/')).toBe(true);
  });

  test('the built file itself, other hosts, other schemes and other documents are not the app', () => {
    for (const u of [
      fileUrl(paths.rendererIndex),
      'app://dockside/other.html',
      'app://evil/index.html',
      'app://dockside.evil/index.html',
      'app://user:pw@dockside/index.html',
      'app://dockside:8080/index.html',
      'apps://dockside/index.html',
      'https://dockside/index.html',
      'http://127.0.0.1:5173/',
      'about:blank',
      'not a url',
    ]) {
      expect(urls.isAppDocument(u), u).toBe(false);
    }
  });

  test('resources are anything under app://dockside only', () => {
    expect(urls.isAppResource('app://dockside/assets/index-abc.js')).toBe(true);
    expect(urls.isAppResource('app://other/assets/index-abc.js')).toBe(false);
    expect(urls.isAppResource(fileUrl(path.join(paths.rendererDir, 'assets', 'index-abc.js')))).toBe(false);
    expect(urls.isAppResource('file:///tmp/dockside-print-x/document.pdf')).toBe(false);
  });
});

describe('app:// → file inside the renderer folder', () => {
  const dir = paths.rendererDir;
  test('names files inside the folder; / is the index', () => {
    expect(appFileFor('app://dockside/index.html', dir)).toBe(paths.rendererIndex);
    expect(appFileFor('app://dockside/', dir)).toBe(paths.rendererIndex);
    expect(appFileFor('app://dockside/assets/a%20b.js?v=1#x', dir)).toBe(path.join(dir, 'assets', 'a b.js'));
  });

  test('refuses other hosts and every way out of the folder', () => {
    for (const u of [
      'app://other/index.html',
      'app://dockside/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      'app://dockside/assets/..%2f..%2f..%2fpreload%2findex.cjs',
      'app://dockside/..%5c..%5cmain.js',
      'app://dockside/index.html%00.png',
      'app://dockside/%E0%A4%A',
      'file:///etc/passwd',
    ]) {
      expect(appFileFor(u, dir), u).toBeNull();
    }
    // Literal dot segments are resolved by the URL parser (as Chromium does) and stay inside.
    expect(appFileFor('app://dockside/../x', dir)).toBe(path.join(dir, 'x'));
    expect(appFileFor('app://dockside/%2e%2e/main/main.js', dir)).toBe(path.join(dir, 'main', 'main.js'));
    expect(appFileFor('app://dockside/../../../etc/passwd', dir)).toBe(path.join(dir, 'etc', 'passwd'));
  });
});

describe('dev server URL', () => {
  test('only plain http on a loopback host is accepted', () => {
    expect(parseDevUrl('http://localhost:5173/')?.origin).toBe('http://localhost:5173');
    expect(parseDevUrl('http://127.0.0.1:5173')?.origin).toBe('http://127.0.0.1:5173');
    expect(parseDevUrl('http://[::1]:5173')?.origin).toBe('http://[::1]:5173');
    for (const bad of ['https://localhost:5173', 'http://example.com:5173', 'http://localhost.evil.com', 'http://user:pw@127.0.0.1/', 'file:///x', '', undefined, '::']) {
      expect(parseDevUrl(bad), String(bad)).toBeNull();
    }
  });

  test('in dev, the app is the dev server origin and nothing else', () => {
    const urls = createAppUrlPolicy({ devUrl: parseDevUrl('http://localhost:5173/') });
    expect(urls.target).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
    expect(urls.isAppDocument('http://localhost:5173/#/calls')).toBe(true);
    expect(urls.isAppDocument('http://localhost:5174/')).toBe(false);
    expect(urls.isAppDocument('app://dockside/index.html')).toBe(false);
    expect(urls.isAppDocument(fileUrl(paths.rendererIndex))).toBe(false);
  });
});
