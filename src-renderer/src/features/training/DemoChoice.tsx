// First run, beside "set up a real station": "Try it with sample data" starts the built-in
// simulator, points all five connections at it and creates the demo users (signed out).
import { useTranslation } from 'react-i18next';
import { useApi, useServices } from '../../app/context';
import { useAction } from '../../app/useAction';
import { reasonOf, useTrainingState } from './useTraining';
import './training.css';

export function DemoChoice() {
  const { t } = useTranslation();
  const api = useApi();
  const { stores } = useServices();
  const { run, busy } = useAction();
  const state = useTrainingState();
  if (!state?.canStartDemo) return null;

  async function start() {
    const station = await run(() => api.call('training.startDemo', {}), {
      successSound: true,
      success: () => t('training.firstRun.started'),
      onError: (e) => {
        const reason = reasonOf(e);
        if (!reason) return false;
        stores.ui.getState().toast('error', t(`training.errors.${reason}`));
        return true;
      },
    });
    if (station) stores.session.getState().setStation(station);
  }

  return (
    <section className="card demo-choice" data-testid="demo-choice" aria-labelledby="demo-choice-title">
      <h2 id="demo-choice-title">{t('training.firstRun.title')}</h2>
      <p>{t('training.firstRun.intro')}</p>
      <p className="muted">{t('training.firstRun.pins')}</p>
      <button type="button" className="btn btn-primary btn-wide" data-testid="demo-start" disabled={busy} onClick={() => void start()}>
        {t('training.firstRun.start')}
      </button>
      <p className="demo-choice-or muted">{t('training.firstRun.or')}</p>
    </section>
  );
}
