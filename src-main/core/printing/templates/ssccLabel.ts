// GS1 logistic label, laid out as the GS1 Logistic Label Guideline and General Specifications 6.6
// ask: free-format from / to on top; text with data titles (English, the local language beside it)
// at 7 mm; then the content GS1-128 symbols ((02) GTIN + (37) count, (15) best before,
// (3302) gross weight, (10) batch; split over several symbols when one would be narrower than
// X = 0.495 mm), each with its HRI; the SSCC (00) symbol lowest, bars ≥ 31.75 mm.
import type { z } from 'zod';
import type { LayoutElement, LayoutInput } from '../layout/model';
import type { ssccLabelDataSchema } from '../schemas';
import { toGtin14 } from '../gs1/checkDigit';
import { isValidSscc } from '../gs1/sscc';
import { toHumanReadable, type Gs1Element } from '../gs1/elements';
import { caption } from './captions';
import { CODE128_MIN_X_MM, GS1_LOGISTIC_MIN_X_MM, LabelFitError, addressBody, labelFrame, lineCount, minModuleDots, placeLinear } from './common';
import { dotsToMm } from '../layout/units';

export type SsccLabelData = z.output<typeof ssccLabelDataSchema> & { sscc: string };

/** YYYY-MM-DD → YYMMDD */
const yymmdd = (iso: string): string => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const dmy = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** Content element strings in the order the GS1 guideline groups them: GTIN + count, then dates, weight, batch. */
export function contentElements(d: z.output<typeof ssccLabelDataSchema>): Gs1Element[] {
  const out: Gs1Element[] = [];
  if (d.contentGtin) out.push({ ai: '02', value: toGtin14(d.contentGtin) });
  if (d.count !== undefined) out.push({ ai: '37', value: String(d.count) });
  if (d.bestBefore) out.push({ ai: '15', value: yymmdd(d.bestBefore) });
  if (d.grossWeightKg !== undefined) out.push({ ai: '3302', value: String(Math.round(d.grossWeightKg * 100)).padStart(6, '0') });
  if (d.batch) out.push({ ai: '10', value: d.batch });
  return out;
}

const FIELD_OF_AI: Record<string, string> = { '02': 'contentGtin', '37': 'count', '15': 'bestBefore', '3302': 'grossWeightKg', '10': 'batch' };

const M = 3; // margin
const CONTENT_MIN_BAR_MM = 12; // content symbols: below this a hand scanner's line misses bars on a tilted sweep
const CONTENT_MAX_BAR_MM = 25;
const HRI_MM = 3.6; // one line of 8 pt under a content symbol, with its gap
const VALUE_MM = 7; // data content height the guideline asks for (em height; shrinks only to fit)

/** A data title in English, with the local language beside it (never instead). */
function title(lang: 'en' | 'cs', key: Parameters<typeof caption>[1], unit = ''): string {
  const en = caption('en', key) + unit;
  const local = caption(lang, key) + unit;
  return lang === 'en' || local === en ? en : `${en} / ${local}`;
}

