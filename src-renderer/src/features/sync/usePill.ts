// The header's connection word, from system.status (interface up, configured/connected counts),
// the transport, and the live per-remote list (which names the remote at fault).
import { useStatus } from '../../app/context';
import { useSync } from './useRemotes';
import { headerPill, type HeaderPill } from './view';

export function usePill(): HeaderPill {
  const transportUp = useStatus((s) => s.connected);
  const online = useStatus((s) => s.status?.online ?? false);
  const counts = useStatus((s) => s.status?.remotes);
  const remotes = useSync((s) => s.remotes);
  return headerPill({ transportUp, online, counts, remotes });
}
