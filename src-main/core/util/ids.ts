import { v7 as uuidv7 } from 'uuid';

/** Time-ordered ids (uuid v7): sortable by creation, safe as remote idempotency keys. */
export const newId = (): string => uuidv7();

/** Short ids users read aloud to support ("reference 7F3K-Q2LD"). */
export function newCorrelationId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}
