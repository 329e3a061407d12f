// The bench's devices in a real Chromium: the fake camera (--use-fake-device-for-media-stream)
// gives PhotoButton a real getUserMedia stream; the photo is encoded to JPEG by the browser, sent
// over the web-mode WebSocket to the real core, stored with its parcel, and checked to be a whole
// JPEG that decodes to the size the camera gave. The scale reading comes from a fake MT-SICS
// scale on a loopback TCP port. The page is a small harness (test/e2e/benchHarness) mounting the
// real components with the app's providers, served by the real web host, until the Pack screen
// (another branch) mounts them.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParcelPhoto } from '../../src-preload/contract';
import { startWebHost, type WebHost } from '../../src-main/host/server';
import { MtSicsTcpScale } from '../../src-main/core/scale/mtsicsTcp';
import { jpegInfo } from '../../src-main/core/evidence/domain';
import { createTestCore, type TestCore } from '../helpers/core';
import { FakeScale } from '../helpers/fakeScale';
import { tempDir } from '../helpers/tmp';
import { CHROMIUM_ARGS, chromiumChoice, launchOptions } from './chromium';
import { root } from './webMode';

const SHOTS = process.env.DOCKSIDE_SHOTS_DIR; // e.g. /work/shots/packdev: screenshots for the report

let harnessDir: string;
let removeHarness: () => void;
let camBrowser: Browser;

