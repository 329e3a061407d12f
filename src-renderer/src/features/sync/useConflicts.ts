// Open conflicts for the Sync screen: read when it opens and again whenever a remote's conflict
// count changes (the live sync.remotes event carries the counts, not the list), one read at a time.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { errorText } from '../../app/errors';
import { useSync } from './useRemotes';

export function useConflicts() {
  const api = useApi();
  const { t } = useTranslation();
  const [conflicts, setConflicts] = useState<SyncConflict[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(false);
  const again = useRef(false);
  // A string, so the effect below runs only when a count really changed.
  const counts = useSync((s) => s.remotes?.map((r) => `${r.remote}:${r.conflicts}`).join(',') ?? '');

  const reload = useCallback(async () => {
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = true;
    try {
      do {
        again.current = false;
        try {
          setConflicts((await api.call('sync.conflicts', { limit: 200 })).conflicts);
          setError(null);
        } catch (e) {
          setError(errorText(t, e));
        }
      } while (again.current);
    } finally {
      loading.current = false;
    }
  }, [api, t]);

  useEffect(() => {
    void reload();
  }, [reload, counts]);

  return { conflicts, error, reload };
}
