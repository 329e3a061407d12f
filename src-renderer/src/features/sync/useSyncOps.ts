// The outbox as the Sync screen shows it: per-remote counts and the refused (dead) operations, reloaded on
// every sync.changed (the event carries only counts; the list is re-read, at most once at a time).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncOps } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { errorText } from '../../app/errors';

export function useSyncOps() {
  const api = useApi();
  const { t } = useTranslation();
  const [data, setData] = useState<SyncOps | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(false);
  const again = useRef(false);

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
          setData(await api.call('sync.ops', { status: 'dead', limit: 200 }));
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
    const off = api.on('sync.changed', () => void reload());
    void reload();
    return off;
  }, [api, reload]);

  return { data, error, reload };
}
