// "Reprint last label" from anywhere in the app (Ctrl+Shift+P): asks main for this station's last
// job and prints it again. A held-down key or a second press while the first is on its way does
// not queue a second copy.
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useSound, useToast } from '../../app/context';
import { useAction } from '../../app/useAction';

export function useReprintLast(): () => Promise<void> {
  const api = useApi();
  const toast = useToast();
  const play = useSound();
  const { t } = useTranslation();
  const { run } = useAction();
  // A ref, not state: a second key press in the same tick must already see it.
  const busy = useRef(false);
  return useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const last = await run(() => api.call('printing.lastJob', {}));
      if (last === null) {
        play('error');
        toast('info', t('printing.nothingToReprint'));
        return;
      }
      if (!last) return;
      await run(() => api.call('printing.reprint', { id: last.id }), {
        successSound: true,
        success: (job) => t('printing.reprintQueued', { title: job.title }),
      });
    } finally {
      busy.current = false;
    }
  }, [api, run, toast, play, t]);
}