beforeAll(async () => {
  ({ dir: harnessDir, cleanup: removeHarness } = tempDir('dockside-bench-harness-'));
  await build({
    entryPoints: { harness: path.join(root, 'test/e2e/benchHarness/main.tsx') },
    bundle: true,
    outdir: harnessDir,
    format: 'esm',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  fs.writeFileSync(
    path.join(harnessDir, 'index.html'),
    '<!doctype html><html lang="en" data-theme="light"><head><meta charset="utf-8"><link rel="stylesheet" href="/harness.css"><title>Bench</title></head><body><div id="root"></div><script type="module" src="/harness.js"></script></body></html>',
  );
  const opts = launchOptions(await chromiumChoice());
  camBrowser = await chromium.launch({ ...opts, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
});

afterAll(async () => {
  await camBrowser?.close();
  removeHarness?.();
});

interface Station {
  core: TestCore;
  host: WebHost;
  scale: FakeScale;
  url: string;
  close(): Promise<void>;
}

/** A real core on a SQLite file with a packer signed in, open parcels p1 and p2, a fake scale set up, served by the web host. */
async function station(): Promise<Station> {
  const scale = await FakeScale.start();
  const core = await createTestCore({
    sync: { autoStart: false },
    scaleDriver: (c) => new MtSicsTcpScale({ host: c.host, port: c.port, replyTimeoutMs: 500, stableTimeoutMs: 2000, reconnectDelayMs: 0 }),
  });
  const s = core.core.station;
  await s.setup({ stationName: 'Bench 1', name: 'Jana', pin: '999999' });
  await core.core.scale.configure({ kind: 'mt-sics', host: '127.0.0.1', port: scale.port });
  await s.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, null);
  await s.signIn({ pin: '1111' });
  const now = Date.now();
  core.core.db.prepare(`INSERT INTO orders (id, number, status, updated_at) VALUES ('o1', '1001', 'open', ?)`).run(now);
  core.core.db.prepare(`INSERT INTO parcels (id, order_id, seq, status, created_at, updated_at) VALUES ('p1', 'o1', 1, 'open', ?, ?), ('p2', 'o1', 2, 'open', ?, ?)`).run(now, now, now, now);
  const host = await startWebHost({ dispatcher: core.core.dispatcher, events: core.core.events, logger: core.logger, rendererDir: harnessDir, port: 0 });
  return {
    core,
    host,
    scale,
    url: `http://127.0.0.1:${host.port}/?parcels=p1,p2#token=${host.token}`,
    async close() {
      await host.close();
      await core.dispose();
      await scale.stop();
    },
  };
}

describe('bench devices in Chromium', () => {
  it('F12 takes one photo with the fake camera, for the newest open parcel; the stored JPEG is whole and decodes to the camera’s size', async () => {
    const st = await station();
    const context = await camBrowser.newContext({ viewport: { width: 1000, height: 640 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      st.scale.show('1.204', 'kg');
      await page.goto(st.url);
      const count = (parcel: string) => page.locator(`[data-parcel="${parcel}"] [data-testid="photo-count"]`);
      await count('p1').filter({ hasText: 'Photos: 0' }).waitFor({ timeout: 15_000 });
      await count('p2').filter({ hasText: 'Photos: 0' }).waitFor();
      await page.getByTestId('scale-weight').filter({ hasText: '1.204 kg' }).waitFor();

      await page.keyboard.press('F12');
      await count('p2').filter({ hasText: 'Photos: 1' }).waitFor({ timeout: 15_000 });
      expect(await count('p1').textContent()).toBe('Photos: 0');
      const rows = st.core.core.db.prepare('SELECT id, parcel_id, width, height, bytes FROM parcel_photos').all() as {
        id: string;
        parcel_id: string;
        width: number;
        height: number;
        bytes: number;
      }[];
      expect(rows).toHaveLength(1);
      const [row] = rows as [(typeof rows)[number]];
      expect(row.parcel_id).toBe('p2');

      // The bytes on disk: SOI at the start, EOI at the end, a frame header with the picture size.
      const bytes = fs.readFileSync(st.core.core.evidence.fileOf(row.id)!);
      expect(bytes.length).toBe(row.bytes);
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
      expect([bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd9]);
      const info = jpegInfo(bytes)!;
      expect(info).toEqual({ width: row.width, height: row.height });
      expect(info.width).toBeGreaterThanOrEqual(320);
      expect(bytes.length).toBeGreaterThan(5_000); // a picture, not a blank frame header

      // And the browser decodes what evidence.get gives back to the same size.
      // (The page's own functions, as text: this test is type-checked with Node's types, not the DOM's.)
      const b64 = (await st.core.core.evidence.get(row.id)).jpegBase64;
      const decoded = await page.evaluate<{ width: number; height: number }>(`(async () => {
        const bin = Uint8Array.from(atob(${JSON.stringify(b64)}), (c) => c.charCodeAt(0));
        const bmp = await createImageBitmap(new Blob([bin], { type: 'image/jpeg' }));
        return { width: bmp.width, height: bmp.height };
      })()`);
      expect(decoded).toEqual(info);

      // F7 takes the steady weight from the fake scale.
      await page.keyboard.press('F7');
      await page.getByTestId('bench-weight').filter({ hasText: 'Parcel weight: 1.204 kg' }).waitFor();
      if (SHOTS) {
        fs.mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SHOTS, 'bench-devices.png') });
        fs.writeFileSync(path.join(SHOTS, 'parcel-photo.jpg'), bytes);
      }
      expect(st.core.core.evidence.list('p2').map((p: ParcelPhoto) => p.id)).toEqual([row.id]);
      expect(st.core.core.evidence.list('p1')).toEqual([]);
      // The button takes a photo for its own parcel.
      await page.locator('[data-parcel="p1"] [data-testid="photo-take"]').click();
      await count('p1').filter({ hasText: 'Photos: 1' }).waitFor({ timeout: 15_000 });
      expect(st.core.core.evidence.list('p1')).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await st.close();
    }
  });

  it('without a camera the photo button is not there; the scale still reads', async () => {
    const st = await station();
    const browser = await chromium.launch(launchOptions(await chromiumChoice()));
    const page = await browser.newPage();
    try {
      st.scale.show('0.300', 'kg');
      await page.goto(st.url);
      await page.getByTestId('scale-weight').filter({ hasText: '300 g' }).waitFor({ timeout: 15_000 });
      const devices = await page.evaluate<number>(`navigator.mediaDevices.enumerateDevices().then((all) => all.filter((d) => d.kind === 'videoinput').length)`);
      expect(devices).toBe(0);
      await page.waitForTimeout(300);
      expect(await page.getByTestId('photo-take').count()).toBe(0);
    } finally {
      await browser.close();
      await st.close();
    }
  });
});