export function ssccLabel(d: SsccLabelData): LayoutInput {
  const sscc = d.sscc ?? '';
  if (!isValidSscc(sscc)) throw new Error(`invalid SSCC "${sscc}"`);
  const { widthMm, heightMm } = labelFrame(d.size);
  const inner = widthMm - 2 * M;
  const half = inner / 2;
  const L = d.lang;
  const band = { x: 1, width: widthMm - 2 };

  // Top (carrier and customer segments): free-format from / to, order and carrier.
  const nameLines = lineCount(d.shipTo.name, half, 10, true, 2);
  const toBodyY = 6 + nameLines * 3.9 + 0.5;
  const els: LayoutElement[] = [
    { type: 'text', x: M, y: 3, width: half - 2, text: caption(L, 'from'), size: 6, bold: true },
    { type: 'text', id: 'shipFrom', x: M, y: 6, width: half - 2, text: [d.shipFrom.name, addressBody(d.shipFrom)].join('\n'), size: 8, minSize: 6, maxLines: 8, maxHeight: 15, lineHeight: 1.1 },
    { type: 'text', x: M + half, y: 3, width: half, text: caption(L, 'shipTo'), size: 6, bold: true },
    { type: 'text', id: 'shipToName', x: M + half, y: 6, width: half, text: d.shipTo.name, size: 10, minSize: 7, bold: true, maxLines: 2, lineHeight: 1.1 },
    { type: 'text', id: 'shipTo', x: M + half, y: toBodyY, width: half, text: addressBody(d.shipTo), size: 8, minSize: 6, maxLines: 8, maxHeight: 30.5 - toBodyY, lineHeight: 1.1 },
    {
      type: 'text',
      id: 'orderCarrier',
      x: M,
      y: 21.5,
      width: half - 2,
      text: [d.orderNumber ? `${caption(L, 'order')}: ${d.orderNumber}` : '', d.carrier ? `${caption(L, 'carrier')}: ${d.carrier}` : ''].filter(Boolean).join('\n'),
      size: 7,
      minSize: 5.5,
      maxLines: 4,
      maxHeight: 9,
      lineHeight: 1.1,
    },
    { type: 'line', x: M, y: 31, length: inner, thicknessMm: 0.5 },
  ];

  // Supplier segment, text with data titles: one row per line, cells share its width.
  type Cell = { id: string; key: Parameters<typeof caption>[1]; unit?: string; value: string; frac: number };
  const rows = ([
    [{ id: 'ssccText', key: 'sscc', value: sscc, frac: 1 }],
    [
      ...(d.contentGtin ? [{ id: 'content', key: 'content' as const, value: toGtin14(d.contentGtin), frac: 0.62 }] : []),
      ...(d.count !== undefined ? [{ id: 'count', key: 'count' as const, value: String(d.count), frac: 0.38 }] : []),
    ],
    [
      ...(d.batch ? [{ id: 'batch', key: 'batch' as const, value: d.batch, frac: 0.5 }] : []),
      ...(d.bestBefore ? [{ id: 'bestBefore', key: 'bestBefore' as const, value: dmy(d.bestBefore), frac: 0.5 }] : []),
    ],
    [...(d.grossWeightKg !== undefined ? [{ id: 'grossWeight', key: 'grossWeight' as const, unit: ' (kg)', value: d.grossWeightKg.toFixed(2), frac: 0.5 }] : [])],
  ] as Cell[][]).filter((r) => r.length > 0);
  let y = 32.5;
  for (const row of rows) {
    const total = row.reduce((a, c) => a + c.frac, 0);
    let x = M;
    for (const c of row) {
      const w = (inner * c.frac) / Math.max(1, total);
      els.push(
        { type: 'text', x, y, width: w - 1.5, text: title(L, c.key, c.unit), size: 6, minSize: 4.5, bold: true },
        { type: 'text', id: c.id, x, y: y + 2.4, width: w - 1.5, text: c.value, size: VALUE_MM, unit: 'mm', minSize: 3.5, bold: true },
      );
      x += w;
    }
    y += 10.2;
  }
  const dataBottom = y;

  // Barcodes, bottom up: the SSCC symbol lowest, content symbols above it.
  const ssccHri = toHumanReadable([{ ai: '00', value: sscc }]);
  const ssccHriY = heightMm - M - 4;
  const ssccBarsY = ssccHriY - 0.6 - 32;
  const ssccCode = placeLinear({ id: 'ssccBarcode', field: 'sscc', symbology: 'gs1-128', data: ssccHri, ...band, y: ssccBarsY, heightMm: 32, preferredMm: 0.5, floorMm: GS1_LOGISTIC_MIN_X_MM, dpi: d.dpi });
  els.push(ssccCode.element, { type: 'text', id: 'ssccHri', x: M, y: ssccHriY, width: inner, text: ssccHri, size: 10, bold: true, align: 'center' });

  const region = ssccBarsY - 1.5 - dataBottom;
  const maxSymbols = Math.max(1, Math.floor(region / (CONTENT_MIN_BAR_MM + HRI_MM + 1)));
  const { groups, floorMm } = contentSymbols(contentElements(d), maxSymbols, band, d.dpi);
  if (groups.length > 0) {
    const slot = region / groups.length;
    const bars = Math.min(CONTENT_MAX_BAR_MM, slot - HRI_MM - 1);
    groups.forEach((g, i) => {
      const hri = toHumanReadable(g);
      const top = dataBottom + i * slot + (slot - bars - HRI_MM - 1) / 2;
      const id = groups.length === 1 ? 'contentBarcode' : `contentBarcode${i + 1}`;
      const placed = placeLinear({ id, field: FIELD_OF_AI[g[0]?.ai ?? ''] ?? 'batch', symbology: 'gs1-128', data: hri, ...band, y: top, heightMm: bars, preferredMm: 0.5, floorMm, dpi: d.dpi });
      els.push(placed.element, { type: 'text', id: `${id}Hri`, x: M, y: top + bars + 0.6, width: inner, text: hri, size: 8, align: 'center' });
    });
  }
  return { widthMm, heightMm, dpi: d.dpi, medium: 'label', title: `SSCC ${sscc}`, pages: [els] };
}

