import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';
import { launchChromium, startWebMode, type Running } from './webMode';

// The real app: built renderer, web-mode core over a real WebSocket and SQLite, in Chromium.
let app: Running;
let browser: Browser;
let page: Page;
let cleanup: () => void;
const pageErrors: string[] = [];

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  app = await startWebMode(t.dir, ['--demo']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  await page.goto(app.url);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  cleanup?.();
});

async function signIn(pin: string): Promise<void> {
  await page.getByTestId('signin-pin').fill(pin);
  await page.getByTestId('signin-submit').click();
}

describe('the shell in Chromium over web mode', () => {
  it('loads the sign-in screen with the station name', async () => {
    await expect.poll(() => page.getByTestId('signin-pin').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('header-station').textContent()).toContain('Demo bench 1');
  });

  it('refuses a wrong PIN and signs a packer in by PIN', async () => {
    await signIn('0000');
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toBeTruthy();
    await signIn('1111');
    await expect.poll(() => page.getByTestId('header-user').textContent()).toContain('Petra Nováková');
  });

  it('navigates between the screens by click', async () => {
    for (const name of ['pack', 'calls', 'sync', 'settings', 'pick']) {
      await page.getByTestId(`nav-${name}`).click();
      await expect.poll(() => page.getByTestId(`screen-${name}`).isVisible()).toBe(true);
    }
  });

  it('switches to another user by PIN', async () => {
    await page.getByTestId('switch-user').click();
    await signIn('2222');
    await expect.poll(() => page.getByTestId('header-user').textContent()).toContain('Adam Dvořák');
  });

  it('receives a fast scanner burst as exact scans, whatever has focus', async () => {
    await page.getByTestId('nav-pick').click();
    await expect.poll(() => page.getByTestId('screen-pick').isVisible()).toBe(true);
    // Focus a navigation button: a scan's Enter must not click it.
    await page.getByTestId('nav-settings').focus();
    const codes = Array.from({ length: 30 }, (_, i) => `40063813${String(10000 + i * 7919).slice(-5)}`);
    codes.push('0195060001343521', 'SKU-ABC-123', '(01)09506000134352(10)ABC');
    const started = Date.now();
    for (const code of codes) {
      await page.keyboard.type(code, { delay: 2 });
      await page.keyboard.press('Enter');
    }
    const seconds = (Date.now() - started) / 1000;
    expect(codes.length / seconds).toBeGreaterThan(10);
    await expect.poll(() => page.getByTestId('scan-item').count(), { timeout: 10_000 }).toBe(codes.length);
    const seen = (await page.getByTestId('scan-item').allTextContents()).map((s) => s.trim());
    for (const code of codes) expect(seen.filter((s) => s.includes(code)), code).toHaveLength(1);
    expect(await page.getByTestId('screen-pick').isVisible()).toBe(true); // the focused nav button was not pressed
  });

  it('has raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
