// How a printer record reads on screen: its address without the URI scheme, and its settings line.
import type { PrinterInfo } from '../../../../src-preload/contract';

export function printerAddress(p: PrinterInfo): string {
  if (p.kind === 'tcp') return p.uri.replace(/^tcp:\/\//, '').replace(/\/$/, '');
  if (p.kind === 'dir') return p.uri.slice('dir:'.length);
  if (p.kind === 'os') return p.uri.slice('os:'.length);
  return p.uri.slice('afosto:'.length);
}

// No-break spaces: a size or resolution never splits across lines.
export const LABEL_SIZE_TEXT: Record<PrinterInfo['options']['labelSize'], string> = {
  '4x6in': '4\u00a0×\u00a06\u00a0in',
  '100x150mm': '100\u00a0×\u00a0150\u00a0mm',
};
export const dpiText = (dpi: number) => `${dpi}\u00a0dpi`;

/** "203 dpi · 4 × 6 in · ZPL, PDF": units and format names read the same in every language. */
export function printerSettingsLine(p: PrinterInfo): string {
  return [dpiText(p.options.dpi), LABEL_SIZE_TEXT[p.options.labelSize], p.options.formats.map((f) => f.toUpperCase()).join(', ')].join(' · ');
}