function fitsAt(hri: string, band: { x: number; width: number }, floorMm: number, dpi: 203 | 300): boolean {
  try {
    placeLinear({ field: '', symbology: 'gs1-128', data: hri, ...band, y: 0, heightMm: 10, preferredMm: floorMm, floorMm, dpi });
    return true;
  } catch (e) {
    if (e instanceof LabelFitError) return false;
    throw e;
  }
}

/**
 * The content symbols with the widest bars the label allows: of every way to split the element
 * strings (in order) over at most `maxSymbols` GS1-128 symbols, the one whose narrowest module is
 * widest, fewer symbols on a tie (taller bars). The logistic X (0.495 mm) when the data allows it,
 * otherwise down to the Code 128 floor (0.25 mm): an 11-character alphanumeric batch alone needs
 * ~105 mm at 0.495 mm, wider than the label. Below that, refused.
 */
export function contentSymbols(elements: Gs1Element[], maxSymbols: number, band: { x: number; width: number }, dpi: 203 | 300): { groups: Gs1Element[][]; floorMm: number } {
  if (elements.length === 0) return { groups: [], floorMm: GS1_LOGISTIC_MIN_X_MM };
  const top = minModuleDots(GS1_LOGISTIC_MIN_X_MM, dpi);
  const bottom = minModuleDots(CODE128_MIN_X_MM, dpi);
  const memo = new Map<string, number>();
  /** Widest module (dots, ≤ the logistic X) a group fits at, or 0. */
  const widest = (g: Gs1Element[]): number => {
    const hri = toHumanReadable(g);
    let hit = memo.get(hri);
    if (hit === undefined) {
      hit = 0;
      for (let dots = top; dots >= bottom && hit === 0; dots--) if (fitsAt(hri, band, dots === top ? GS1_LOGISTIC_MIN_X_MM : dotsToMm(dots, dpi), dpi)) hit = dots;
      memo.set(hri, hit);
    }
    return hit;
  };
  let best: { groups: Gs1Element[][]; dots: number } | undefined;
  // Each bit of `cuts` says whether a new symbol starts before element i + 1.
  for (let cuts = 0; cuts < 1 << (elements.length - 1); cuts++) {
    const groups: Gs1Element[][] = [[elements[0] as Gs1Element]];
    for (let i = 1; i < elements.length; i++) {
      if (cuts & (1 << (i - 1))) groups.push([]);
      (groups[groups.length - 1] as Gs1Element[]).push(elements[i] as Gs1Element);
    }
    if (groups.length > maxSymbols) continue;
    const dots = Math.min(...groups.map(widest));
    if (dots > 0 && (!best || dots > best.dots || (dots === best.dots && groups.length < best.groups.length))) best = { groups, dots };
  }
  if (!best) {
    const alone = elements.find((e) => widest([e]) === 0);
    throw new LabelFitError(
      FIELD_OF_AI[(alone ?? elements[elements.length - 1])?.ai ?? ''] ?? 'batch',
      alone
        ? `(${alone.ai}) ${alone.value} is too long for a readable GS1-128 symbol across this label`
        : `the content does not fit ${maxSymbols} readable GS1-128 symbols on this label`,
    );
  }
  return { groups: best.groups, floorMm: best.dots === top ? GS1_LOGISTIC_MIN_X_MM : dotsToMm(best.dots, dpi) };
}
