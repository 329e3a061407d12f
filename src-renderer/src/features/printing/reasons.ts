// Printer and job problems in the user's language. The core reports reasons as codes
// (contract PRINT_REASONS: paper_out, unreachable, …); each has an i18n key printing.reasons.<code>.
// The driver's own words (a socket error, a folder path) come separately as `detail`, for tooltips.
import type { TFunction } from 'i18next';
import { PRINT_REASONS, type PrinterStatusInfo, type PrintReason } from '../../../../src-preload/contract';

export { PRINT_REASONS };

/** One reason code, translated. */
export function reasonText(t: TFunction, code: PrintReason): string {
  return t(`printing.reasons.${code}`);
}

/** A printer's reasons (worst first), translated and joined. */
export function reasonsText(t: TFunction, codes: readonly PrintReason[]): string {
  return codes.map((c) => reasonText(t, c)).join(', ');
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
