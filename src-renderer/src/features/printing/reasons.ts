// Printer and job problems in the user's language. The core reports reasons in English
// ("paper out", "printer paused, head open"); known ones are translated, anything else (a socket
// error, a folder path) is shown as it came, since it is what a technician needs to read.
import type { TFunction } from 'i18next';
import type { PrinterStatusInfo } from '../../../../src-preload/contract';

export const KNOWN_REASONS = {
  'paper out': 'paperOut',
  'head open': 'headOpen',
  'ribbon out': 'ribbonOut',
  paused: 'paused',
  'receive buffer full': 'bufferFull',
  'head over temperature': 'overTemp',
  'head under temperature': 'underTemp',
  'corrupt RAM (configuration lost)': 'corruptRam',
  'printer removed': 'removed',
  'printer no longer configured': 'removed',
} as const;
export type ReasonKey = (typeof KNOWN_REASONS)[keyof typeof KNOWN_REASONS];

function reasonKey(token: string): ReasonKey | null {
  return Object.prototype.hasOwnProperty.call(KNOWN_REASONS, token) ? KNOWN_REASONS[token as keyof typeof KNOWN_REASONS] : null;
}

/** One reason string, or a job's lastError ("printer paper out, head open"), translated when known. */
export function reasonText(t: TFunction, raw: string): string {
  const trimmed = raw.trim();
  const whole = reasonKey(trimmed);
  if (whole) return t(`printing.reasons.${whole}`);
  const tokens = trimmed.replace(/^printer /, '').split(', ');
  const keys = tokens.map(reasonKey);
  if (keys.every((k): k is ReasonKey => k !== null)) return keys.map((k) => t(`printing.reasons.${k}`)).join(', ');
  return trimmed;
}

/** What the status chip shows, worst first: a printer that is off is not also "paused". */
export const CHIP_STATES = ['checking', 'ready', 'unreachable', 'paperOut', 'headOpen', 'ribbonOut', 'paused', 'problem', 'unknown'] as const;
export type ChipState = (typeof CHIP_STATES)[number];

export function chipState(s: PrinterStatusInfo): ChipState {
  if (!s.reachable) return 'unreachable';
  if (s.paperOut) return 'paperOut';
  if (s.headOpen) return 'headOpen';
  if (s.ribbonOut) return 'ribbonOut';
  if (s.paused) return 'paused';
  if (!s.ready) return 'problem';
  return 'ready';
}

/** Chip colour family for a state. */
export function chipTone(state: ChipState): 'ok' | 'warn' | 'danger' | 'neutral' {
  if (state === 'ready') return 'ok';
  if (state === 'checking' || state === 'unknown') return 'neutral';
  if (state === 'unreachable' || state === 'problem') return 'danger';
  return 'warn';
}
