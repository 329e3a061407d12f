// A template as SVG for the screen: pure (no printer, no job, no SSCC serial used).
import type { ParsedInput } from '../../../src-preload/contract';
import type { previewSchema } from '../../../src-preload/contract/printing';
import type { z } from 'zod';
import { previewRequest } from './domain';
import { parseLayout } from './layout/model';
import { resolveLayout } from './layout/resolve';
import { renderSvgResolved } from './render/svg';
import { templateLayout } from './templates';
import { LabelFitError } from './templates/common';
import { AppError } from '../rpc/errors';

export function preview(request: ParsedInput<'printing.preview'>): z.infer<typeof previewSchema> {
  let layout;
  try {
    layout = templateLayout(previewRequest(request));
  } catch (e) {
    // A barcode that cannot be printed readable: say which value, never draw it smaller.
    if (e instanceof LabelFitError) throw new AppError('VALIDATION', e.message, [{ path: `data.${e.field}`, message: `${e.code}: ${e.message}` }]);
    throw e;
  }
  const resolved = resolveLayout(parseLayout(layout));
  return {
    svg: renderSvgResolved(resolved),
    pages: resolved.pages.length,
    widthMm: resolved.widthMm,
    heightMm: resolved.heightMm,
    truncated: resolved.truncated,
  };
}
