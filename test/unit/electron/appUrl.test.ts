import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { appPaths, createAppUrlPolicy, parseDevUrl } from '../../../src-main/electron/appUrl';

const mainDir = path.resolve('/opt/Dockside/resources/app.asar/out/main');
const paths = appPaths(mainDir);
const fileUrl = (p: string) => pathToFileURL(p).href;

describe('app paths', () => {
  test('preload and renderer sit beside the main bundle as electron-vite builds them', () => {
    expect(paths.preload).toBe(path.resolve('/opt/Dockside/resources/app.asar/out/preload/index.cjs'));
    expect(paths.rendererIndex).toBe(path.resolve('/opt/Dockside/resources/app.asar/out/renderer/index.html'));
  });
});

describe('production URL policy (file://)', () => {
  const urls = createAppUrlPolicy({ paths });

  test('loads the built index file, never a URL', () => {
    expect(urls.target).toEqual({ kind: 'file', path: paths.rendererIndex });
  });

  test('the app document is the index file, with any hash route or query', () => {
    expect(urls.isAppDocument(fileUrl(paths.rendererIndex))).toBe(true);
    expect(urls.isAppDocument(`${fileUrl(paths.rendererIndex)}#/pack`)).toBe(true);
    expect(urls.isAppDocument(`${fileUrl(paths.rendererIndex)}?x=1`)).toBe(true);
  });

  test('other files, other schemes and traversal tricks are not the app', () => {
    for (const u of [
      fileUrl(path.join(paths.rendererDir, 'other.html')),
      fileUrl('/etc/passwd'),
      `${fileUrl(paths.rendererDir)}/../../../../etc/index.html`,
      'file://evil.example/opt/Dockside/resources/app.asar/out/renderer/index.html',
      'https://example.com/index.html',
      'http://127.0.0.1:5173/',
      'about:blank',
      'not a url',
    ]) {
      expect(urls.isAppDocument(u), u).toBe(false);
    }
  });

  test('resources are files inside out/renderer only', () => {
    expect(urls.isAppResource(fileUrl(path.join(paths.rendererDir, 'assets', 'index-abc.js')))).toBe(true);
    expect(urls.isAppResource(fileUrl(`${paths.rendererDir}-evil/index.html`))).toBe(false);
    expect(urls.isAppResource(fileUrl(path.join(paths.rendererDir, '..', 'main', 'main.js')))).toBe(false);
    expect(urls.isAppResource(fileUrl('/tmp/dockside-print-x/document.pdf'))).toBe(false);
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
    const urls = createAppUrlPolicy({ paths, devUrl: parseDevUrl('http://localhost:5173/') });
    expect(urls.target).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
    expect(urls.isAppDocument('http://localhost:5173/#/calls')).toBe(true);
    expect(urls.isAppDocument('http://localhost:5174/')).toBe(false);
    expect(urls.isAppDocument(fileUrl(paths.rendererIndex))).toBe(false);
  });
});
