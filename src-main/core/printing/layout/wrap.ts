// Greedy word wrap against measured widths. Pure: the measure function is passed in.

export type Measure = (text: string) => number;

const ELLIPSIS = '...';

/** Break `text` into at most `maxLines` lines no wider than `width`; overflow ends in "...". */
export function wrapText(text: string, width: number, maxLines: number, measure: Measure): string[] {
  return wrapTextInfo(text, width, maxLines, measure).lines;
}

/** wrapText, and whether anything had to be cut (so a caller can shrink the font and try again). */
export function wrapTextInfo(text: string, width: number, maxLines: number, measure: Measure): { lines: string[]; truncated: boolean } {
  const lines: string[] = [];
  const paragraphs = text.replace(/\r\n?/g, '\n').split('\n');
  let truncated = false;
  outer: for (let pi = 0; pi < paragraphs.length; pi++) {
    const para = paragraphs[pi] ?? '';
    const words = para.split(/[ \t]+/).filter((w) => w.length > 0);
    let current = '';
    for (const word of words) {
      const candidate = current ? `${current} ${word}` : word;
      if (measure(candidate) <= width) {
        current = candidate;
        continue;
      }
      if (current) {
        lines.push(current);
        if (lines.length === maxLines) {
          truncated = true;
          break outer;
        }
      }
      // A single word wider than the line is broken by characters.
      let rest = word;
      while (measure(rest) > width) {
        const cut = fitPrefix(rest, width, measure);
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
        if (lines.length === maxLines) {
          truncated = rest.length > 0;
          break outer;
        }
      }
      current = rest;
    }
    lines.push(current);
    if (lines.length === maxLines) {
      truncated = pi < paragraphs.length - 1;
      break;
    }
  }
  if (truncated && lines.length > 0) {
    const last = lines.length - 1;
    lines[last] = ellipsize(lines[last] ?? '', width, measure);
  }
  return { lines, truncated };
}

/**
 * Number of UTF-16 code units of `s` that fit in `width` (at least one code point), ending after a
 * hyphen or slash when one falls in the second half of that prefix: `MEZZANINE-NORTH-` / `14-…`
 * reads better on a shelf label than `MEZZANINE-NO` / `RTH-14…`.
 */
function fitPrefix(s: string, width: number, measure: Measure): number {
  const cps = Array.from(s);
  let n = 1;
  while (n < cps.length && measure(cps.slice(0, n + 1).join('')) <= width) n++;
  for (let k = n; k > n / 2; k--) {
    const c = cps[k - 1];
    if ((c === '-' || c === '/') && k < cps.length) {
      n = k;
      break;
    }
  }
  return cps.slice(0, n).join('').length;
}

export function ellipsize(line: string, width: number, measure: Measure): string {
  const cps = Array.from(line);
  while (cps.length > 0 && measure(cps.join('') + ELLIPSIS) > width) cps.pop();
  return cps.join('').trimEnd() + ELLIPSIS;
}
