// A supervisor lets an unverified shipment's labels print: a reason, and their PIN typed or their
// badge scanned (the badge is claimed here, so it does not sign them in). Core logs it.
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackShipment } from '../../../../src-preload/contract';
import { errorDetails } from '../../api/client';
import { useApi, useServices, useSound } from '../../app/context';
import { PinField } from '../../components/PinField';
import { Field } from '../../components/Field';

export function OverrideDialog({ shipment, onDone, onCancel }: { shipment: PackShipment; onDone(s: PackShipment): void; onCancel(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const play = useSound();
  const { stores } = useServices();
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A badge scan calls `send` from a handler installed once: it reads the latest reason from here.
  const reasonNow = useRef(reason);
  useLayoutEffect(() => {
    reasonNow.current = reason;
  }, [reason]);

  useEffect(() => document.querySelector<HTMLInputElement>('[data-testid="pack-override-reason"]')?.focus(), []);

  const send = async (cred: { pin: string } | { badge: string }) => {
    if (reasonNow.current.trim().length < 3) {
      play('error');
      setError(t('packing.override.reasonRequired'));
      return;
    }
    setBusy(true);
    try {
      onDone(await api.call('packing.override', { shipmentId: shipment.id, reason: reasonNow.current.trim(), ...cred }));
    } catch (e) {
      play('error');
      const why = errorDetails(e, 'packing.override', 'FORBIDDEN')?.reason ?? ('pin' in cred ? 'wrong_pin' : 'wrong_badge');
      setError(t(`packing.override.failures.${why}`));
      setPin('');
    } finally {
      setBusy(false);
    }
  };
  const sendRef = useRef(send);
  useLayoutEffect(() => {
    sendRef.current = send;
  });

  // While open, a scanned badge is the supervisor's credential here.
  useEffect(() => stores.scanBus.claimBadge((badge) => void sendRef.current({ badge })), [stores]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (pin.length >= 6) void send({ pin });
    else {
      play('error');
      setError(t('packing.override.failures.wrong_pin'));
    }
  };

  return (
    <div className="overlay" onClick={onCancel}>
      <form
        className="card pack-override"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pack-override-title"
        data-testid="pack-override"
        onClick={(e) => e.stopPropagation()}
        onSubmit={submit}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      >
        <h2 id="pack-override-title">{t('packing.override.title')}</h2>
        <p>{t('packing.override.help')}</p>
        <Field label={t('packing.override.reason')} testId="pack-override-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} />
        <PinField label={t('packing.override.pin')} testId="pack-override-pin" value={pin} onPin={setPin} />
        {error ? (
          <p className="form-error" role="alert" data-testid="pack-override-error">
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="btn btn-primary" data-testid="pack-override-submit" disabled={busy}>
            {t('packing.override.submit')}
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            {t('packing.override.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
