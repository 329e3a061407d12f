// Locates the DejaVu Sans TTFs (read at runtime from the dejavu-fonts-ttf package, no copies in the
// repo) and measures text with their real advance widths, so line wrapping is decided once, in the
// layout step, and every renderer breaks lines at the same words.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';

export type FontWeight = 'regular' | 'bold';

const FILES: Record<FontWeight, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
};

/** Baseline offset from the top of a text line, as a fraction of the font size (shared by all renderers). */
export const TEXT_ASCENT = 0.8;

let overrideDir: string | undefined;

/** Lets the host point at a packaged font folder (e.g. Electron's resources/fonts). */
export function setFontDir(dir: string | undefined): void {
  overrideDir = dir;
  fontBytes.clear();
  fonts.clear();
  parsed.clear();
  pdfViews.clear();
}

function candidateDirs(): string[] {
  const dirs: string[] = [];
  if (overrideDir) dirs.push(overrideDir);
  const env = process.env.DOCKSIDE_FONT_DIR;
  if (env) dirs.push(env);
  // Walk up from this file to find node_modules/dejavu-fonts-ttf/ttf (works from src and from a bundle).
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    dirs.push(join(dir, 'node_modules', 'dejavu-fonts-ttf', 'ttf'));
    dirs.push(join(dir, 'resources', 'fonts'));
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  dirs.push(join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf'));
  return dirs;
}

export function resolveFontPath(weight: FontWeight): string {
  for (const dir of candidateDirs()) {
    const p = join(dir, FILES[weight]);
    if (existsSync(p)) return p;
  }
  throw new Error(`font ${FILES[weight]} not found (install dejavu-fonts-ttf or set DOCKSIDE_FONT_DIR)`);
}

const fontBytes = new Map<FontWeight, Uint8Array>();
export function fontFileBytes(weight: FontWeight): Uint8Array {
  let b = fontBytes.get(weight);
  if (!b) {
    b = new Uint8Array(readFileSync(resolveFontPath(weight)));
    fontBytes.set(weight, b);
  }
  return b;
}

type FontkitFont = ReturnType<typeof fontkit.create>;
type FontkitGlyph = ReturnType<FontkitFont['glyphForCodePoint']>;
const parsed = new Map<FontWeight, FontkitFont>();

/** The parsed font, once per weight (parsing DejaVu Sans costs ~2 ms). */
function parsedFont(weight: FontWeight): FontkitFont {
  let f = parsed.get(weight);
  if (!f) {
    f = fontkit.create(fontFileBytes(weight));
    parsed.set(weight, f);
  }
  return f;
}

interface Metrics {
  unitsPerEm: number;
  advance(cp: number): number;
}
const fonts = new Map<FontWeight, Metrics>();

function metrics(weight: FontWeight): Metrics {
  let m = fonts.get(weight);
  if (!m) {
    const font = parsedFont(weight);
    const cache = new Map<number, number>();
    m = {
      unitsPerEm: font.unitsPerEm,
      advance(cp: number): number {
        let w = cache.get(cp);
        if (w === undefined) {
          w = font.glyphForCodePoint(cp).advanceWidth;
          cache.set(cp, w);
        }
        return w;
      },
    };
    fonts.set(weight, m);
  }
  return m;
}

const pdfViews = new Map<FontWeight, FontkitFont>();

/**
 * A fontkit stand-in for pdf-lib's registerFontkit: for our font files it returns the already parsed
 * font, seen through a view whose layout() maps characters straight to glyphs (cmap), like
 * textWidth and ZPL do. Full OpenType shaping (kerning, ligatures) costs ~0.8 ms a line and would
 * make the PDF's glyphs differ from the widths the layout wrapped with; pdf-lib ignores glyph
 * positions anyway. Each PDF still gets its own subset.
 */
export const pdfFontkit = {
  create(bytes: Uint8Array): FontkitFont {
    const weight = (Object.keys(FILES) as FontWeight[]).find((w) => fontBytes.get(w) === bytes);
    if (!weight) return fontkit.create(bytes);
    let view = pdfViews.get(weight);
    if (!view) {
      const font = parsedFont(weight);
      // fontkit caches one glyph object per id, and a subset encoder that reaches a glyph as part
      // of an accented one (c in č) caches it without its code point; the PDF's ToUnicode map
      // needs it, so each character gets its own view of the glyph that says which it is.
      const byCodePoint = new Map<number, FontkitGlyph>();
      const glyphFor = (cp: number): FontkitGlyph => {
        let g = byCodePoint.get(cp);
        if (!g) {
          g = Object.create(font.glyphForCodePoint(cp), { codePoints: { value: [cp] } }) as FontkitGlyph;
          byCodePoint.set(cp, g);
        }
        return g;
      };
      const layout = (text: string) => ({ glyphs: Array.from(text, (ch) => glyphFor(ch.codePointAt(0) ?? 32)) });
      view = new Proxy(font, {
        get(target, prop) {
          if (prop === 'layout') return layout;
          const v: unknown = Reflect.get(target, prop, target);
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      pdfViews.set(weight, view);
    }
    return view;
  },
};

/** Width of `text` at `size` (any unit; the result is in the same unit). No kerning, like ZPL. */
export function textWidth(text: string, size: number, weight: FontWeight): number {
  const m = metrics(weight);
  let units = 0;
  for (const ch of text) units += m.advance(ch.codePointAt(0) ?? 32);
  return (units / m.unitsPerEm) * size;
}
