// The browser choice and the npm Chromium's unpacking, which every browser test relies on.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';
import { launchOptions, npmChromium, npmChromiumPackage, pickChromium, SYSTEM_CHROMIUM, unpackNpmChromium, untar } from './chromium';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function scratch(): string {
  const { dir, cleanup } = tempDir('dockside-chromium-test-');
  cleanups.push(cleanup);
  return dir;
}

/** A ustar archive of files (type 0), folders (5) or symlinks (2). */
function tarOf(entries: { name: string; body?: string; type?: '0' | '2' | '5' }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 'latin1');
    h.write('0000755\0', 100);
    h.write(body.length.toString(8).padStart(11, '0') + '\0', 124);
    h.write(e.type ?? '0', 156);
    h.write('ustar\0' + '00', 257);
    h.write(' '.repeat(8), 148);
    h.write(h.reduce((sum, b) => sum + b, 0).toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(h, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)]);
}

/** A stand-in for @sparticuz/chromium's bin folder, small enough to unpack in milliseconds. */
function fakeBin(): string {
  const bin = scratch();
  const br = (b: Buffer | string) => zlib.brotliCompressSync(b);
  fs.writeFileSync(path.join(bin, 'chromium.br'), br('#!/bin/sh\necho Chromium 1.2.3\n'.repeat(50_000)));
  fs.writeFileSync(path.join(bin, 'al2023.tar.br'), br(tarOf([{ name: 'lib/libnss3.so', body: 'nss' }, { name: 'lib/libnspr4.so', body: 'nspr' }])));
  fs.writeFileSync(path.join(bin, 'fonts.tar.br'), br(tarOf([{ name: 'fonts.conf', body: '<lambda/>' }, { name: 'fonts/', type: '5' }, { name: 'fonts/Open.ttf', body: 'ttf' }])));
  return bin;
}

function filesIn(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).sort();
}

describe('which Chromium the browser tests use', () => {
  it('CHROMIUM_PATH first, then /usr/bin/chromium, then the npm build', () => {
    const yes = () => true;
    const no = () => false;
    expect(pickChromium({ CHROMIUM_PATH: '/opt/c/chrome' }, yes)).toEqual({ source: 'CHROMIUM_PATH', executablePath: '/opt/c/chrome' });
    expect(pickChromium({}, (f) => f === SYSTEM_CHROMIUM)).toEqual({ source: 'system', executablePath: SYSTEM_CHROMIUM });
    expect(pickChromium({}, no)).toEqual({ source: 'npm' });
  });
});

describe('unpacking the npm Chromium', () => {
  it('two workers starting together each get a complete folder, and no temp folder is left', async () => {
    const bin = fakeBin();
    const cache = path.join(scratch(), 'dockside-chromium-x');
    // What each caller sees at the moment its promise resolves, before the other can finish.
    const seen = await Promise.all([1, 2].map(() => unpackNpmChromium(bin, cache).then((dir) => ({ dir, files: filesIn(dir) }))));
    for (const { dir, files } of seen) {
      expect(dir).toBe(cache);
      expect(files).toEqual(['chromium', 'fonts', 'fonts.conf', 'fonts/Open.ttf', 'lib', 'lib/libnspr4.so', 'lib/libnss3.so']);
    }
    expect(fs.readdirSync(path.dirname(cache))).toEqual(['dockside-chromium-x']);
    expect(fs.readFileSync(path.join(cache, 'chromium'), 'utf8')).toBe('#!/bin/sh\necho Chromium 1.2.3\n'.repeat(50_000));
    expect(fs.statSync(path.join(cache, 'chromium')).mode & 0o111).not.toBe(0);
    // Our fonts.conf keeps the system's fonts and adds the bundled ones.
    const conf = fs.readFileSync(path.join(cache, 'fonts.conf'), 'utf8');
    expect(conf).toContain('<include ignore_missing="yes">/etc/fonts/fonts.conf</include>');
    expect(conf).toContain(`<dir>${path.join(cache, 'fonts')}</dir>`);
  });

  it('a folder a temp cleaner emptied in part is unpacked again; a complete one is reused as it is', async () => {
    const bin = fakeBin();
    const cache = path.join(scratch(), 'dockside-chromium-x');
    await unpackNpmChromium(bin, cache);
    fs.rmSync(path.join(cache, 'lib', 'libnss3.so'));
    await unpackNpmChromium(bin, cache);
    expect(fs.readFileSync(path.join(cache, 'lib', 'libnss3.so'), 'utf8')).toBe('nss');

    const marker = path.join(cache, 'kept');
    fs.writeFileSync(marker, '');
    await unpackNpmChromium(bin, cache);
    expect(fs.existsSync(marker)).toBe(true);
  });

  it('refuses archive entries outside their folder and links', () => {
    const dir = scratch();
    expect(() => untar(tarOf([{ name: '../evil', body: 'x' }]), path.join(dir, 'in'))).toThrow(/outside its folder/);
    expect(() => untar(tarOf([{ name: 'lib/link', type: '2' }]), path.join(dir, 'in'))).toThrow(/not supported/);
    expect(fs.existsSync(path.join(dir, 'evil'))).toBe(false);
  });

  it.skipIf(process.platform !== 'linux' || process.arch !== 'x64')(
    'starts @sparticuz/chromium with the NSS libraries it brings, not the system’s',
    async () => {
      const choice = await npmChromium();
      const server = await chromium.launchServer(launchOptions(choice));
      try {
        const maps = fs.readFileSync(`/proc/${server.process().pid}/maps`, 'utf8');
        const nss = [...new Set(maps.split('\n').filter((l) => /\/libnss3\.so$/.test(l)).map((l) => l.slice(l.indexOf('/'))))];
        expect(nss).toEqual([path.join(path.dirname(choice.executablePath), 'lib', 'libnss3.so')]);
        const browser = await chromium.connect(server.wsEndpoint());
        expect(browser.version().split('.')[0]).toBe(npmChromiumPackage().version.split('.')[0]); // 153 for 153.0.0
        const page = await browser.newPage();
        await page.setContent('<p>Příliš žluťoučký kůň</p>');
        expect(await page.textContent('p')).toBe('Příliš žluťoučký kůň');
        await browser.close();
      } finally {
        await server.close();
      }
    },
  );
});
