// ZPL II renderer: one ^XA…^XZ format per page, UTF-8 (^CI28), positions in dots from the resolved
// layout. Barcodes use the printer's native encoders; text is pre-wrapped (lines joined with \& in
// ^FB) so the printer breaks exactly where the PDF and the preview do.
import { parseLayout, type Layout, type LayoutInput } from '../layout/model';
import { resolveLayout, type RBarcode, type RElement, type RText, type ResolvedLayout } from '../layout/resolve';
import { assertCode128Text, FNC1, zplCode128, type Code128Token } from '../barcode/zplCode128';
import { needsSeparator, parseHumanReadable } from '../gs1/elements';
import { decodePng, toMonochrome } from '../image/png';

/** Escape field data for ^FH (hex indicator "_"): the three characters ZPL would treat as commands. */
export function zplFieldHex(s: string): { fh: boolean; data: string } {
  if (!/[_^~]/.test(s)) return { fh: false, data: s };
  return { fh: true, data: s.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`) };
}

function field(data: string): string {
  const { fh, data: d } = zplFieldHex(data);
  return `${fh ? '^FH' : ''}^FD${d}^FS`;
}

function text(el: RText): string {
  if (el.lines.length === 0 || el.lines.every((l) => l === '')) return '';
  const just = el.align === 'center' ? 'C' : el.align === 'right' ? 'R' : 'L';
  // In ^FB, "\&" is a line break and "\\" a backslash.
  const body = el.lines.map((l) => l.replace(/\\/g, '\\\\')).join('\\&');
  const extra = el.pitch - el.font;
  return `^FO${el.x},${el.y}^A0N,${el.font},${el.font}^FB${el.width},${el.lines.length},${extra},${just},0${field(body)}`;
}

/** Tokens for the Code 128 encoder: GS1 data gets FNC1 first and after each variable-length AI. */
function code128Tokens(el: RBarcode): Code128Token[] {
  if (el.symbology === 'code128') {
    assertCode128Text(el.data);
    return Array.from(el.data);
  }
  const elements = parseHumanReadable(el.data);
  const tokens: Code128Token[] = [FNC1];
  elements.forEach((e, i) => {
    tokens.push(...Array.from(e.ai + e.value));
    if (i < elements.length - 1 && needsSeparator(e.ai)) tokens.push(FNC1);
  });
  return tokens;
}

/** The ^BY bar height set before every ^BQ (1 dot, the smallest the guide allows). */
export const QR_BY_HEIGHT = 1;

function barcode(el: RBarcode): string {
  const at = `^FO${el.x},${el.y}`;
  const m = Math.min(10, el.module);
  switch (el.symbology) {
    case 'code128':
    case 'gs1-128':
      // m = N: our own subset choice with invocation codes (see zplCode128).
      return `${at}^BY${m},2,${el.height}^BCN,${el.height},N,N,N,N${field(zplCode128(code128Tokens(el)))}`;
    case 'ean13': {
      if (!/^\d{12,13}$/.test(el.data)) throw new Error(`EAN-13 needs 12 or 13 digits, got "${el.data}"`);
      return `${at}^BY${m},2,${el.height}^BEN,${el.height},N,N${field(el.data.slice(0, 12))}`;
    }
    case 'qr': {
      // A Zebra draws an ^FO-placed ^BQ lower by the current ^BY bar height, and ^BY persists
      // (across formats, until power-off), so the last 1D code's height would push the QR down.
      // Pin the height to QR_BY_HEIGHT and lift the origin by it. Model 2, error correction M,
      // automatic input mode.
      const y = Math.max(0, el.y - QR_BY_HEIGHT);
      return `^FO${el.x},${y}^BY2,2,${QR_BY_HEIGHT}^BQN,2,${m}${field(`MA,${el.data}`)}`;
    }
    case 'datamatrix':
      return `${at}^BXN,${m},200${field(el.data)}`;
  }
}

function element(el: RElement): string {
  switch (el.type) {
    case 'text':
      return text(el);
    case 'barcode':
      return barcode(el);
    case 'box':
      return `^FO${el.x},${el.y}^GB${el.w},${el.h},${el.t},B,0^FS`;
    case 'image': {
      const mono = toMonochrome(decodePng(el.png), el.w, el.h);
      const hex = Buffer.from(mono.data).toString('hex').toUpperCase();
      return `^FO${el.x},${el.y}^GFA,${mono.data.length},${mono.data.length},${mono.bytesPerRow},${hex}^FS`;
    }
  }
}

export function renderZplResolved(r: ResolvedLayout): string {
  return r.pages
    .map((page) => {
      const body = page.map(element).filter((s) => s.length > 0);
      return ['^XA', '^CI28', `^PW${r.widthDots}`, `^LL${r.heightDots}`, '^LH0,0', ...body, '^XZ'].join('\n');
    })
    .join('\n')
    .concat('\n');
}

export function renderZpl(layout: Layout | LayoutInput): string {
  return renderZplResolved(resolveLayout(parseLayout(layout as LayoutInput)));
}
