import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';
import { root, startPrintingUrl, type Running } from './webMode';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('npm start without an Electron binary', () => {
  it('says so in one line and serves web mode instead', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    // The launcher itself, as `npm start` runs it; the build is skipped because the suite built already.
    const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
    const running: Running = await startPrintingUrl(tsx, ['src-main/host/launch.ts', '--port', '0', '--data-dir', dir], { DOCKSIDE_SKIP_BUILD: '1' });
    cleanups.push(() => running.stop());
    const notice = running.stderr().split('\n').filter((l) => l.includes('Electron cannot start here'));
    expect(notice).toHaveLength(1);
    expect(notice[0]).toMatch(/Starting Dockside in web mode instead\.$/);
    const res = await fetch(running.url.replace(/#.*/, ''));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });
});
