// Sign-in and fast user switch: the PIN alone says who you are. Digits can be typed on the
// keyboard (wherever focus is) or tapped on the pad; Enter signs in.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { pinSchema } from '../../../../src-preload/contract';
import { RpcError } from '../../api/client';
import { useApi, useServices, useSound } from '../../app/context';
import { useAction } from '../../app/useAction';
import { PinPad } from '../../components/PinPad';
import { DemoBadge } from '../training/DemoBadge';
import { useSession } from './useStation';

const MAX_PIN = 8;

/**
 * What a refused sign-in says, from core's answer alone: a lockout carries the seconds to wait
 * (details.retryAfterSeconds), a wrong PIN is UNAUTHORIZED; anything else is the code's own text.
 */
export function signInErrorText(t: TFunction, e: unknown, fallback: string): string {
  if (!(e instanceof RpcError)) return fallback;
  const retryAfter = (e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof retryAfter === 'number' && retryAfter > 0) return t('signin.locked', { seconds: Math.ceil(retryAfter) });
  if (e.code === 'UNAUTHORIZED' || e.code === 'NOT_FOUND') return t('signin.wrongPin');
  return fallback;
}

export function SignInScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const { stores } = useServices();
  const play = useSound();
  const stationName = useSession((s) => s.station?.name ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { run, busy } = useAction();
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = useCallback(
    async (value: string) => {
      if (busy) return;
      if (!pinSchema.safeParse(value).success) {
        setError(t('signin.pinInvalid'));
        play('error');
        return;
      }
      const station = await run(() => api.call('station.signIn', { pin: value }), {
        successSound: true,
        onError: (e, text) => {
          setError(signInErrorText(t, e, text));
          setPin('');
          inputRef.current?.focus();
          return true;
        },
      });
      if (station) stores.session.getState().setStation(station);
    },
    [api, busy, play, run, stores, t],
  );

  const append = useCallback((d: string) => {
    setError(null);
    setPin((p) => (p.length < MAX_PIN ? p + d : p));
  }, []);

  // Digits typed while focus is elsewhere (after tapping the pad) still go into the PIN.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
      if (document.activeElement === inputRef.current) return;
      if (/^\d$/.test(e.key)) {
        e.preventDefault();
        append(e.key);
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        setPin((p) => p.slice(0, -1));
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [append]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void submit(pin);
  }

  return (
    <main className="centered-screen" data-testid="screen-signin">
      <form className="card signin-card" onSubmit={onSubmit} noValidate>
        <p className="muted signin-station">{t('signin.station', { name: stationName })}</p>
        <DemoBadge />
        <h1>{t('signin.title')}</h1>
        <label htmlFor="signin-pin" className="signin-prompt">
          {t('signin.prompt')}
        </label>
        <input
          id="signin-pin"
          ref={inputRef}
          className="input pin-input"
          data-testid="signin-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={MAX_PIN}
          value={pin}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'signin-error' : undefined}
          onChange={(e) => {
            setError(null);
            setPin(e.target.value.replace(/\D/g, '').slice(0, MAX_PIN));
          }}
        />
        {error ? (
          <p id="signin-error" className="form-error" data-testid="signin-error" role="alert">
            {error}
          </p>
        ) : null}
        <PinPad onDigit={append} onClear={() => setPin('')} onBack={() => setPin((p) => p.slice(0, -1))} />
        <button type="submit" className="btn btn-primary btn-wide" data-testid="signin-submit" disabled={busy}>
          {t('signin.submit')}
        </button>
      </form>
    </main>
  );
}
