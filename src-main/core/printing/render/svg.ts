// SVG renderer for on-screen preview. The viewBox is the label's dot grid, so every coordinate is
// the same integer the ZPL renderer sends; width/height are physical (mm) so 100 % zoom is real size.
import { parseLayout, type Layout, type LayoutInput } from '../layout/model';
import { resolveLayout, type RElement, type ResolvedLayout } from '../layout/resolve';
import { TEXT_ASCENT } from '../layout/fonts';
import { barcodeGeometry, matrixRuns } from '../barcode/geometry';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const idAttr = (el: RElement): string => (el.id ? ` data-id="${esc(el.id)}"` : '');

const FONT_FAMILY = "'DejaVu Sans', Verdana, sans-serif";

function element(el: RElement): string {
  switch (el.type) {
    case 'text': {
      const anchor = el.align === 'center' ? 'middle' : el.align === 'right' ? 'end' : 'start';
      // The anchor point mirrors lineOffset(): left edge, centre or right edge of the block.
      const ax = el.x + (el.align === 'center' ? el.width / 2 : el.align === 'right' ? el.width : 0);
      const baseline = el.y + Math.round(TEXT_ASCENT * el.font);
      const lines = el.lines
        .map((l, i) => `<text x="${ax}" y="${baseline + i * el.pitch}">${esc(l)}</text>`)
        .join('');
      return (
        `<g data-type="text"${idAttr(el)} font-size="${el.font}" font-weight="${el.bold ? 'bold' : 'normal'}"` +
        ` text-anchor="${anchor}" xml:space="preserve">${lines}</g>`
      );
    }
    case 'barcode': {
      const g = barcodeGeometry(el.symbology, el.data);
      const m = el.module;
      let d = '';
      if (g.kind === 'linear') {
        for (const bar of g.bars) d += `M${bar.x * m} 0h${bar.w * m}v${el.height}h${-bar.w * m}z`;
      } else {
        for (const { row, start, end } of matrixRuns(g)) d += `M${start * m} ${row * m}h${(end - start) * m}v${m}h${-(end - start) * m}z`;
      }
      return `<g data-type="barcode" data-symbology="${el.symbology}"${idAttr(el)} transform="translate(${el.x} ${el.y})"><path d="${d}"/></g>`;
    }
    case 'box': {
      const outer = `M${el.x} ${el.y}h${el.w}v${el.h}h${-el.w}z`;
      const iw = el.w - 2 * el.t;
      const ih = el.h - 2 * el.t;
      const inner = el.fill || iw <= 0 || ih <= 0 ? '' : `M${el.x + el.t} ${el.y + el.t}v${ih}h${iw}v${-ih}z`;
      return `<path data-type="box"${idAttr(el)} fill-rule="evenodd" d="${outer}${inner}"/>`;
    }
    case 'image': {
      const b64 = Buffer.from(el.png).toString('base64');
      return (
        `<image data-type="image"${idAttr(el)} x="${el.x}" y="${el.y}" width="${el.w}" height="${el.h}"` +
        ` preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${b64}"/>`
      );
    }
  }
}

/** One <svg> per page. */
export function renderSvgPagesResolved(r: ResolvedLayout): string[] {
  return r.pages.map(
    (page, i) =>
      `<svg xmlns="http://www.w3.org/2000/svg" data-page="${i + 1}" width="${r.widthMm}mm" height="${r.heightMm}mm"` +
      ` viewBox="0 0 ${r.widthDots} ${r.heightDots}" font-family="${esc(FONT_FAMILY)}">` +
      `<rect width="${r.widthDots}" height="${r.heightDots}" fill="#fff"/>` +
      `<g fill="#000">${page.map(element).join('')}</g></svg>`,
  );
}

/** All pages stacked vertically in one SVG document (page 1 at the origin), for a scrolling preview. */
export function renderSvgResolved(r: ResolvedLayout): string {
  const pages = renderSvgPagesResolved(r);
  if (pages.length === 1) return pages[0] as string;
  const gap = Math.round(r.dpi / 10);
  const total = pages.length * r.heightDots + (pages.length - 1) * gap;
  const nested = pages
    .map((svg, i) => svg.replace('<svg ', `<svg y="${i * (r.heightDots + gap)}" `).replace(/ width="[^"]*mm" height="[^"]*mm"/, ` width="${r.widthDots}" height="${r.heightDots}"`))
    .join('');
  const totalMm = (total * 25.4) / r.dpi;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r.widthMm}mm" height="${totalMm.toFixed(2)}mm"` +
    ` viewBox="0 0 ${r.widthDots} ${total}">${nested}</svg>`
  );
}

export function renderSvg(layout: Layout | LayoutInput): string {
  return renderSvgResolved(resolveLayout(parseLayout(layout as LayoutInput)));
}

