// Turns any thrown error into a sentence for the user, in their language. Callers branch on
// RpcError.code; the remote's own message is English and technical, so it is not shown as is.
import type { TFunction } from 'i18next';
import { RpcError } from '../api/client';

export function errorText(t: TFunction, e: unknown): string {
  if (e instanceof RpcError) {
    if (e.code === 'INTERNAL') return t('errors.INTERNAL', { id: e.correlationId ?? '—' });
    return t(`errors.${e.code}`);
  }
  return t('errors.unknown');
}
