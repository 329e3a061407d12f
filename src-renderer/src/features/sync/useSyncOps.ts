// The outbox as the Sync screen shows it: per-remote counts and the refused (dead) operations, reloaded on
// every sync.changed (the event carries only counts; the list is re-read, at most once at a time).
import { useCallback, useEffect } from 'react';
import { useApi } from '../../app/context';
import { useRead } from './useRead';

export function useSyncOps() {
  const api = useApi();
  const read = useCallback(() => api.call('sync.ops', { status: 'dead', limit: 200 }), [api]);
  const { data, error, reload } = useRead(read);

  useEffect(() => {
    const off = api.on('sync.changed', () => void reload());
    void reload();
    return off;
  }, [api, reload]);

  return { data, error, reload };
}
