// MT-SICS (Mettler Toledo Standard Interface Command Set), level 0, as pure functions: the command
// lines Dockside sends and what a reply line means. Commands and replies are ASCII lines ended by
// CR LF. A weight reply is `S S <value> <unit>` (stable) or `S D <value> <unit>` (dynamic, only
// from SI); `S I` not executable, `S +` overload, `S -` underload; `ES`/`ET`/`EL` are the general
// syntax, transmission and logical errors. The value is right-aligned in a 10-character field, so
// the number of spaces varies: split on any whitespace.
import type { ScaleReason } from '../../../src-preload/contract';

export type ScaleCommand = 'S' | 'SI' | 'Z';

/** What a reply says, before core stamps the time on it. */
export type WeightReply = { ok: true; grams: number; stable: boolean } | { ok: false; reason: ScaleReason };
export type ZeroReply = { ok: true } | { ok: false; reason: ScaleReason };

/** Grams per unit of the units a bench scale may be set to show. */
const GRAMS_PER_UNIT: Readonly<Record<string, number>> = {
  g: 1,
  kg: 1000,
  mg: 0.001,
  lb: 453.59237,
  oz: 28.349523125,
};

/** Whole grams of `value` in `unit`, or null for a unit we do not convert (ct, t, a custom unit). */
export function toGrams(value: number, unit: string): number | null {
  const factor = GRAMS_PER_UNIT[unit];
  if (factor === undefined) return null;
  // Whole grams: parcels store integer grams and Afosto takes an integer weight. Round half away
  // from zero so -0.5 g and 0.5 g stay symmetric; +0 for -0 (a zeroed pan shows "-0.000 kg").
  const g = Math.sign(value) * Math.round(Math.abs(value * factor));
  return g === 0 ? 0 : g;
}

const GENERAL_ERRORS: Readonly<Record<string, ScaleReason>> = {
  ES: 'syntax_error',
  ET: 'transmission_error',
  EL: 'logical_error',
};

/** The reply id a command's answer starts with: `S` for S and SI, `Z` for Z. */
export function replyIdOf(command: ScaleCommand): string {
  return command === 'Z' ? 'Z' : 'S';
}

/** Is `line` an answer to `command` (its own reply id, or a general error)? Other lines are noise. */
export function answersCommand(command: ScaleCommand, line: string): boolean {
  const first = line.trim().split(/\s+/)[0] ?? '';
  return first === replyIdOf(command) || first in GENERAL_ERRORS;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** A reply line to S or SI. */
export function parseWeightReply(line: string): WeightReply {
  const tokens = line.trim().split(/\s+/);
  const [id, status] = tokens;
  if (id && id in GENERAL_ERRORS && tokens.length === 1) return { ok: false, reason: GENERAL_ERRORS[id]! };
  if (id !== 'S') return { ok: false, reason: 'bad_reply' };
  switch (status) {
    case 'I':
      return { ok: false, reason: 'not_stable' };
    case '+':
      return { ok: false, reason: 'overload' };
    case '-':
      return { ok: false, reason: 'underload' };
    case 'S':
    case 'D':
      break;
    default:
      return { ok: false, reason: 'bad_reply' };
  }
  // Some firmwares put the sign apart from the digits ("-   0.750"): join a lone sign to the number.
  let rest = tokens.slice(2);
  if ((rest[0] === '-' || rest[0] === '+') && rest.length === 3) rest = [rest[0] + rest[1], rest[2]!];
  if (rest.length !== 2) return { ok: false, reason: 'bad_reply' };
  const [num, unit] = rest as [string, string];
  if (!NUMBER.test(num)) return { ok: false, reason: 'bad_reply' };
  const grams = toGrams(Number(num), unit);
  if (grams === null) return { ok: false, reason: 'unknown_unit' };
  return { ok: true, grams, stable: status === 'S' };
}

/** A reply line to Z: `Z A` done, `Z I` not now (unsteady), `Z +`/`Z -` outside the zeroing range. */
export function parseZeroReply(line: string): ZeroReply {
  const tokens = line.trim().split(/\s+/);
  const [id, status] = tokens;
  if (id && id in GENERAL_ERRORS && tokens.length === 1) return { ok: false, reason: GENERAL_ERRORS[id]! };
  if (id !== 'Z' || tokens.length !== 2) return { ok: false, reason: 'bad_reply' };
  if (status === 'A') return { ok: true };
  if (status === 'I') return { ok: false, reason: 'not_stable' };
  if (status === '+') return { ok: false, reason: 'overload' };
  if (status === '-') return { ok: false, reason: 'underload' };
  return { ok: false, reason: 'bad_reply' };
}
