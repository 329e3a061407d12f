// What the connectors' push handlers share.
import type { PushAttempt } from '../../sync/push';
import type { ConnectorDeps } from '../../sync/types';

/**
 * Whether a create must look for itself before sending: the engine's mayHaveApplied, or any
 * earlier attempt at all — a malformed reply (bad_response) comes from a request the remote DID apply.
 */
export const mayHaveCreated = (a: PushAttempt): boolean => a.mayHaveApplied || a.attempt > 1;

/**
 * The remote's client for a handler. Not configured: a plain Error, not a RemoteError, so the op
 * waits and is retried until the connection is configured (never dead, never dropped).
 */
export async function configuredClient<C>(deps: Pick<ConnectorDeps<C>, 'client'>, name: string): Promise<C> {
  const c = await deps.client();
  if (!c) throw new Error(`${name} is not configured`);
  return c;
}
