// Settings → Training (supervisor, demo station only): ring a call, take a remote offline and
// back, inject a fault, and see what is active. Everything goes through core's training.* calls
// to the built-in simulator; the station itself reacts through its real connectors.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REMOTES, TRAINING_FAULTS, type Remote, type TrainingFault, type TrainingStatus } from '../../../../src-preload/contract';
import { useApi, useToast } from '../../app/context';
import { useAction } from '../../app/useAction';
import { Field } from '../../components/Field';
import { reasonOf } from './useTraining';
import './training.css';

const PHONE = /^\+?[\d ()-]{3,24}$/;

export function TrainingPanel() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const toast = useToast();
  const [status, setStatus] = useState<TrainingStatus | null>(null);
  const [number, setNumber] = useState('+420 601 234 567');
  const [queue, setQueue] = useState('');
  const [numberError, setNumberError] = useState<string | null>(null);
  const [target, setTarget] = useState<Remote | 'any'>('any');

  // training.* answers reason codes in `details`: the toast says which, in the user's words.
  const act = useCallback(
    <T,>(call: () => Promise<T>, success?: (value: T) => string) =>
      run(call, {
        ...(success ? { success } : {}),
        onError: (e) => {
          const reason = reasonOf(e);
          if (!reason) return false;
          toast('error', t(`training.errors.${reason}`));
          return true;
        },
      }),
    [run, t, toast],
  );

  // The simulator's faults also change on their own (a count used up, a time run out): poll.
  useEffect(() => {
    let live = true;
    let told = false; // one toast, not one every poll
    const load = () =>
      api.call('training.status', {}).then(
        (s) => live && setStatus(s),
        (e: unknown) => {
          const reason = reasonOf(e);
          if (live && reason && !told) toast('error', t(`training.errors.${reason}`));
          told = true;
        },
      );
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, t, toast]);

  async function ring(e: FormEvent) {
    e.preventDefault();
    if (!PHONE.test(number.trim())) {
      setNumberError(t('training.call.numberInvalid'));
      return;
    }
    setNumberError(null);
    const q = queue.trim();
    await act(
      () => api.call('training.ringCall', { number: number.trim(), ...(q ? { queue: /^\d+$/.test(q) ? Number(q) : q } : {}) }),
      (c) => t('training.call.rung', { number: c.number }),
    );
  }

  const remoteName = (r: Remote) => t(`settings.connections.remotes.${r}`);
  async function setOffline(remote: Remote, offline: boolean) {
    const s = await act(
      () => api.call('training.setOffline', { remote, offline }),
      () => t(offline ? 'training.remotes.wentOffline' : 'training.remotes.cameBack', { name: remoteName(remote) }),
    );
    if (s) setStatus(s);
  }
  async function inject(fault: TrainingFault) {
    const s = await act(
      () => api.call('training.injectFault', { remote: target === 'any' ? null : target, fault }),
      () => t('training.faults.injected', { fault: t(`training.faults.kinds.${fault}`) }),
    );
    if (s) setStatus(s);
  }
  async function clear() {
    const s = await act(() => api.call('training.clearFaults', {}), () => t('training.faults.cleared'));
    if (s) setStatus(s);
  }

  const time = (ms: number) => new Date(ms).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const offline = new Set(status?.offline ?? []);

  return (
    <div data-testid="training-panel">
      <p className="muted">{t('training.intro')}</p>
      <div className="training-panel">
        <section className="card" aria-labelledby="training-call-title">
          <h3 id="training-call-title">{t('training.call.title')}</h3>
          <form onSubmit={ring} noValidate>
            <Field label={t('training.call.number')} testId="training-number" value={number} maxLength={24} onChange={(e) => setNumber(e.target.value)} error={numberError} />
            <Field label={t('training.call.queue')} testId="training-queue" value={queue} maxLength={40} onChange={(e) => setQueue(e.target.value)} error={null} />
            <button type="submit" className="btn btn-primary btn-wide" data-testid="training-ring" disabled={busy}>
              {t('training.call.ring')}
            </button>
          </form>
        </section>

        <section className="card" aria-labelledby="training-faults-title">
          <h3 id="training-faults-title">{t('training.faults.title')}</h3>
          <div className="field">
            <label htmlFor="training-target">{t('training.faults.target')}</label>
            <select id="training-target" data-testid="training-target" value={target} onChange={(e) => setTarget(e.target.value as Remote | 'any')}>
              <option value="any">{t('training.faults.any')}</option>
              {REMOTES.map((r) => (
                <option key={r} value={r}>
                  {remoteName(r)}
                </option>
              ))}
            </select>
          </div>
          <div className="training-faults">
            {TRAINING_FAULTS.map((f) => (
              <button key={f} type="button" className="btn" data-testid={`training-fault-${f}`} disabled={busy} onClick={() => void inject(f)}>
                {t(`training.faults.kinds.${f}`)}
              </button>
            ))}
          </div>
          <h4>{t('training.faults.active')}</h4>
          {status && status.faults.length > 0 ? (
            <ul className="training-active" data-testid="training-active">
              {status.faults.map((f) => (
                <li key={f.id} data-testid="training-active-fault">
                  {f.remote ? remoteName(f.remote) : t('training.faults.any')}: {f.kind}
                  {f.status ? ` ${f.status}` : ''} —{' '}
                  {f.remaining !== null ? t('training.faults.remaining', { count: f.remaining }) : f.expiresAt !== null ? t('training.faults.until', { time: time(f.expiresAt) }) : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted" data-testid="training-no-faults">
              {t('training.faults.none')}
            </p>
          )}
          <button type="button" className="btn btn-wide" data-testid="training-clear" disabled={busy} onClick={() => void clear()}>
            {t('training.faults.clear')}
          </button>
        </section>
        <section className="card training-remotes-card" aria-labelledby="training-remotes-title">
          <h3 id="training-remotes-title">{t('training.remotes.title')}</h3>
          <p className="muted">{t('training.remotes.hint')}</p>
          <ul className="training-remotes">
            {REMOTES.map((r) => {
              const down = offline.has(r);
              return (
                <li key={r} data-testid={`training-remote-${r}`} data-offline={down}>
                  <span className="training-remote-name">{remoteName(r)}</span>
                  <span className={`chip ${down ? 'chip-danger' : 'chip-ok'}`}>{t(down ? 'training.remotes.offline' : 'training.remotes.reachable')}</span>
                  <button
                    type="button"
                    className={`btn ${down ? 'btn-primary' : 'btn-danger-outline'}`}
                    data-testid={`training-toggle-${r}`}
                    disabled={busy || !status}
                    onClick={() => void setOffline(r, !down)}
                  >
                    {t(down ? 'training.remotes.bringBack' : 'training.remotes.takeOffline')}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>

      </div>
    </div>
  );
}
