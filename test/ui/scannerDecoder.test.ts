// The pure scanner decoder: bursts vs typing, by timing alone. The model below applies verdicts
// exactly as the DOM adapter does (give back, snapshot, undo, swallow) to a text field, so each
// property states what a user would see in the focused field and which scans the app receives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyKey,
  createScanDecoder,
  decodeKeyStream,
  GS,
  classify,
  MAX_CODE_LENGTH,
  type Scan,
  type ScanKey,
  type ScannerConfig,
  type TimedKey,
} from '../../src-renderer/src/scanner';

const CONFIG: ScannerConfig = { maxGapMs: 35, minLength: 4 };
const char = (c: string): ScanKey => ({ kind: 'char', char: c });
const ENTER: ScanKey = { kind: 'terminator', key: 'Enter' };
const TAB: ScanKey = { kind: 'terminator', key: 'Tab' };

/** Replays keys through the decoder into a model text field, like capture.ts does in the DOM. */
function simulate(keys: readonly TimedKey[], config: ScannerConfig = CONFIG) {
  const d = createScanDecoder(config);
  let field = '';
  let snapshot = '';
  const scans: Scan[] = [];
  const passedTerminators: number[] = [];
  let suppressed = 0;
  const apply = (released: string) => {
    field += released;
  };
  for (const [i, { key, time }] of keys.entries()) {
    // The adapter's timer fires at the deadline, before the next key arrives.
    const deadline = d.deadline();
    if (deadline !== null && deadline <= time) apply(d.flush(deadline).released);
    const v = d.feed(key, time);
    apply(v.released);
    if (v.started) snapshot = field;
    if (v.leaked > 0) field = snapshot;
    if (v.suppress) suppressed += 1;
    else if (key.kind === 'char') field += key.char;
    else if (key.kind === 'terminator') passedTerminators.push(i);
    scans.push(...v.scans);
  }
  apply(d.flush(Number.MAX_SAFE_INTEGER).released);
  return { field, scans, passedTerminators, suppressed };
}

/** A scanner burst: chars `gap` ms apart, then the terminator. */
function burst(code: string, start: number, gaps: readonly number[], terminator: ScanKey = ENTER): TimedKey[] {
  const keys: TimedKey[] = [];
  let t = start;
  [...code].forEach((c, i) => {
    if (i > 0) t += gaps[(i - 1) % gaps.length] ?? 3;
    keys.push({ key: char(c), time: t });
  });
  keys.push({ key: terminator, time: t + (gaps[0] ?? 3) });
  return keys;
}

function typed(text: string, start: number, gap: number): TimedKey[] {
  return [...text].map((c, i) => ({ key: char(c), time: start + i * gap }));
}

const codeChar = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-./:+%$ '.split(''), GS);
const codeArb = (min: number) => fc.array(codeChar, { minLength: min, maxLength: 40 }).map((cs) => cs.join(''));

describe('scans carry the shared classification', () => {
  it('a burst is classified by src-preload/scanning: commands, retail codes, GS1, text', () => {
    const kinds = ['CMD:NEXT', 'cmd:pack', '4006381333931', `0104012345678901${GS}10LOT42`, 'ABC123'].map(
      (code) => decodeKeyStream(burst(code, 0, [3]), CONFIG)[0]?.kind,
    );
    expect(kinds).toEqual(['command', 'command', 'ean13', 'gs1', 'text']);
  });
});

describe('classifyKey', () => {
  it('sorts keys into characters, terminators, modifiers and human keys', () => {
    expect(classifyKey({ key: 'a' })).toEqual(char('a'));
    expect(classifyKey({ key: 'A' })).toEqual(char('A'));
    expect(classifyKey({ key: ' ' })).toEqual(char(' '));
    expect(classifyKey({ key: 'Enter' })).toEqual(ENTER);
    expect(classifyKey({ key: 'Tab' })).toEqual(TAB);
    expect(classifyKey({ key: 'Shift' })).toEqual({ kind: 'modifier' });
    expect(classifyKey({ key: 'Control' })).toEqual({ kind: 'modifier' });
    expect(classifyKey({ key: 'ArrowLeft' })).toEqual({ kind: 'other' });
    expect(classifyKey({ key: 'Backspace' })).toEqual({ kind: 'other' });
    expect(classifyKey({ key: 'F2' })).toEqual({ kind: 'other' });
    expect(classifyKey({ key: 'v', ctrlKey: true })).toEqual({ kind: 'other' });
    expect(classifyKey({ key: '1', altKey: true })).toEqual({ kind: 'other' });
    expect(classifyKey({ key: 'Enter', ctrlKey: true })).toEqual({ kind: 'other' });
    expect(classifyKey({ key: 'a', repeat: true })).toEqual({ kind: 'other' });
    expect(classifyKey({ key: 'a', isComposing: true })).toEqual({ kind: 'other' });
  });

  it('keeps GS1 FNC1 whether it arrives as the GS character or as Ctrl+]', () => {
    expect(classifyKey({ key: GS })).toEqual(char(GS));
    expect(classifyKey({ key: ']', ctrlKey: true })).toEqual(char(GS));
  });

  it('lets AltGr characters of European layouts through as characters', () => {
    expect(classifyKey({ key: '@', ctrlKey: true, altKey: true })).toEqual(char('@'));
  });
});

