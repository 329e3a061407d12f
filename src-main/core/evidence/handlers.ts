// evidence.*: one call each into the service (roles are checked by the dispatcher).
import type { HandlersFor } from '../rpc/dispatcher';
import type { EvidenceService } from './service';

export function evidenceHandlers(evidence: EvidenceService): HandlersFor<'evidence'> {
  return {
    'evidence.add': (input, ctx) => evidence.add(input, ctx.user?.id ?? null),
    'evidence.list': (input) => ({ photos: evidence.list(input.parcelId) }),
    'evidence.get': (input) => evidence.get(input.id),
  };
}
