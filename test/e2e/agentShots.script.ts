// Screenshots of the agent status bar and queue view in web mode (demo), for the report:
// npx tsx test/e2e/agentShots.script.ts <out dir>. Not a test: run by hand after `npm run build`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium';

const outDir = process.argv[2] ?? '/tmp/agent-shots';
const dataDir = fs.mkdtempSync('/tmp/agent-x-');

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const proc = spawn(process.execPath, ['out/main/web.js', '--demo', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL: ${out} ${err}`)), 30_000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /Dockside web mode: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  await new Promise((r) => setTimeout(r, 500));
  const simUrl = /simulator at (http:\/\/127\.0\.0\.1:\d+)/.exec(err)?.[1];
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(url);
    for (const d of '2222') await page.getByTestId(`pinpad-${d}`).click();
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('nav-calls').click();
    const select = page.getByTestId('agent-link-select');
    await select.waitFor();
    // The demo pull brings the UCS users: wait for them, then link to Tomáš Dvořák (UCS 21).
    for (let i = 0; i < 60 && (await select.locator('option').count()) < 3; i++) await page.waitForTimeout(500);
    await select.selectOption('21');
    await page.getByTestId('agent-link-save').click();
    await page.getByTestId('queue-table').waitFor();
    // Callers waiting in two queues (the simulator's control API), as a trainer rings them.
    for (const [number, queue] of [['+420601000111', 74], ['+420602000222', 74], ['+420603000333', 146]] as const) {
      await fetch(`${simUrl}/_sim/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ number, queue }) });
    }
    await page.getByTestId('agent-status-bar').locator('[data-testid=agent-ready]').click();
    await page.getByTestId('queue-75-toggle').click();
    await page.getByTestId('queue-74-waiting').filter({ hasText: /^2$/ }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(outDir, 'queue-view-ready.png') });
    // The AUX reasons menu, opened from the keyboard.
    await page.getByTestId('agent-ready').focus();
    await page.keyboard.press('a');
    await page.getByTestId('agent-aux-menu').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.screenshot({ path: path.join(outDir, 'aux-menu.png') });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    // UCS taken offline (training fault): the pause is refused with its reason, the view says how old it is.
    await fetch(`${simUrl}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ system: 'ucs', kind: 'reset', durationMs: 60_000 }) });
    await page.getByTestId('queue-74-toggle').click();
    await page.getByTestId('queue-74-error').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid=queues-freshness]:not([data-source=live])').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    await page.getByTestId('queue-74-error').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(outDir, 'ucs-down.png') });
  } finally {
    await browser.close();
    proc.kill('SIGTERM');
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
