// GS1 element strings: validate one AI value, build element strings (with FNC1 separators) and the
// parenthesised human-readable form. Pure functions.
import { AIS, CHARSET_82, predefinedLength, type AiDef } from './ais';
import { hasValidCheckDigit } from './checkDigit';

export const GS = '\x1d';

export interface Gs1Element {
  ai: string;
  value: string;
}

/** Why `value` is not acceptable for `def`, or undefined when it is. */
export function validateAiValue(def: AiDef, value: string): string | undefined {
  if (value.length < def.minLength || value.length > def.maxLength) {
    return def.minLength === def.maxLength
      ? `AI (${def.ai}) needs exactly ${def.minLength} characters, got ${value.length}`
      : `AI (${def.ai}) needs ${def.minLength}–${def.maxLength} characters, got ${value.length}`;
  }
  if (def.charset === 'N' ? !/^\d+$/.test(value) : !CHARSET_82.test(value)) {
    return `AI (${def.ai}) has characters outside its character set`;
  }
  if (def.checkDigit && !hasValidCheckDigit(value)) return `AI (${def.ai}) check digit is wrong`;
  if (def.date) {
    const mm = Number(value.slice(2, 4));
    const dd = Number(value.slice(4, 6));
    // DD = 00 means "last day of the month" in GS1 dates.
    if (mm < 1 || mm > 12 || dd > 31) return `AI (${def.ai}) is not a valid YYMMDD date`;
  }
  return undefined;
}

function defOrThrow(ai: string): AiDef {
  const def = AIS.get(ai);
  if (!def) throw new Error(`unknown GS1 AI (${ai})`);
  return def;
}

export function validateElements(elements: readonly Gs1Element[]): void {
  if (elements.length === 0) throw new Error('a GS1 element string needs at least one element');
  for (const el of elements) {
    const problem = validateAiValue(defOrThrow(el.ai), el.value);
    if (problem) throw new Error(problem);
  }
}

/** Whether an FNC1 separator must follow this element when another element comes after it. */
export function needsSeparator(ai: string): boolean {
  return predefinedLength(ai) === undefined;
}

/**
 * Element string as a scanner transmits it (without symbology identifier): AIs and values
 * concatenated, `separator` (GS by default) after each variable-length element that is not last.
 */
export function buildElementString(elements: readonly Gs1Element[], separator: string = GS): string {
  validateElements(elements);
  return elements
    .map((el, i) => el.ai + el.value + (i < elements.length - 1 && needsSeparator(el.ai) ? separator : ''))
    .join('');
}

/** "(00)106141411234567897(37)12" */
export function toHumanReadable(elements: readonly Gs1Element[]): string {
  return elements.map((el) => `(${el.ai})${el.value}`).join('');
}

/**
 * Parse the parenthesised human form. A "(" inside a value is allowed as long as it is not
 * followed by a known AI and ")".
 */
export function parseHumanReadable(text: string): Gs1Element[] {
  const out: Gs1Element[] = [];
  const head = /^\((\d{2,4})\)/;
  let rest = text.trim();
  while (rest.length > 0) {
    const m = head.exec(rest);
    if (!m || !AIS.has(m[1] ?? '')) throw new Error(`expected "(AI)" at "${rest.slice(0, 12)}"`);
    const ai = m[1] ?? '';
    rest = rest.slice(m[0].length);
    let end = 0;
    for (;;) {
      const next = rest.indexOf('(', end);
      if (next < 0) {
        end = rest.length;
        break;
      }
      const n = head.exec(rest.slice(next));
      if (n && AIS.has(n[1] ?? '')) {
        end = next;
        break;
      }
      end = next + 1;
    }
    out.push({ ai, value: rest.slice(0, end) });
    rest = rest.slice(end);
  }
  validateElements(out);
  return out;
}
