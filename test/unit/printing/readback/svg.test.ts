// Read-back of every template as the SVG preview: Skia (@napi-rs/canvas) draws each page at 3 px
// per 203-dpi dot (labels) or 1 px per 300-dpi dot (documents); ZXing decodes, the raster is
// measured, and the <text> content shows whether long values are shown in full.
import { afterAll } from 'vitest';
import { documentCases, labelCases } from './expectations';
import { saveRows } from './readback';
import { readBackSuite } from './suite';

afterAll(saveRows);

readBackSuite('svg', 'SVG', [...labelCases(203), ...documentCases]);
