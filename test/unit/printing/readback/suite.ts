// The read-back tests for one output, defined once: per case, every expected symbol decodes to its
// hand-written content, linear symbols meet the floors, 2D symbols land where placed, long values
// print in full. Each case is rendered and rasterised once (beforeAll).
import { beforeAll, describe, it } from 'vitest';
import { describe as describeSymbol, floorsFor, type Case } from './expectations';
import { expectDecoded, expectFloors, expectPlacedWhereDecoded, placedFor, readBack, zplFieldDecodes, zplRendererGetsWrong, type Output, type ReadBack } from './readback';
import { expectFullText } from './text';

export function readBackSuite(output: Output, outputName: string, cases: Case[]): void {
  describe(outputName, () => {
    for (const c of cases) {
      describe(c.name, () => {
        let rb: ReadBack;
        beforeAll(async () => {
          rb = await readBack(c, output);
        });
        for (const e of c.symbols) {
          const name = describeSymbol(e);
          if (output === 'zpl') {
            it(`${name}: the ^FD data encodes exactly this (ZPL II tables)`, () => expectDecoded(rb, e, zplFieldDecodes(rb)));
          }
          it(`${name}: the rendered output decodes to it`, (ctx) => {
            // zpl-renderer-js mis-encodes ">5" (switch to subset C): for those fields the ^FD decode
            // above is the check, and the raster only serves for measuring.
            if (output === 'zpl' && placedFor(rb, e).some((p) => zplRendererGetsWrong(p.field))) ctx.skip();
            expectDecoded(rb, e);
          });
          if (floorsFor(e)) {
            it(`${name}: X, bar height and quiet zones at the floors`, () => expectFloors(rb, c.name, outputName, e));
          } else {
            // A Zebra shifts ^BQ down by the preceding ^BY bar height (issue 8.6); zpl-renderer-js does too.
            it(`${name}: lands where the layout put it`, () => expectPlacedWhereDecoded(rb, e));
          }
        }
        if (c.fullText) {
          const fullText = c.fullText;
          it('long values print in full, no field cut', () => expectFullText(rb, fullText));
        }
      });
    }
  });
}