describe('scan decoder', () => {
  it('decodes one burst ended by Enter, swallowing its keys after recognition and the terminator', () => {
    const r = simulate(burst('8594001234567', 0, [3]));
    expect(r.scans).toEqual([classify('8594001234567')]);
    expect(r.field).toBe('');
    expect(r.passedTerminators).toEqual([]);
  });

  it('accepts Tab as a terminator and keeps GS inside the code', () => {
    const code = `0109501101020917${GS}10ABC`;
    expect(simulate(burst(code, 0, [2, 4], TAB)).scans).toEqual([classify(code)]);
  });

  it('emits CMD: bursts as commands', () => {
    expect(simulate(burst('CMD:NEXT', 0, [3])).scans).toEqual([classify('CMD:NEXT')]);
  });

  it('ignores Shift between characters (scanners press it for capitals)', () => {
    const keys: TimedKey[] = [];
    let t = 0;
    for (const c of 'ABC123') {
      keys.push({ key: { kind: 'modifier' }, time: t });
      keys.push({ key: char(c), time: (t += 2) });
      t += 2;
    }
    keys.push({ key: ENTER, time: t + 2 });
    expect(decodeKeyStream(keys, CONFIG)).toEqual([classify('ABC123')]);
  });

  it('recognises a code shorter than the recognition run when its terminator comes in time', () => {
    const r = simulate(burst('AB', 0, [3]), { maxGapMs: 35, minLength: 2 });
    expect(r.scans).toEqual([classify('AB')]);
    expect(r.field).toBe(''); // the two keys that landed are undone
  });

  it('treats a fast run shorter than minLength plus Enter as typing, Enter included', () => {
    const r = simulate(burst('123', 0, [3]), { maxGapMs: 35, minLength: 4 });
    expect(r.scans).toEqual([]);
    expect(r.field).toBe('123');
    expect(r.passedTerminators).toEqual([3]);
  });

  it('treats a terminator that comes after maxGap as a human Enter', () => {
    const keys = [...typed('12345678', 0, 3), { key: ENTER, time: 7 * 3 + 200 }];
    const r = simulate(keys);
    expect(r.scans).toEqual([]);
    expect(r.field).toBe('12345678'); // the unterminated burst was given back, in order
    expect(r.passedTerminators).toEqual([8]);
  });

  it('leaves slow human typing completely alone', () => {
    const d = createScanDecoder(CONFIG);
    const keys = [...typed('hello world', 0, 120), { key: ENTER, time: 11 * 120 + 100 }];
    for (const { key, time } of keys) {
      const v = d.feed(key, time);
      expect(v).toMatchObject({ suppress: false, leaked: 0, released: '', scans: [] });
    }
  });

  it('swallows a second terminator right behind a scan (CR+LF or Enter+Tab suffix)', () => {
    const keys = burst('12345678', 0, [3]);
    const last = keys[keys.length - 1]!.time;
    keys.push({ key: TAB, time: last + 2 });
    const r = simulate(keys);
    expect(r.scans).toHaveLength(1);
    expect(r.passedTerminators).toEqual([]);
  });

  it('a human key in the middle of a burst ends it and gives its keys back', () => {
    const keys: TimedKey[] = [...typed('12345', 0, 3), { key: { kind: 'other' }, time: 14 }, { key: ENTER, time: 16 }];
    const r = simulate(keys);
    expect(r.scans).toEqual([]);
    expect(r.field).toBe('12345');
  });

  it('cuts a runaway stream at MAX_CODE_LENGTH instead of growing without bound', () => {
    const long = 'x'.repeat(MAX_CODE_LENGTH + 10);
    const r = simulate(typed(long, 0, 2));
    expect(r.scans).toEqual([]);
    expect(r.field).toBe(long);
  });

  it('picks up a new configuration at once', () => {
    const d = createScanDecoder({ maxGapMs: 10, minLength: 4 });
    const slowScanner = burst('ABCDEFGH', 0, [20]);
    expect(slowScanner.flatMap(({ key, time }) => d.feed(key, time).scans)).toEqual([]);
    d.reset();
    d.configure({ maxGapMs: 30, minLength: 4 });
    expect(burst('ABCDEFGH', 1000, [20]).flatMap(({ key, time }) => d.feed(key, time).scans)).toEqual([
      classify('ABCDEFGH'),
    ]);
  });

  it('property: any sequence of scans decodes to exactly those codes, in order, never merged', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            code: codeArb(CONFIG.minLength),
            gaps: fc.array(fc.integer({ min: 0, max: CONFIG.maxGapMs }), { minLength: 1, maxLength: 8 }),
            pause: fc.integer({ min: 0, max: 400 }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        (scans) => {
          const keys: TimedKey[] = [];
          let t = 0;
          for (const s of scans) {
            const b = burst(s.code, t, s.gaps);
            keys.push(...b);
            t = b[b.length - 1]!.time + s.pause;
          }
          const r = simulate(keys);
          expect(r.scans.map((x) => x.code)).toEqual(scans.map((s) => s.code));
          expect(r.field).toBe('');
          expect(r.passedTerminators).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: interleaved human typing and scans — the field holds exactly the typed text', () => {
    const human = fc.record({
      kind: fc.constant('human' as const),
      text: fc.array(codeChar.filter((c) => c !== GS), { minLength: 1, maxLength: 12 }).map((c) => c.join('')),
      gap: fc.integer({ min: CONFIG.maxGapMs + 1, max: 400 }),
    });
    const scan = fc.record({
      kind: fc.constant('scan' as const),
      code: codeArb(CONFIG.minLength),
      gaps: fc.array(fc.integer({ min: 1, max: CONFIG.maxGapMs }), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(human, scan), { minLength: 1, maxLength: 20 }), (parts) => {
        const keys: TimedKey[] = [];
        let t = 0;
        for (const p of parts) {
          // A person never types within maxGap of the scanner's last key.
          t += CONFIG.maxGapMs + 1 + 50;
          const b = p.kind === 'scan' ? burst(p.code, t, p.gaps) : typed(p.text, t, p.gap);
          keys.push(...b);
          t = b[b.length - 1]!.time;
        }
        const r = simulate(keys);
        expect(r.field).toBe(parts.map((p) => (p.kind === 'human' ? p.text : '')).join(''));
        expect(r.scans.map((s) => s.code)).toEqual(parts.flatMap((p) => (p.kind === 'scan' ? [p.code] : [])));
      }),
      { numRuns: 300 },
    );
  });

  it('property: fast bursts without a terminator are never lost — they are given back as text', () => {
    fc.assert(
      fc.property(
        fc.array(codeChar.filter((c) => c !== GS), { minLength: 1, maxLength: 60 }).map((c) => c.join('')),
        fc.integer({ min: 0, max: CONFIG.maxGapMs }),
        (text, gap) => {
          const r = simulate(typed(text, 0, gap));
          expect(r.scans).toEqual([]);
          expect(r.field).toBe(text);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('50 scans at 20 scans/s with 2–5 ms key gaps: 50 scans, exact codes, nothing typed', () => {
    const rng = fc.sample(fc.integer({ min: 2, max: 5 }), { numRuns: 2000, seed: 42 });
    let r = 0;
    const keys: TimedKey[] = [];
    const codes: string[] = [];
    for (let i = 0; i < 50; i++) {
      const code = i % 10 === 9 ? 'CMD:NEXT' : `${i % 3 === 0 ? '01' + GS : ''}${String(59400000 + i * 7919)}`.slice(0, 9);
      codes.push(code);
      const gaps = Array.from({ length: code.length }, () => rng[r++ % rng.length]!);
      keys.push(...burst(code, i * 50, gaps));
    }
    expect(keys[keys.length - 1]!.time).toBeLessThan(50 * 50); // really 20 per second
    const out = simulate(keys);
    expect(out.scans.map((s) => s.code)).toEqual(codes);
    expect(out.scans.filter((s) => s.kind === 'command')).toHaveLength(5);
    expect(out.field).toBe('');
  });
});
