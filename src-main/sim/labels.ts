/**
 * Label and packing-slip files for the Afosto simulator: a minimal valid ZPL label (^XA … ^XZ)
 * and a small PDF (pdf-lib, DejaVu Sans embedded so Czech/German/Dutch diacritics render).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont } from 'pdf-lib';

export interface LabelInfo {
  parcelNumber: string;
  trackingCode: string;
  carrier: string;
  orderNumber: string;
  shipTo: { name: string; line1: string; postal: string; city: string; country: string };
  from: string;
  weightGrams: number;
  items?: { sku: string; description: string; quantity: number; position?: string }[];
}

/** ZPL field data: ^FH escapes non-ASCII as _XX hex of UTF-8 bytes (with ^CI28). */
function zplText(s: string): string {
  let out = '';
  for (const b of Buffer.from(s.replace(/[\^~]/g, ' '), 'utf8')) {
    if (b >= 0x20 && b < 0x7f && b !== 0x5f) out += String.fromCharCode(b);
    else out += `_${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function zplLabel(l: LabelInfo): string {
  const lines = [
    '^XA',
    '^CI28',
    '^PW812',
    '^LL1218',
    `^FO40,40^A0N,50,50^FH^FD${zplText(l.carrier)}^FS`,
    `^FO40,110^A0N,28,28^FH^FDFrom: ${zplText(l.from)}^FS`,
    '^FO40,160^GB732,3,3^FS',
    `^FO40,190^A0N,40,40^FH^FD${zplText(l.shipTo.name)}^FS`,
    `^FO40,240^A0N,34,34^FH^FD${zplText(l.shipTo.line1)}^FS`,
    `^FO40,285^A0N,34,34^FH^FD${zplText(`${l.shipTo.postal} ${l.shipTo.city}`)}^FS`,
    `^FO40,330^A0N,34,34^FH^FD${zplText(l.shipTo.country)}^FS`,
    '^FO40,390^GB732,3,3^FS',
    `^FO60,430^BY3^BCN,200,Y,N,N^FD${zplText(l.trackingCode)}^FS`,
    `^FO40,700^A0N,30,30^FH^FDParcel ${zplText(l.parcelNumber)}  Order ${zplText(l.orderNumber)}^FS`,
    `^FO40,745^A0N,30,30^FDWeight ${(l.weightGrams / 1000).toFixed(2)} kg^FS`,
    // A Zebra moves an ^FO-placed QR down by the current ^BY height: reset it to 1 dot first.
    `^BY2,2,1^FO560,699^BQN,2,5^FDLA,${zplText(l.parcelNumber)}^FS`,
    '^XZ',
  ];
  return `${lines.join('\n')}\n`;
}

let fontBytes: Uint8Array | null = null;
function dejavu(): Uint8Array | null {
  if (fontBytes) return fontBytes;
  try {
    const req = createRequire(import.meta.url);
    const pkg = req.resolve('dejavu-fonts-ttf/package.json');
    fontBytes = readFileSync(pkg.replace(/package\.json$/, 'ttf/DejaVuSans.ttf'));
  } catch {
    fontBytes = null;
  }
  return fontBytes;
}

async function pdfBase(): Promise<{ doc: PDFDocument; font: PDFFont }> {
  const doc = await PDFDocument.create();
  doc.setProducer('Dockside remote simulator');
  doc.setCreator('Dockside sim (Afosto)');
  const bytes = dejavu();
  if (bytes) {
    doc.registerFontkit(fontkit);
    return { doc, font: await doc.embedFont(bytes, { subset: true }) };
  }
  const { StandardFonts } = await import('pdf-lib');
  return { doc, font: await doc.embedFont(StandardFonts.Helvetica) };
}

const MM = 72 / 25.4;

/** A6 shipping label as PDF. */
export async function pdfLabel(l: LabelInfo): Promise<Uint8Array> {
  const { doc, font } = await pdfBase();
  const page = doc.addPage([105 * MM, 148 * MM]);
  const { height } = page.getSize();
  let y = height - 30;
  const text = (s: string, size: number): void => {
    page.drawText(s, { x: 16, y, size, font, color: rgb(0, 0, 0) });
    y -= size + 6;
  };
  text(l.carrier, 20);
  text(`From: ${l.from}`, 9);
  y -= 6;
  text(l.shipTo.name, 14);
  text(l.shipTo.line1, 12);
  text(`${l.shipTo.postal} ${l.shipTo.city}`, 12);
  text(l.shipTo.country, 12);
  y -= 10;
  text(`Tracking: ${l.trackingCode}`, 12);
  text(`Parcel ${l.parcelNumber} · Order ${l.orderNumber}`, 9);
  text(`Weight ${(l.weightGrams / 1000).toFixed(2)} kg`, 9);
  return doc.save();
}

/** A4 packing slip as PDF. */
export async function pdfSlip(l: LabelInfo): Promise<Uint8Array> {
  const { doc, font } = await pdfBase();
  const page = doc.addPage([210 * MM, 297 * MM]);
  const { height } = page.getSize();
  let y = height - 50;
  const text = (s: string, size: number, x = 50): void => {
    page.drawText(s, { x, y, size, font });
    y -= size + 8;
  };
  text('Dodací list / Packing slip', 20);
  text(`Objednávka / Order ${l.orderNumber}    Balík / Parcel ${l.parcelNumber}`, 11);
  y -= 10;
  text(l.shipTo.name, 12);
  text(l.shipTo.line1, 11);
  text(`${l.shipTo.postal} ${l.shipTo.city}, ${l.shipTo.country}`, 11);
  y -= 16;
  for (const it of l.items ?? []) text(`${it.quantity} ×  ${it.sku}   ${it.description}${it.position ? `   [${it.position}]` : ''}`, 10);
  y -= 16;
  text('Děkujeme za nákup! · Vielen Dank! · Bedankt!', 11);
  return doc.save();
}
