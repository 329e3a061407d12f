// Screenshots for a person to look at (not a test): Settings → Calls and Settings → Packing as a
// supervisor of the demo station in web mode.
//   npm run build && npx tsx test/e2e/settingsShots.ts [OUT_DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from './chromium';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.resolve(process.argv[2] ?? '/tmp/settings-shots');
async function main() {
  fs.mkdirSync(out, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-shots-'));
  const proc = spawn('node', ['out/main/web.js', '--demo', '--port', '0', '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error('no url ' + printed)), 60000);
    proc.stdout!.on('data', (d) => {
      printed += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(printed);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    });
  });
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 1650 } })).newPage();
    await page.goto(url);
    await page.getByTestId('signin-pin').fill('999999');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-calls').click();
    await page.getByTestId('calls-settings').waitFor();
    await page.getByTestId('screen-pop-url').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(out, 'calls-tab.png'), fullPage: true });
    await page.getByTestId('settings-tab-packing').click();
    await page.getByTestId('pack-settings').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(out, 'packing-tab.png'), fullPage: true });
    console.log('done');
  } finally {
    await browser.close();
    proc.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
