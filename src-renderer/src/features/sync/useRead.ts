// A list the Sync screen reads from core and reads again when told (the live events carry counts,
// not lists): one read at a time, and a reload asked for during a read runs once more after it, so
// the last change is never missed. `read` should be stable (useCallback).
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';

export function useRead<T>(read: () => Promise<T>): { data: T | null; error: string | null; reload: () => Promise<void> } {
  const { t } = useTranslation();
  const [data, setData] = useState<T | null>(null);
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
          const next = await read();
          setData(() => next);
          setError(null);
        } catch (e) {
          setError(errorText(t, e));
        }
      } while (again.current);
    } finally {
      loading.current = false;
    }
  }, [read, t]);

  return { data, error, reload };
}
