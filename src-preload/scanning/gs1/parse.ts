// Parse what a scanner sends for a GS1 symbol: optional symbology identifier (]C1 GS1-128,
// ]d2 GS1 DataMatrix, ]Q3 GS1 QR, ]e0 DataBar), FNC1 transmitted as ASCII 29 (GS), or the
// parenthesised human form. Fixed-length AIs are cut by length, the rest run to GS or the end.
import { AIS, matchAi, predefinedLength, type AiDef } from './ais';
import { GS, validateAiValue, parseHumanReadable, type Gs1Element } from './elements';

export interface ParsedAi extends Gs1Element {
  title: string;
  /** ISO date for date AIs (DD=00 resolved to the month's last day). */
  date?: string;
  /** Numeric value for measures such as 310n (decimals applied). */
  amount?: number;
  unit?: string;
}

export type Gs1Symbology = 'gs1-128' | 'gs1-datamatrix' | 'gs1-qr' | 'gs1-databar' | 'unknown';

export type Gs1ParseResult =
  | { ok: true; symbology: Gs1Symbology; elements: ParsedAi[] }
  | { ok: false; error: string };

const SYMBOLOGY_IDS: Record<string, Gs1Symbology> = {
  ']C1': 'gs1-128',
  ']d2': 'gs1-datamatrix',
  ']Q3': 'gs1-qr',
  ']e0': 'gs1-databar',
};

export interface ParseOptions {
  /** Reference date for the GS1 century rule on YY; defaults to today. */
  today?: Date;
}

export function parseGs1(raw: string, opts: ParseOptions = {}): Gs1ParseResult {
  try {
    let input = raw.replace(/[\r\n]+$/, '');
    let symbology: Gs1Symbology = 'unknown';
    const prefix = input.slice(0, 3);
    const sym = SYMBOLOGY_IDS[prefix];
    if (sym) {
      symbology = sym;
      input = input.slice(3);
    }
    if (input.startsWith(GS)) input = input.slice(1); // a leading FNC1 some scanners pass through
    const elements = input.startsWith('(') ? parseHumanReadable(input) : splitElementString(input);
    const today = opts.today ?? new Date();
    return { ok: true, symbology, elements: elements.map((el) => decorate(el, today)) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

function splitElementString(s: string): Gs1Element[] {
  const out: Gs1Element[] = [];
  let i = 0;
  while (i < s.length) {
    const def = matchAi(s.slice(i));
    if (!def) throw new Error(`unknown AI at "${s.slice(i, i + 6)}"`);
    i += def.ai.length;
    const fixed = predefinedLength(def.ai);
    let value: string;
    if (fixed !== undefined) {
      const len = fixed - def.ai.length;
      value = s.slice(i, i + len);
      if (value.length !== len) throw new Error(`AI (${def.ai}) is cut short`);
      i += len;
      if (s[i] === GS) i++; // tolerate a superfluous separator
    } else {
      const gs = s.indexOf(GS, i);
      const end = gs < 0 ? s.length : gs;
      value = s.slice(i, end);
      if (value.length > def.maxLength) throw new Error(`AI (${def.ai}) is longer than ${def.maxLength}; missing FNC1?`);
      i = gs < 0 ? end : end + 1;
    }
    const problem = validateAiValue(def, value);
    if (problem) throw new Error(problem);
    out.push({ ai: def.ai, value });
  }
  if (out.length === 0) throw new Error('empty GS1 element string');
  return out;
}

function decorate(el: Gs1Element, today: Date): ParsedAi {
  const def = AIS.get(el.ai) as AiDef;
  const out: ParsedAi = { ...el, title: def.title };
  if (def.date) out.date = gs1Date(el.value, today);
  if (def.decimals !== undefined) {
    out.amount = Number(el.value) / 10 ** def.decimals;
    if (def.unit) out.unit = def.unit;
  }
  if (def.ai === '30' || def.ai === '37') out.amount = Number(el.value);
  return out;
}

/** YYMMDD → YYYY-MM-DD using GS1's sliding century (−49…+50 years around today); DD 00 = last day. */
export function gs1Date(yymmdd: string, today: Date = new Date()): string {
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  let dd = Number(yymmdd.slice(4, 6));
  const current = today.getUTCFullYear();
  const century = Math.floor(current / 100) * 100;
  const diff = yy - (current % 100);
  let year = century + yy;
  if (diff >= 51) year -= 100;
  else if (diff <= -50) year += 100;
  if (dd === 0) dd = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${year}-${p(mm)}-${p(dd)}`;
}
