// A template as SVG for the screen: pure (no printer, no job, no SSCC serial used).
import type { ParsedInput } from '../../../src-preload/contract';
import type { previewSchema } from '../../../src-preload/contract/printing';
import type { z } from 'zod';
import { previewRequest } from './domain';
import { parseLayout } from './layout/model';
import { resolveLayout } from './layout/resolve';
import { renderSvgResolved } from './render/svg';
import { templateLayout } from './templates';

export function preview(request: ParsedInput<'printing.preview'>): z.infer<typeof previewSchema> {
  // A barcode that cannot print readable throws LabelFitError: a VALIDATION error naming the field.
  const resolved = resolveLayout(parseLayout(templateLayout(previewRequest(request))));
  return {
    svg: renderSvgResolved(resolved),
    pages: resolved.pages.length,
    widthMm: resolved.widthMm,
    heightMm: resolved.heightMm,
    truncated: resolved.truncated,
  };
}
