// Web mode's CSP: the built index.html carries Electron's meta policy (no WebSocket at all); each
// HTML response replaces it, and the header, with the one socket origin the page was served from.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy, withMetaCsp } from '../../../src-main/core/security/csp';
import { startWebHost, type WebHost } from '../../../src-main/host/server';
import { createTestCore, type TestCore } from '../../helpers/core';

const REAL_INDEX = fs.readFileSync(new URL('../../../src-renderer/index.html', import.meta.url), 'utf8');
const metaOf = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
const connectSrc = (policy: string | undefined) => /connect-src ([^;]*)/.exec(policy ?? '')?.[1];

let t: TestCore;
let host: WebHost;
beforeAll(async () => {
  t = await createTestCore();
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), REAL_INDEX);
  host = await startWebHost({ dispatcher: t.core.dispatcher, events: t.core.events, logger: t.logger, rendererDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  await t.dispose();
});

function get(pathname: string, hostHeader: string): Promise<{ headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: host.port, path: pathname, headers: { host: hostHeader } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

describe('meta CSP', () => {
  it('the renderer index (what Electron loads) allows no WebSocket at all', () => {
    expect(metaOf(REAL_INDEX)).toBe(metaContentSecurityPolicy());
    expect(connectSrc(metaOf(REAL_INDEX))).toBe("'self'");
    expect(REAL_INDEX).not.toMatch(/ws:/);
  });

  it('withMetaCsp replaces the tag, or inserts one when there is none', () => {
    const replaced = withMetaCsp(REAL_INDEX, 'default-src x');
    expect(metaOf(replaced)).toBe('default-src x');
    expect(replaced.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(metaOf(withMetaCsp('<html><head><title>t</title></head></html>', 'default-src y'))).toBe('default-src y');
  });
});

describe('web mode serves the page with its one socket origin', () => {
  it.each(['127.0.0.1', 'localhost'])('Host %s:<port>: meta and header allow exactly ws://that origin', async (name) => {
    const origin = `${name}:${host.port}`;
    for (const p of ['/', '/index.html', '/settings/printers']) {
      const res = await get(p, origin);
      const meta = metaOf(res.body);
      expect(connectSrc(meta), p).toBe(`'self' ws://${origin}`);
      expect(connectSrc(res.headers['content-security-policy'] as string), p).toBe(`'self' ws://${origin}`);
      expect(res.body.match(/Content-Security-Policy/g), p).toHaveLength(1);
      // No wildcard port, and the other loopback name is not allowed either.
      expect(res.body).not.toContain('ws://127.0.0.1:*');
      expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy({ connectSrc: [`ws://${origin}`] }));
    }
  });
});
