import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src-main/sim/cli';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('sim CLI', () => {
  it('parses the documented flags', () => {
    expect(parseArgs([])).toEqual({ port: 4010 });
    expect(parseArgs(['--port', '0', '--seed', 'abc', '--scale', 'large', '--token-ttl', '60', '--screen-pop-url', 'http://127.0.0.1:9/pop'])).toEqual({ port: 0, seed: 'abc', scale: 'large', tokenTtlSeconds: 60, screenPopUrl: 'http://127.0.0.1:9/pop' });
    expect(parseArgs(['--seed=7', '--port=4999'])).toEqual({ port: 4999, seed: 7 });
    expect(() => parseArgs(['--scale', 'huge'])).toThrow(/scale/);
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown option/);
  });
  it('prints the base URLs and demo credentials', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/sim/cli.ts', '--port', '0', '--seed', '5'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Ctrl-C')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`exited: ${out}`)));
    });
    child.kill('SIGTERM');
    for (const s of ['/afosto', '/ucs', '/ultracart/rest/v2', '/homs', '/opentaps', '/_sim', 'x-ultracart-simple-key', 'authToken=', 'client_secret']) expect(out).toContain(s);
    const url = /Control\s+(http:\/\/127\.0\.0\.1:\d+\/_sim)/.exec(out)?.[1];
    expect(url).toBeTruthy();
  });
});
