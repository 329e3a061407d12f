// First run: name the station and create the first supervisor (who is then signed in), or, on a
// new data folder where the host can run the simulator, try it with sample data (DemoChoice).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { supervisorPinSchema } from '../../../../src-preload/contract';
import { useApi, useServices } from '../../app/context';
import { useAction } from '../../app/useAction';
import { Field } from '../../components/Field';
import { PinField } from '../../components/PinField';
import { DemoChoice } from '../training/DemoChoice';

interface Errors {
  stationName?: string;
  name?: string;
  pin?: string;
  pin2?: string;
  form?: string;
}

export function SetupScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const { stores } = useServices();
  const [stationName, setStationName] = useState('');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const { run, busy } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: Errors = {};
    if (!stationName.trim()) next.stationName = t('setup.nameRequired');
    if (!name.trim()) next.name = t('setup.nameRequired');
    if (!supervisorPinSchema.safeParse(pin).success) next.pin = t('setup.supervisorPinInvalid');
    else if (pin !== pin2) next.pin2 = t('setup.pinMismatch');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const station = await run(() => api.call('station.setup', { stationName: stationName.trim(), name: name.trim(), pin }), {
      onError: (_e, text) => {
        setErrors({ form: text });
        return true;
      },
    });
    if (station) stores.session.getState().setStation(station);
  }

  return (
    <main className="centered-screen setup-choices" data-testid="screen-setup">
      <DemoChoice />
      <form className="card setup-card" onSubmit={submit} noValidate>
        <h1>{t('setup.title')}</h1>
        <p className="muted">{t('setup.intro')}</p>
        <Field
          label={t('setup.stationName')}
          testId="setup-station-name"
          placeholder={t('setup.stationNamePlaceholder')}
          value={stationName}
          maxLength={60}
          autoFocus
          onChange={(e) => setStationName(e.target.value)}
          error={errors.stationName ?? null}
        />
        <Field
          label={t('setup.name')}
          testId="setup-name"
          value={name}
          maxLength={60}
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
          error={errors.name ?? null}
        />
        <div className="field-row">
          <PinField label={t('setup.pin')} testId="setup-pin" value={pin} onPin={setPin} error={errors.pin ?? null} />
          <PinField label={t('setup.pin2')} testId="setup-pin2" value={pin2} onPin={setPin2} error={errors.pin2 ?? null} />
        </div>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-wide" data-testid="setup-submit" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </main>
  );
}
