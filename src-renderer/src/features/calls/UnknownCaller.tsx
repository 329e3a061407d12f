// Nobody holds the caller's number: say so, and offer a new contact with this number — only when
// the agent asks for it (a new contact is never made on its own, so no junk contacts).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../../../../src-preload/contract';
import { useApi, useServices } from '../../app/context';
import { useAction } from '../../app/useAction';
import { useCalls } from './useCalls';

export function UnknownCaller({ call }: { call: CallSummary }) {
  const { t } = useTranslation();
  const { stores } = useServices();
  const createFor = useCalls((s) => s.createFor);
  const [opened, setOpen] = useState(false);
  // The incoming card's "Create contact" opens the form too.
  const open = opened || createFor === call.id;

  return (
    <section className="card unknown-caller" aria-labelledby="unknown-title" data-testid="unknown-caller">
      <h2 id="unknown-title" className="caller-name">
        {t('calls.unknown.title')}
      </h2>
      <p className="phone-number">{call.number}</p>
      <p className="muted">{t('calls.unknown.hint')}</p>
      {open ? (
        <CreateContactForm
          call={call}
          onClose={() => {
            setOpen(false);
            stores.calls.getState().clearCreate();
          }}
        />
      ) : (
        <button type="button" className="btn btn-primary" data-testid="unknown-create" onClick={() => setOpen(true)}>
          {t('calls.unknown.create')}
        </button>
      )}
    </section>
  );
}

function CreateContactForm({ call, onClose }: { call: CallSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const ids = useId();
  const first = useRef<HTMLInputElement>(null);
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!lastName.trim()) return setError(t('calls.unknown.needLastName'));
    const done = await run(
      () =>
        api.call('calls.createContact', {
          callId: call.id,
          lastName: lastName.trim(),
          ...(firstName.trim() ? { firstName: firstName.trim() } : {}),
          ...(email.trim() ? { email: email.trim() } : {}),
        }),
      {
        successSound: true,
        success: () => t('calls.unknown.created'),
        onError: (_e, text) => {
          setError(text);
          return true;
        },
      },
    );
    if (done) onClose();
  }

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="create-contact" aria-label={t('calls.unknown.formLabel')}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${ids}-f`}>{t('calls.unknown.firstName')}</label>
          <input ref={first} id={`${ids}-f`} className="input" data-testid="create-contact-first" value={firstName} maxLength={80} onChange={(e) => setFirstName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-l`}>{t('calls.unknown.lastName')}</label>
          <input id={`${ids}-l`} className="input" data-testid="create-contact-last" value={lastName} maxLength={80} required onChange={(e) => setLastName(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-e`}>{t('calls.unknown.email')}</label>
        <input id={`${ids}-e`} type="email" className="input" value={email} maxLength={200} onChange={(e) => setEmail(e.target.value)} />
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary" data-testid="create-contact-submit" disabled={busy}>
          {t('calls.unknown.save')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('calls.unknown.cancel')}
        </button>
      </div>
    </form>
  );
}
