// "No cut field": every long value must be readable in full in the output's own text (PDF text
// layer via pdfjs, SVG <text>, ZPL ^FD of text fields). Line breaks and wrapping spaces are ignored.
import { expect } from 'vitest';
import type { ReadBack } from './readback';

const squash = (s: string): string => s.replace(/\s+/g, '');

export function expectFullText(rb: ReadBack, values: string[]): void {
  const all = squash(rb.text);
  const missing = values.filter((v) => !all.includes(squash(v)));
  expect(missing, `cut or missing in ${rb.output}; text: ${rb.text.replace(/\n/g, ' | ')}`).toEqual([]);
}
