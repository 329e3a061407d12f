// Renders every template sample to PDF, SVG and ZPL for looking at them, and rasterises the PDFs
// with poppler's pdftoppm when it is installed (a manual tool: no test runs it, nothing needs poppler).
// npx tsx test/unit/printing/renderSamples.ts [outDir=/tmp/dockside-print]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { layoutFor } from '../../../src-main/core/printing/templates';
import { renderPdf } from '../../../src-main/core/printing/render/pdf';
import { renderSvg } from '../../../src-main/core/printing/render/svg';
import { renderZpl } from '../../../src-main/core/printing/render/zpl';
import { samples } from './fixtures';

const out = process.argv[2] ?? '/tmp/dockside-print';
const havePdftoppm = !spawnSync('pdftoppm', ['-v']).error;
if (!havePdftoppm) console.log('pdftoppm not found (poppler-utils): writing PDF, SVG and ZPL without PNGs.');
fs.mkdirSync(out, { recursive: true });
for (const [name, request] of Object.entries(samples)) {
  const layout = layoutFor(request);
  const base = path.join(out, name);
  fs.writeFileSync(`${base}.pdf`, await renderPdf(layout));
  fs.writeFileSync(`${base}.svg`, renderSvg(layout));
  fs.writeFileSync(`${base}.zpl`, renderZpl(layout));
  if (havePdftoppm) execFileSync('pdftoppm', ['-png', '-r', '150', `${base}.pdf`, base]);
  console.log(`${name}: ${base}.pdf, ${base}.svg, ${base}.zpl${havePdftoppm ? `, ${base}-N.png` : ''}`);
}
