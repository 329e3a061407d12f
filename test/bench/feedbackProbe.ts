// Times "scan to feedback" inside the page: from the scanner's Enter (its keydown's timestamp,
// taken by a capture listener installed before the app's own, so the app swallowing the key does
// not hide it) to the first animation frame after the watched line's text changed (a
// MutationObserver notices the change of its text or attributes; requestAnimationFrame marks the
// frame that shows it).
// The page side is plain script text: functions handed to page.evaluate would carry the test
// transpiler's helpers (__name), which the page does not have.
import type { Page } from 'playwright-core';

/** Installed with addInitScript: runs before the app's scripts on every load. */
export const PROBE_INIT_SCRIPT = `(() => {
  const probe = { enterStamp: 0, enterSeen: 0, keys: [] };
  window.__scanProbe = probe;
  window.addEventListener('keydown', (e) => {
    // The last keys, for a failure's message.
    probe.keys.push(e.key + '@' + e.timeStamp.toFixed(1) + '/' + performance.now().toFixed(1));
    if (probe.keys.length > 30) probe.keys.shift();
    if (e.key !== 'Enter') return;
    const now = performance.now();
    probe.enterSeen = now;
    // The event's own time (when the key was generated), when it is on the page's clock.
    probe.enterStamp = e.timeStamp > 0 && e.timeStamp <= now + 1 && now - e.timeStamp < 1000 ? e.timeStamp : now;
  }, { capture: true });
  // Watches the element the selector finds (read afresh on every mutation: React may replace it)
  // until its text differs from now; wrapped in an object so evaluateHandle does not wait for it.
  probe.arm = (selector, timeoutMs) => {
    // The element's markup: its text and attributes (a repeated answer carries a new sequence number).
    const read = () => { const el = document.querySelector(selector); return el ? el.outerHTML : null; };
    const before = read();
    const armedAt = performance.now();
    const promise = new Promise((resolve) => {
      let settled = false;
      const observer = new MutationObserver(() => {
        if (settled) return;
        const text = read();
        if (text === before) return;
        const domAt = performance.now();
        settled = true;
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => {
          const frameAt = performance.now();
          if (probe.enterSeen < armedAt) return resolve({ error: 'the line changed before the Enter arrived' });
          resolve({ toFrame: frameAt - probe.enterStamp, toDom: domAt - probe.enterStamp, delivery: probe.enterSeen - probe.enterStamp, text: text ? text.replace(/<[^>]*>/g, ' ').trim() : '' });
        });
      });
      const timer = setTimeout(() => {
        settled = true;
        observer.disconnect();
        resolve({ error: 'no change of ' + selector + ' within ' + timeoutMs + ' ms (last keys: ' + probe.keys.join(' ') + '; now: ' + read() + ')' });
      }, timeoutMs);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    return { promise };
  };
})();`;

export interface FeedbackTiming {
  /** Enter's timestamp → first frame after the change (what the packer sees), ms. */
  toFrame: number;
  /** Enter's timestamp → the DOM change, ms. */
  toDom: number;
  /** When the page's listener ran, after the Enter's timestamp, ms (input delivery). */
  delivery: number;
  /** The watched text after the change. */
  text: string;
}

/** Arms a watch on the element `selector` finds; resolves with the timing once its text changed. Arm it, then scan. */
export async function armFeedback(page: Page, selector: string, timeoutMs = 5_000): Promise<{ done: Promise<FeedbackTiming> }> {
  const handle = await page.evaluateHandle(`window.__scanProbe.arm(${JSON.stringify(selector)}, ${timeoutMs})`);
  const done = handle
    .evaluate((h) => (h as { promise: Promise<FeedbackTiming | { error: string }> }).promise)
    .then((r) => {
      void handle.dispose();
      if ('error' in r) throw new Error(r.error);
      return r;
    });
  return { done };
}
