// The DOM adapter in happy-dom: with the browser's default key actions emulated (keyboard.ts), a
// scan must never press the focused button or type into the focused input, and bursts at 20 scans/s
// must arrive exactly. The clock is injected so key gaps are exact, not subject to test-runner jitter.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GS, installScannerCapture, RELEASE_GRACE_MS, type Scan, type ScannerCapture } from '../../src-renderer/src/scanner';
import { classify } from '../../src-renderer/src/scanner/vocabulary';
import { press } from './keyboard';

let clock = 0;
let capture: ScannerCapture;
let scans: Scan[];
const config = { maxGapMs: 35, minLength: 4 };

beforeEach(() => {
  clock = 1000;
  scans = [];
  capture = installScannerCapture(window, { config: () => config, onScan: (s) => scans.push(s), now: () => clock });
  document.body.innerHTML = '';
});
afterEach(() => capture.dispose());

function scan(code: string, gaps: readonly number[] = [3], terminator = 'Enter'): void {
  [...code].forEach((c, i) => {
    if (i > 0) clock += gaps[(i - 1) % gaps.length]!;
    press(c === GS ? ']' : c, c === GS ? { ctrlKey: true } : {});
  });
  clock += gaps[0]!;
  press(terminator);
}

function typeSlowly(text: string, gap = 150): void {
  for (const c of text) {
    clock += gap;
    press(c);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('scanner capture in the DOM', () => {
  it('a scan with a button focused does not click it, and arrives as one scan', () => {
    let clicks = 0;
    document.body.innerHTML = '<button id="b">Delete order</button>';
    const button = document.getElementById('b') as HTMLButtonElement;
    button.addEventListener('click', () => clicks++);
    button.focus();
    scan('CMD:NEXT');
    scan('8594001234567', [2, 5, 3]);
    scan('12 34 56'); // spaces would press a button on keyup
    expect(clicks).toBe(0);
    expect(scans).toEqual([
      classify('CMD:NEXT'),
      classify('8594001234567'),
      classify('12 34 56'),
    ]);
    // The button still works for a person.
    clock += 500;
    press('Enter');
    expect(clicks).toBe(1);
  });

  it('a scan into a focused input leaves the input as it was (the first keys are undone)', () => {
    document.body.innerHTML = '<input id="i" value="note: " />';
    const input = document.getElementById('i') as HTMLInputElement;
    const seen: string[] = [];
    input.addEventListener('input', () => seen.push(input.value));
    input.focus();
    input.setSelectionRange(6, 6);
    scan('4006381333931');
    expect(input.value).toBe('note: ');
    expect(scans).toEqual([classify('4006381333931')]);
    // The undo went through an input event, so a React-controlled field is told as well.
    expect(seen[seen.length - 1]).toBe('note: ');
    typeSlowly('ok');
    expect(input.value).toBe('note: ok');
  });

  it('keys swallowed from a fast burst that never terminates are given back to the input', async () => {
    document.body.innerHTML = '<input id="i" />';
    const input = document.getElementById('i') as HTMLInputElement;
    input.focus();
    for (const c of 'abcdef') {
      clock += 4;
      press(c);
    }
    expect(input.value).toBe(''); // recognised on the third key: the first two were undone
    clock += config.maxGapMs + 5;
    // Given back only after keys stop arriving for a while (late-delivered keys may still come).
    await sleep(RELEASE_GRACE_MS / 2);
    expect(input.value).toBe('');
    await sleep(RELEASE_GRACE_MS);
    expect(input.value).toBe('abcdef');
    expect(scans).toEqual([]);
  });

  it('human typing and Enter reach the input and the form untouched', () => {
    document.body.innerHTML = '<form id="f"><input id="i" /></form>';
    const input = document.getElementById('i') as HTMLInputElement;
    let submits = 0;
    document.getElementById('f')!.addEventListener('submit', (e) => {
      e.preventDefault();
      submits++;
    });
    input.focus();
    typeSlowly('1234');
    clock += 200;
    press('Enter');
    expect(input.value).toBe('1234');
    expect(submits).toBe(1);
    expect(scans).toEqual([]);
  });

  it('scanner keys never reach other keydown listeners (app shortcuts, pads)', () => {
    const heard: string[] = [];
    window.addEventListener('keydown', (e) => heard.push(e.key));
    document.body.innerHTML = '<div tabindex="0" id="d"></div>';
    (document.getElementById('d') as HTMLElement).focus();
    scan('ABCDEFG?');
    expect(scans).toHaveLength(1);
    // Only the first two keys, before the burst was recognised, were seen by others.
    expect(heard).toEqual(['A', 'B']);
  });

  it('GS sent as Ctrl+] is kept in the code', () => {
    scan(`0104012345678901${GS}10LOT42`);
    expect(scans).toEqual([classify(`0104012345678901${GS}10LOT42`)]);
  });

  it('50 scans at 20 scans/s with 2–5 ms gaps: exactly 50, in order, none merged, focused button untouched', () => {
    let clicks = 0;
    document.body.innerHTML = '<button id="b">OK</button><input id="i" />';
    const button = document.getElementById('b') as HTMLButtonElement;
    button.addEventListener('click', () => clicks++);
    button.focus();
    const gaps = fc.sample(fc.integer({ min: 2, max: 5 }), { numRuns: 1000, seed: 7 });
    const codes = Array.from({ length: 50 }, (_, i) => (i % 7 === 6 ? 'CMD:PACK' : String(10000000 + i * 104729).slice(0, 8)));
    const start = clock;
    codes.forEach((code, i) => {
      const begin = start + i * 50;
      expect(clock).toBeLessThanOrEqual(begin); // the previous scan fits in its 50 ms slot
      clock = begin;
      scan(code, gaps.slice(i * 9, i * 9 + 9));
    });
    expect(clock - start).toBeLessThan(50 * 50);
    expect(scans.map((s) => s.code)).toEqual(codes);
    expect(clicks).toBe(0);
  });

  it('50 scans at 20 scans/s into a focused input: exact codes, input stays empty', () => {
    document.body.innerHTML = '<input id="i" />';
    const input = document.getElementById('i') as HTMLInputElement;
    input.focus();
    const codes = Array.from({ length: 50 }, (_, i) => `A${String(i).padStart(6, '0')}`);
    const start = clock;
    codes.forEach((code, i) => {
      clock = start + i * 50;
      scan(code, [2, 5, 3, 4]);
    });
    expect(scans.map((s) => s.code)).toEqual(codes);
    expect(input.value).toBe('');
  });

  it('dispose removes the listeners', () => {
    capture.dispose();
    document.body.innerHTML = '<input id="i" />';
    const input = document.getElementById('i') as HTMLInputElement;
    input.focus();
    scan('12345678');
    expect(scans).toEqual([]);
    expect(input.value).toBe('12345678');
  });
});
