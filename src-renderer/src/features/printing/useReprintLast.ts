// "Reprint last label" from anywhere in the app (Ctrl+Shift+P): asks main for this station's last
// job and prints it again. A held-down key or a second press while the first is on its way does
// not queue a second copy.
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useSound, useToast } from '../../app/context';
import { errorText } from '../../app/errors';

export function useReprintLast(): () => Promise<void> {
  const api = useApi();
  const toast = useToast();
  const play = useSound();
  const { t } = useTranslation();
  const busy = useRef(false);
  return useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const last = await api.call('printing.lastJob', {});
      if (!last) {
        play('error');
        toast('info', t('printing.nothingToReprint'));
        return;
      }
      const job = await api.call('printing.reprint', { id: last.id });
      play('success');
      toast('success', t('printing.reprintQueued', { title: job.title }));
    } catch (e) {
      play('error');
      toast('error', errorText(t, e));
    } finally {
      busy.current = false;
    }
  }, [api, toast, play, t]);
}
