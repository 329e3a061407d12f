import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp, type OpenApp } from './webMode';

// The real app: built renderer, web-mode core over a real WebSocket and SQLite, in Chromium.
let opened: OpenApp;
let page: Page;
beforeAll(async () => {
  opened = await openDemoApp();
  page = opened.page;
});
afterAll(() => opened?.close());

async function signIn(pin: string): Promise<void> {
  await page.getByTestId('signin-pin').fill(pin);
  await page.getByTestId('signin-submit').click();
}

describe('the shell in Chromium over web mode', () => {
  it('loads the sign-in screen with the station name', async () => {
    await expect.poll(() => page.getByTestId('signin-pin').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('screen-signin').textContent()).toContain('Demo bench 1');
  });

  it('refuses a wrong PIN and signs a packer in by PIN', async () => {
    await signIn('0000');
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toBeTruthy();
    await signIn('1111');
    await expect.poll(() => page.getByTestId('header-user').textContent()).toContain('Petra Nováková');
    expect(await page.getByTestId('header-station').textContent()).toContain('Demo bench 1');
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
    // Focus a navigation button: a scan's Enter must not press it.
    await page.getByTestId('nav-settings').focus();
    const codes = Array.from({ length: 48 }, (_, i) => `40063813${String(10000 + i * 7919).slice(-5)}`);
    codes.push('0195060001343521', '(01)09506000134352(10)ABC');
    // A keyboard-wedge scanner at hardware pace, as trusted key events through CDP: keys 3 ms
    // apart, a new scan every 50 ms (20 scans/s). The event timestamps carry the pace, so
    // delivery jitter on a loaded machine cannot turn the burst into typing.
    const cdp = await page.context().newCDPSession(page);
    let t = Date.now() / 1000;
    const key = (type: 'keyDown' | 'keyUp', k: string, extra: Record<string, unknown> = {}) =>
      cdp.send('Input.dispatchKeyEvent', { type, key: k, timestamp: t, ...extra });
    for (const code of codes) {
      const start = t;
      for (const ch of code) {
        await key('keyDown', ch, { text: ch });
        await key('keyUp', ch);
        t += 0.003;
      }
      await key('keyDown', 'Enter', { code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' });
      await key('keyUp', 'Enter', { code: 'Enter', windowsVirtualKeyCode: 13 });
      t = start + 0.05;
    }
    await expect.poll(() => page.getByTestId('scan-item').count(), { timeout: 10_000 }).toBe(codes.length);
    const seen = (await page.getByTestId('scan-item').allTextContents()).map((s) => s.trim());
    expect([...seen].sort()).toEqual([...codes].sort());
    expect(await page.getByTestId('screen-pick').isVisible()).toBe(true); // the focused nav button was not pressed
  });

  it('a command barcode switches screens', async () => {
    const cdp = await page.context().newCDPSession(page);
    let t = Date.now() / 1000;
    for (const ch of 'CMD:PACK') {
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, timestamp: t });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, timestamp: t });
      t += 0.003;
    }
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r', timestamp: t });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, timestamp: t });
    await expect.poll(() => page.getByTestId('screen-pack').isVisible()).toBe(true);
  });

  it('pauses sign-in after five wrong PINs and says for how long', async () => {
    await page.getByTestId('switch-user').click();
    // Wrong PINs typed earlier still count (a correct sign-in does not reset them): the pause comes
    // with the fifth wrong PIN overall, so at most five are typed here.
    let wrong = 0;
    let text = '';
    while (!text.includes('Too many')) {
      expect(wrong).toBeLessThan(5);
      await signIn('0000'); // typing clears the previous error, so each answer is awaited here
      wrong++;
      await expect.poll(() => page.getByTestId('signin-error').textContent()).toMatch(/Wrong PIN|Too many/);
      text = (await page.getByTestId('signin-error').textContent()) ?? '';
    }
    expect(text).toMatch(/Too many wrong PINs. Try again in \d+ s\./);
    await signIn('1111');
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toMatch(/Too many wrong PINs. Try again in \d+ s\./);
  });

  it('has raised no page errors', () => {
    expect(opened.pageErrors).toEqual([]);
  });
});
