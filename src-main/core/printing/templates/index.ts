// Template registry: a validated template request → layout. Pure apart from reading font metrics.
// Templates take parsed data (z.output): a request is validated once, where it enters.
import type { LayoutInput } from '../layout/model';
import { templateRequestSchema, type TemplateRequest } from '../schemas';
import type { z } from 'zod';

export type ParsedTemplateRequest = z.output<typeof templateRequestSchema>;
import { badgeLabel } from './badge';
import { commandSheet } from './commandSheet';
import { packingSlip } from './packingSlip';
import { pickListSheet } from './pickListSheet';
import { shippingLabel } from './shippingLabel';
import { ssccLabel } from './ssccLabel';
import { testLabel } from './testLabel';

export { badgeLabel, commandSheet, packingSlip, pickListSheet, shippingLabel, ssccLabel, testLabel };

/** Layout of a request as the contract parsed it (defaults applied): no second validation. */
export function templateLayout(r: ParsedTemplateRequest): LayoutInput {
  switch (r.template) {
    case 'test':
      return testLabel(r.data);
    case 'shipping':
      return shippingLabel(r.data);
    case 'sscc': {
      if (!r.data.sscc) throw new Error('SSCC label needs an sscc (the service allocates one)');
      return ssccLabel({ ...r.data, sscc: r.data.sscc });
    }
    case 'packing-slip':
      return packingSlip(r.data);
    case 'pick-list':
      return pickListSheet(r.data);
    case 'command-sheet':
      return commandSheet(r.data);
    case 'badge':
      return badgeLabel(r.data);
  }
}

/** Layout of a request from code that did not go through the contract (packing, CLI): validated here, once. */
export function layoutFor(request: TemplateRequest): LayoutInput {
  return templateLayout(templateRequestSchema.parse(request));
}
