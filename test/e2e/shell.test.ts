import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoAppPerTest, PIN, signIn } from './webMode';

// The real app: built renderer, web-mode core over a real WebSocket and SQLite, in Chromium.
// Every test starts from a fresh demo station and page.
const app = demoAppPerTest();

/** Opens the app with `pin`'s user already signed in (arranged through the contract). */
async function openSignedIn(pin: string, name: string): Promise<Page> {
  const { api, page, open } = app();
  await api.call('station.signIn', { pin });
  await open();
  await expect.poll(() => page.getByTestId('header-user').textContent(), { timeout: 15_000 }).toContain(name);
  return page;
}

async function openSignInScreen(): Promise<Page> {
  const { page, open } = app();
  await open();
  await expect.poll(() => page.getByTestId('signin-pin').isVisible(), { timeout: 15_000 }).toBe(true);
  return page;
}

/**
 * A keyboard-wedge scanner: trusted key events through CDP, 3 ms apart by their timestamps, a new
 * scan every `gapSeconds`. The timestamps carry the pace, so delivery jitter on a loaded machine
 * cannot turn a burst into typing; each scan's keys are sent in one go, like a scanner that does
 * not wait for the computer, so a stall of this test process cannot split a scan either.
 */
async function scan(page: Page, codes: string[], gapSeconds = 0.05): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  let t = Date.now() / 1000;
  for (const code of codes) {
    const start = t;
    const sent: Promise<unknown>[] = [];
    const key = (type: 'keyDown' | 'keyUp', k: string, extra: Record<string, unknown> = {}) =>
      sent.push(cdp.send('Input.dispatchKeyEvent', { type, key: k, timestamp: t, ...extra }));
    for (const ch of code) {
      key('keyDown', ch, { text: ch });
      key('keyUp', ch);
      t += 0.003;
    }
    key('keyDown', 'Enter', { code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' });
    key('keyUp', 'Enter', { code: 'Enter', windowsVirtualKeyCode: 13 });
    await Promise.all(sent);
    t = start + gapSeconds;
    // Not ahead of the clock: the page would time a key stamped in the future by its arrival instead.
    const ahead = t * 1000 - Date.now();
    if (ahead > 0) await new Promise((r) => setTimeout(r, ahead));
  }
  await cdp.detach();
}

describe('the shell in Chromium over web mode', () => {
  it('loads the sign-in screen with the station name', async () => {
    const page = await openSignInScreen();
    expect(await page.getByTestId('screen-signin').textContent()).toContain('Demo bench 1');
  });

  it('refuses a wrong PIN and signs a packer in by PIN', async () => {
    const page = await openSignInScreen();
    await signIn(page, '0000');
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toBeTruthy();
    await signIn(page, PIN.packer);
    await expect.poll(() => page.getByTestId('header-user').textContent()).toContain('Petra Nováková');
    expect(await page.getByTestId('header-station').textContent()).toContain('Demo bench 1');
  });

  it('signs the supervisor in with a six-digit PIN', async () => {
    const page = await openSignInScreen();
    await signIn(page, PIN.supervisor);
    await expect.poll(() => page.getByTestId('header-user').textContent()).toContain('Jana Svobodová');
  });

  it('navigates between the screens by click', async () => {
    const page = await openSignedIn(PIN.packer, 'Petra Nováková');
    for (const name of ['pack', 'calls', 'sync', 'settings', 'pick']) {
      await page.getByTestId(`nav-${name}`).click();
      await expect.poll(() => page.getByTestId(`screen-${name}`).isVisible()).toBe(true);
    }
  });

  it('switches to another user by PIN', async () => {
    const page = await openSignedIn(PIN.packer, 'Petra Nováková');
    await page.getByTestId('switch-user').click();
    await signIn(page, PIN.agent);
    await expect.poll(() => page.getByTestId('header-user').textContent()).toContain('Adam Dvořák');
  });

  it('receives a fast scanner burst as exact scans, whatever has focus', async () => {
    const page = await openSignedIn(PIN.packer, 'Petra Nováková');
    await page.getByTestId('nav-pick').click();
    await expect.poll(() => page.getByTestId('screen-pick').isVisible()).toBe(true);
    // Focus a navigation button: a scan's Enter must not press it.
    await page.getByTestId('nav-settings').focus();
    const codes = Array.from({ length: 48 }, (_, i) => `40063813${String(10000 + i * 7919).slice(-5)}`);
    codes.push('0195060001343521', '(01)09506000134352(10)ABC');
    await scan(page, codes); // a new scan every 50 ms: 20 scans/s
    await expect.poll(() => page.getByTestId('scan-item').count(), { timeout: 10_000 }).toBe(codes.length);
    const seen = (await page.getByTestId('scan-item').allTextContents()).map((s) => s.trim());
    expect([...seen].sort()).toEqual([...codes].sort());
    expect(await page.getByTestId('screen-pick').isVisible()).toBe(true); // the focused nav button was not pressed
  });

  it('a command barcode switches screens', async () => {
    const page = await openSignedIn(PIN.packer, 'Petra Nováková');
    await page.getByTestId('nav-pick').click();
    await expect.poll(() => page.getByTestId('screen-pick').isVisible()).toBe(true);
    await scan(page, ['CMD:PACK']);
    await expect.poll(() => page.getByTestId('screen-pack').isVisible()).toBe(true);
  });

  it('pauses sign-in after five wrong PINs and says for how long', async () => {
    const page = await openSignInScreen();
    // Core pauses sign-in with the fifth wrong PIN (a correct sign-in resets nothing), and the
    // right PIN is refused while the pause lasts.
    let text = '';
    for (let wrong = 0; !text.includes('Too many'); wrong++) {
      expect(wrong).toBeLessThan(5);
      await signIn(page, '0000'); // typing clears the previous error, so each answer is awaited here
      await expect.poll(() => page.getByTestId('signin-error').textContent()).toMatch(/Wrong PIN|Too many/);
      text = (await page.getByTestId('signin-error').textContent()) ?? '';
    }
    await signIn(page, PIN.packer);
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toMatch(/Too many wrong PINs. Try again in \d+ s\./);
  });
});
