// Read-back of the labels as ZPL at 203 and 300 dpi: what the printer encodes (^BC data decoded
// with the ZPL II invocation table), what an independent ZPL renderer (zpl-renderer-js) draws as
// decoded by ZXing, the module width, bar height and quiet zones measured in that raster, and the
// ^FD text of the long values.
import { afterAll, expect, it } from 'vitest';
import { labelCases, type Case } from './expectations';
import { readBack, saveRows, zplFieldDecodes } from './readback';
import { readBackSuite } from './suite';

afterAll(saveRows);

readBackSuite('zpl', 'ZPL 203', labelCases(203));
readBackSuite('zpl', 'ZPL 300', labelCases(300));

it('a ">" in Code 128 data reaches the printer as ">" (>0), not "^" (><)', async () => {
  const shipping = labelCases(203).find((c) => c.name === 'shipping') as Case;
  const c: Case = { ...shipping, request: { ...shipping.request, data: { ...shipping.request.data, trackingNumber: 'A>B' } } as Case['request'] };
  const rb = await readBack(c, 'zpl');
  expect(zplFieldDecodes(rb).map((d) => d.raw)).toContain('A>B');
});
