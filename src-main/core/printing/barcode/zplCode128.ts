// Code 128 field data for ZPL ^BC in "no mode" (m = N), where we choose the subsets ourselves with
// invocation codes: >: start B, >; start C, >5 switch to C, >6 switch to B, >8 FNC1, >< a literal ">".
// Doing it ourselves is what lets GS1-128 carry FNC1 exactly where the GS1 element string needs it.

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
 * ZPL ^FD content (before ^FH escaping) for the tokens. Subset C packs digit pairs; subset B takes
 * everything else. Switch to C for a run of ≥4 digits at the start/end or ≥6 in the middle (the
 * usual minimal-length rule); an odd run spends its first digit in B.
 */
export function zplCode128(tokens: Code128Token[]): string {
  let out = '';
  let i = 0;
  const n = tokens.length;
  const runStart = typeof tokens[0] === 'object' ? 1 : 0; // GS1: FNC1 comes first
  const run = digitRun(tokens, runStart);
  let set: 'B' | 'C' = run >= 4 || (run === 2 && n - runStart === 2) ? 'C' : 'B';
  out += set === 'C' ? '>;' : '>:';
  while (i < n) {
    const t = tokens[i] as Code128Token;
    if (typeof t === 'object') {
      out += '>8';
      i++;
      continue;
    }
    if (set === 'C') {
      if (isDigit(t) && isDigit(tokens[i + 1])) {
        out += t + (tokens[i + 1] as string);
        i += 2;
        continue;
      }
      out += '>6';
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
        out += '>5';
        set = 'C';
        continue;
      }
    }
    out += t === '>' ? '><' : t;
    i++;
  }
  return out;
}
