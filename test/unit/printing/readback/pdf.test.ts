// Read-back of every template as PDF: pdfjs draws each page at 609 dpi (labels, 3 px per 203-dpi
// dot) or 600 dpi (documents, 2 px per 300-dpi dot) on @napi-rs/canvas; ZXing decodes, the raster
// is measured, and pdfjs's text layer shows whether long values print in full.
import { afterAll } from 'vitest';
import { documentCases, labelCases } from './expectations';
import { saveRows } from './readback';
import { readBackSuite } from './suite';

afterAll(saveRows);

readBackSuite('pdf', 'PDF', [...labelCases(203), ...documentCases]);
