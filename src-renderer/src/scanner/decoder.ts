// The scanner decoder: a pure state machine that tells keyboard-wedge scanner bursts from human
// typing using only key timing. Scanners type a whole code with a few ms between keys and end it
// with Enter or Tab; people type with far larger gaps. The DOM adapter (capture.ts) asks it, key
// by key, whether to swallow the key, and applies what it answers.
import { classify, type Scan } from './vocabulary';
import type { ScanKey } from './keys';

export interface ScannerConfig {
  /** Longest gap between two keys of one burst (settings.scannerMaxGapMs). */
  maxGapMs: number;
  /** Shortest code accepted as a scan (settings.scannerMinLength). */
  minLength: number;
}

/**
 * Fast keys in a row after which a run is taken for a scanner and later keys are swallowed.
 * Three keys each within maxGap is rare for a person (and is given back if no terminator follows);
 * shorter codes are still recognised when their terminator arrives in time.
 */
export const RECOGNISE_AFTER = 3;

/** Longest code kept: a runaway stream (a stuck key, a scanner in continuous mode) is cut here. */
export const MAX_CODE_LENGTH = 512;

export interface Verdict {
  /** Prevent the key's default action and hide it from the rest of the app. */
  suppress: boolean;
  /** This key started a new candidate burst: remember the focused field's value now. */
  started: boolean;
  /**
   * Keys of this burst that went through before it was recognised: undo them (restore the value
   * remembered when the burst started). 0 when nothing needs undoing.
   */
  leaked: number;
  /** Keys swallowed earlier that turned out to be typing, to be given back before this key. */
  released: string;
  /** Complete scans, in order. */
  scans: Scan[];
}

export interface ScanDecoder {
  /** Feed one key at `time` (ms, monotonic). */
  feed(key: ScanKey, time: number): Verdict;
  /** Call when no key came for a while: ends a stale burst (and gives back swallowed keys). */
  flush(time: number): Verdict;
  /** When flush should next be called, or null when no burst is open. */
  deadline(): number | null;
  configure(config: ScannerConfig): void;
  reset(): void;
}

function verdict(partial: Partial<Verdict> = {}): Verdict {
  return { suppress: false, started: false, leaked: 0, released: '', scans: [], ...partial };
}

export function createScanDecoder(initial: ScannerConfig): ScanDecoder {
  let config = { ...initial };
  let buf = '';
  let lastKeyAt = 0;
  /** True once the open burst was taken for a scanner: its keys are being swallowed. */
  let recognised = false;
  /** Keys of the open burst that went through before recognition. */
  let passed = 0;
  /** Time of the last terminator that completed a scan: a key soon after it is the next scan. */
  let lastScanAt = Number.NEGATIVE_INFINITY;

  function close(): string {
    const giveBack = recognised ? buf : '';
    buf = '';
    recognised = false;
    passed = 0;
    return giveBack;
  }

  function staleAt(time: number): boolean {
    return buf.length > 0 && time - lastKeyAt > config.maxGapMs;
  }

  return {
    configure(next) {
      config = { ...next };
    },
    reset() {
      close();
      lastScanAt = Number.NEGATIVE_INFINITY;
    },
    deadline() {
      return buf.length > 0 ? lastKeyAt + config.maxGapMs + 1 : null;
    },
    flush(time) {
      if (!staleAt(time)) return verdict();
      return verdict({ released: close() });
    },
    feed(key, time) {
      if (key.kind === 'modifier') return verdict({ suppress: recognised });

      // A gap longer than maxGap ends whatever burst was open: it was not a scan.
      const released = staleAt(time) ? close() : '';

      if (key.kind === 'other') {
        lastScanAt = Number.NEGATIVE_INFINITY;
        return verdict({ released: released + close() });
      }

      if (key.kind === 'terminator') {
        const inTime = buf.length > 0 && time - lastKeyAt <= config.maxGapMs;
        if (inTime && buf.length >= config.minLength) {
          const scan = classify(buf);
          const leaked = recognised ? 0 : passed;
          buf = '';
          recognised = false;
          passed = 0;
          lastScanAt = time;
          return verdict({ suppress: true, leaked, released, scans: [scan] });
        }
        // A second terminator right behind a scan (scanners set to send CR+LF or Enter+Tab) is
        // still the scanner's: swallowing it keeps a focused button from being pressed.
        if (buf.length === 0 && time - lastScanAt <= config.maxGapMs) {
          lastScanAt = time;
          return verdict({ suppress: true, released });
        }
        // Too short or too slow: it was typing, and so is this Enter/Tab.
        lastScanAt = Number.NEGATIVE_INFINITY;
        return verdict({ released: released + close() });
      }

      // A character.
      if (buf.length >= MAX_CODE_LENGTH) {
        // Runaway stream: give it back as text and start over rather than grow without bound.
        const cut = close();
        lastKeyAt = time;
        return verdict({ released: released + cut });
      }
      const started = buf.length === 0;
      buf += key.char;
      lastKeyAt = time;
      if (started) {
        // Keys that follow a completed scan within maxGap belong to the scanner's next code.
        recognised = time - lastScanAt <= config.maxGapMs;
        passed = recognised ? 0 : 1;
        return verdict({ started: true, suppress: recognised, released });
      }
      if (recognised) return verdict({ suppress: true, released });
      if (buf.length >= RECOGNISE_AFTER) {
        recognised = true;
        const leaked = passed;
        passed = 0;
        return verdict({ suppress: true, leaked, released });
      }
      passed += 1;
      return verdict({ released });
    },
  };
}

export interface TimedKey {
  key: ScanKey;
  time: number;
}

/**
 * Decodes a whole recorded key stream (flushing between keys as the adapter's timer would).
 * Handy for tests and for replaying a captured scanner log.
 */
export function decodeKeyStream(keys: readonly TimedKey[], config: ScannerConfig): Scan[] {
  const decoder = createScanDecoder(config);
  const scans: Scan[] = [];
  for (const { key, time } of keys) {
    decoder.flush(time);
    scans.push(...decoder.feed(key, time).scans);
  }
  return scans;
}
