// A keyboard-wedge scanner for Chromium pages: trusted key events through CDP, a few ms apart by
// their timestamps, ending with Enter. Each code's keys are sent in one go (a scanner does not wait
// for the computer), and the characters are stamped in the past so the decoder sees a burst however
// late a loaded machine delivers them; the Enter is stamped "now", when sending starts.
import type { CDPSession, Page } from 'playwright-core';

/** ms between two keys of one burst, by their timestamps (real scanners: 1–5 ms). */
export const KEY_GAP_MS = 2;

export interface Scanner {
  /** Types one code and its Enter; resolves when the browser took the keys. */
  scan(code: string): Promise<void>;
  /** Several codes, a new one every `gapMs` (≥ 100 ms: 10 scans a second). */
  scanAll(codes: readonly string[], gapMs?: number): Promise<void>;
  detach(): Promise<void>;
}

export async function scannerFor(page: Page): Promise<Scanner> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  let lastEnter = 0;
  const scan = async (code: string): Promise<void> => {
    // Every stamp is fixed before the first key is sent: sending takes time on a loaded machine,
    // and an Enter stamped late would read as typing. The Enter is "now"; the keys lead up to it.
    // Never before the previous scan's Enter: the decoder would see keys out of order.
    const enterAt = Math.max(Date.now(), lastEnter + 1 + (code.length + 1) * KEY_GAP_MS);
    lastEnter = enterAt;
    const sent: Promise<unknown>[] = [];
    const key = (type: 'keyDown' | 'keyUp', k: string, at: number, extra: Record<string, unknown> = {}) =>
      sent.push(cdp.send('Input.dispatchKeyEvent', { type, key: k, timestamp: at / 1000, ...extra }));
    let t = enterAt - code.length * KEY_GAP_MS;
    for (const ch of code) {
      key('keyDown', ch, t, { text: ch });
      key('keyUp', ch, t);
      t += KEY_GAP_MS;
    }
    key('keyDown', 'Enter', enterAt, { code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' });
    key('keyUp', 'Enter', enterAt, { code: 'Enter', windowsVirtualKeyCode: 13 });
    await Promise.all(sent);
  };
  return {
    scan,
    async scanAll(codes, gapMs = 150) {
      for (const code of codes) {
        const t0 = Date.now();
        await scan(code);
        const wait = gapMs - (Date.now() - t0);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    },
    detach: () => cdp.detach(),
  };
}
