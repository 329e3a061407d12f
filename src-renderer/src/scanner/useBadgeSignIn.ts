// Badge sign-in: a scanned `BADGE:…` code signs its owner in like their PIN, on the sign-in screen
// or over another user (switch user). A wrong or revoked badge leaves whoever is signed in as is.
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { RpcError } from '../api/client';
import { useApi, useServices, useSound, useToast } from '../app/context';
import { errorText } from '../app/errors';

export function useBadgeSignIn(): (badge: string) => Promise<void> {
  const api = useApi();
  const { stores } = useServices();
  const play = useSound();
  const toast = useToast();
  const { t } = useTranslation();
  const busy = useRef(false);
  return useCallback(
    async (badge: string) => {
      // A double scan of the same badge must not send two sign-ins.
      if (busy.current) return;
      busy.current = true;
      try {
        const station = await api.call('station.signIn', { badge });
        play('success');
        stores.session.getState().setStation(station);
      } catch (e) {
        const code = e instanceof RpcError ? e.code : null;
        const retryAfter = e instanceof RpcError ? (e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds : undefined;
        play('error');
        toast(
          'error',
          typeof retryAfter === 'number'
            ? t('signin.locked', { seconds: retryAfter })
            : code === 'UNAUTHORIZED' || code === 'NOT_FOUND' || code === 'VALIDATION'
              ? t('scanner.badgeUnknown')
              : errorText(t, e),
        );
      } finally {
        busy.current = false;
      }
    },
    [api, stores, play, toast, t],
  );
}
