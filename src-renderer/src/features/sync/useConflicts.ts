// Open conflicts for the Sync screen: read when it opens and again whenever a remote's conflict
// count changes (the live sync.remotes event carries the counts, not the list), one read at a time.
import { useCallback, useEffect } from 'react';
import { useApi } from '../../app/context';
import { useRead } from './useRead';
import { useSync } from './useRemotes';

export function useConflicts() {
  const api = useApi();
  const read = useCallback(async () => (await api.call('sync.conflicts', { limit: 200 })).conflicts, [api]);
  const { data: conflicts, error, reload } = useRead(read);
  // A string, so the effect below runs only when a count really changed.
  const counts = useSync((s) => s.remotes?.map((r) => `${r.remote}:${r.conflicts}`).join(',') ?? '');

  useEffect(() => {
    void reload();
  }, [reload, counts]);

  return { conflicts, error, reload };
}
