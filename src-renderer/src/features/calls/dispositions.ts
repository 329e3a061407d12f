// A disposition's label in the agent's language: the station's own labels are shown as the
// supervisor wrote them, but the shipped default list (its English labels untouched) is translated.
import type { TFunction } from 'i18next';
import type { Disposition } from '../../../../src-preload/contract';

/** The shipped defaults: code → the English label they come with (core's DEFAULT_CALLS_CONFIG). */
export const DEFAULT_DISPOSITIONS: Readonly<Record<string, string>> = {
  resolved: 'Resolved',
  order_status: 'Order status',
  callback: 'Call back',
  complaint: 'Complaint',
  sales: 'Sales enquiry',
  wrong_number: 'Wrong number',
  unspecified: 'Not specified',
};

export function dispositionLabel(t: TFunction, d: Disposition): string {
  return DEFAULT_DISPOSITIONS[d.code] === d.label ? t(`calls.dispositions.${d.code}`) : d.label;
}

/** The label of a code in a config (the code itself when the config no longer lists it). */
export function labelOfCode(t: TFunction, dispositions: readonly Disposition[] | undefined, code: string): string {
  const d = dispositions?.find((x) => x.code === code);
  return d ? dispositionLabel(t, d) : code;
}
