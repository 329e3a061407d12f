// The DOM side of scanner capture: one capture-phase keydown listener on window, so it sees every
// key before any focused element or React handler does. It feeds the pure decoder and applies its
// verdicts: swallow scanner keys (no button is pressed, no input is typed into), undo the first
// keys that landed before the burst was recognised, and give back keys that turned out to be typing.
import type { Scan } from './vocabulary';
import { createScanDecoder, type ScannerConfig } from './decoder';
import { classifyKey } from './keys';

/**
 * Quiet time (real ms, no key handled) before swallowed keys of an unterminated burst are given
 * back. Keys are timed by their own timestamps, but they may be handled late (a busy main thread,
 * a remote-controlled browser): giving back early would split a scan that is still arriving.
 */
export const RELEASE_GRACE_MS = 250;

export interface CaptureOptions {
  /** Read on every key, so settings changes apply at once. */
  config: () => ScannerConfig;
  onScan: (scan: Scan) => void;
  /**
   * Monotonic clock in ms; injectable for tests. When given, it also times the keys; otherwise
   * each key is timed by its event's timeStamp (when it was typed, not when a busy main thread got
   * round to it, so a long render mid-burst does not split a scan).
   */
  now?: () => number;
}

export interface ScannerCapture {
  dispose(): void;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'password', 'tel', 'url', 'email', 'number', '']);

function asTextField(el: Element | null): TextField | null {
  if (!el) return null;
  if (el.tagName === 'TEXTAREA') return el as HTMLTextAreaElement;
  if (el.tagName === 'INPUT' && TEXT_INPUT_TYPES.has((el as HTMLInputElement).type)) return el as HTMLInputElement;
  return null;
}

/**
 * Sets a field's value the way typing does, so React's controlled inputs see the change: React
 * tracks the instance's `value` property, so the prototype's setter must be used, then `input` fired.
 */
function setFieldValue(win: Window & typeof globalThis, field: TextField, value: string, caret: number | null): void {
  const proto = field.tagName === 'TEXTAREA' ? win.HTMLTextAreaElement.prototype : win.HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  if (caret !== null) {
    try {
      field.setSelectionRange(caret, caret);
    } catch {
      // number/email inputs have no selection API
    }
  }
  field.dispatchEvent(new win.Event('input', { bubbles: true }));
}

function selection(field: TextField): { start: number; end: number } {
  try {
    const start = field.selectionStart ?? field.value.length;
    return { start, end: field.selectionEnd ?? start };
  } catch {
    return { start: field.value.length, end: field.value.length };
  }
}

export function installScannerCapture(win: Window & typeof globalThis, options: CaptureOptions): ScannerCapture {
  const now = options.now ?? (() => win.performance.now());
  const timeOf = options.now
    ? options.now
    : (e: KeyboardEvent) => {
        const t = e.timeStamp;
        const n = now();
        // Same time origin as performance.now() in current browsers; fall back if it is not.
        return t > 0 && t <= n + 1 ? t : n;
      };
  const decoder = createScanDecoder(options.config());
  let snapshot: { field: TextField; value: string; caret: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Keys whose keydown was swallowed: their keyup is swallowed too (Space clicks on keyup). */
  const swallowedUp = new Set<string>();

  function giveBack(text: string): void {
    const field = asTextField(win.document.activeElement);
    if (!field || text.length === 0) return;
    const { start, end } = selection(field);
    const value = field.value.slice(0, start) + text + field.value.slice(end);
    setFieldValue(win, field, value, start + text.length);
  }

  function schedule(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (decoder.deadline() === null) return;
    // Re-armed on every key, so it fires only once keys have stopped arriving.
    timer = setTimeout(
      () => {
        timer = null;
        const deadline = decoder.deadline();
        if (deadline !== null) giveBack(decoder.flush(deadline).released);
      },
      Math.max(options.config().maxGapMs + 1, RELEASE_GRACE_MS),
    );
  }

  function onKeyDown(e: KeyboardEvent): void {
    decoder.configure(options.config());
    const v = decoder.feed(classifyKey(e), timeOf(e));
    if (v.released) giveBack(v.released);
    if (v.started) {
      const field = asTextField(win.document.activeElement);
      snapshot = field ? { field, value: field.value, caret: selection(field).start } : null;
    }
    if (v.leaked > 0 && snapshot && win.document.activeElement === snapshot.field) {
      setFieldValue(win, snapshot.field, snapshot.value, snapshot.caret);
    }
    if (v.suppress) {
      e.preventDefault();
      e.stopImmediatePropagation();
      swallowedUp.add(e.key);
    }
    if (v.scans.length > 0) snapshot = null;
    schedule();
    for (const scan of v.scans) options.onScan(scan);
  }

  function onKeyUp(e: KeyboardEvent): void {
    if (!swallowedUp.delete(e.key)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  win.addEventListener('keydown', onKeyDown, { capture: true });
  win.addEventListener('keyup', onKeyUp, { capture: true });
  return {
    dispose() {
      win.removeEventListener('keydown', onKeyDown, { capture: true });
      win.removeEventListener('keyup', onKeyUp, { capture: true });
      if (timer !== null) clearTimeout(timer);
    },
  };
}
