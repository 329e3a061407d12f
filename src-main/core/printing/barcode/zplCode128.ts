// Code 128 field data for ZPL ^BC in "no mode" (m = N), where we choose the subsets ourselves with
// invocation codes. Doing it ourselves is what lets GS1-128 carry FNC1 exactly where the GS1 element
// string needs it.

/**
 * ZPL II Programming Guide, ^BC, Table "Code 128 Invocation Characters": each two-character code
 * in ^FD data stands for one Code 128 symbol value. What the value means depends on the subset in
 * effect (A, B, C); null where the guide leaves it blank.
 */
export const ZPL_CODE128_INVOCATIONS = [
  { code: '><', value: 62, A: '^', B: '^', C: null },
  { code: '>0', value: 30, A: '>', B: '>', C: null },
  { code: '>=', value: 94, A: 'RS', B: '~', C: null },
  { code: '>1', value: 95, A: 'US', B: 'DEL', C: null },
  { code: '>2', value: 96, A: 'FNC3', B: 'FNC3', C: null },
  { code: '>3', value: 97, A: 'FNC2', B: 'FNC2', C: null },
  { code: '>4', value: 98, A: 'SHIFT', B: 'SHIFT', C: null },
  { code: '>5', value: 99, A: 'CODE C', B: 'CODE C', C: null },
  { code: '>6', value: 100, A: 'CODE B', B: 'FNC4', C: 'CODE B' },
  { code: '>7', value: 101, A: 'FNC4', B: 'CODE A', C: 'CODE A' },
  { code: '>8', value: 102, A: 'FNC1', B: 'FNC1', C: 'FNC1' },
  { code: '>9', value: 103, A: 'START A', B: null, C: null },
  { code: '>:', value: 104, A: 'START B', B: null, C: null },
  { code: '>;', value: 105, A: 'START C', B: null, C: null },
] as const;

type Invocation = (typeof ZPL_CODE128_INVOCATIONS)[number]['code'];
const inv = (code: Invocation): string => code;

const START_B = inv('>:');
const START_C = inv('>;');
const TO_C = inv('>5'); // from B
const TO_B = inv('>6'); // from C (in B the same code is FNC4)
const FNC1_CODE = inv('>8');

/**
 * Subset B characters a Zebra would not take literally in ^BC data: ">" starts an invocation code,
 * "^" and "~" are command prefixes (and the guide says to program all three with invocation codes).
 */
const SUBSET_B_ESCAPES: Readonly<Record<string, string>> = { '>': inv('>0'), '^': inv('><'), '~': inv('>=') };

/** A token is a printable ASCII character or the FNC1 function character. */
export type Code128Token = string | { fnc1: true };
export const FNC1: Code128Token = { fnc1: true };

const isDigit = (t: Code128Token | undefined): boolean => typeof t === 'string' && t >= '0' && t <= '9';

function digitRun(tokens: Code128Token[], from: number): number {
  let n = 0;
  while (isDigit(tokens[from + n])) n++;
  return n;
}

export function assertCode128Text(text: string): void {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error('Code 128 carries printable ASCII only');
}

/**
 * ZPL ^FD content for the tokens. Subset C packs digit pairs; subset B takes everything else.
 * Switch to C for a run of ≥4 digits at the start/end or ≥6 in the middle (the usual minimal-length
 * rule); an odd run spends its first digit in B. The result never contains "^" or "~", so it needs
 * no ^FH.
 */
export function zplCode128(tokens: Code128Token[]): string {
  let out = '';
  let i = 0;
  const n = tokens.length;
  const runStart = typeof tokens[0] === 'object' ? 1 : 0; // GS1: FNC1 comes first
  const run = digitRun(tokens, runStart);
  let set: 'B' | 'C' = run >= 4 || (run === 2 && n - runStart === 2) ? 'C' : 'B';
  out += set === 'C' ? START_C : START_B;
  while (i < n) {
    const t = tokens[i] as Code128Token;
    if (typeof t === 'object') {
      out += FNC1_CODE;
      i++;
      continue;
    }
    if (set === 'C') {
      if (isDigit(t) && isDigit(tokens[i + 1])) {
        out += t + (tokens[i + 1] as string);
        i += 2;
        continue;
      }
      out += TO_B;
      set = 'B';
      continue;
    }
    // set B
    if (isDigit(t)) {
      const r = digitRun(tokens, i);
      const atEnd = i + r === n;
      const worth = r >= (atEnd || i === 0 ? 4 : 6);
      if (worth) {
        if (r % 2 === 1) {
          out += t;
          i++;
        }
        out += TO_C;
        set = 'C';
        continue;
      }
    }
    out += SUBSET_B_ESCAPES[t] ?? t;
    i++;
  }
  return out;
}
