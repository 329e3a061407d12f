// One printer: what and where it is, its live status, and what can be done with it. Anyone can
// check it and print a test label; a supervisor can also edit and remove it (after a confirm).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterInfo, PrintJobInfo } from '../../../../src-preload/contract';
import { useApi, useSound, useToast } from '../../app/context';
import { useAction } from '../../app/useAction';
import { isGoodOutcome, jobOutcome } from './jobs';
import { reasonText } from './reasons';
import { printerAddress, printerSettingsLine } from './printerFacts';
import { StatusChip, StatusReasons } from './StatusChip';
import type { Roles, StatusEntry } from './usePrinters';

/** The folder spool every station falls back to; main refuses to remove it. */
export const SPOOL_ID = 'spool';

export interface PrinterCardProps {
  printer: PrinterInfo;
  status: StatusEntry | undefined;
  roles: Roles;
  supervisor: boolean;
  onCheck(): void;
  onEdit(): void;
  onRemoved(): void;
  onJob(job: PrintJobInfo): void;
}

export function PrinterCard({ printer, status, roles, supervisor, onCheck, onEdit, onRemoved, onJob }: PrinterCardProps) {
  const { t } = useTranslation();
  const api = useApi();
  const toast = useToast();
  const play = useSound();
  const test = useAction();
  const removal = useAction();
  const testing = test.busy;
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const headingId = `printer-${printer.id}-name`;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function testPrint() {
    const job = await test.run(() => api.call('printing.testPrinter', { id: printer.id }));
    try {
      if (!job) return;
      onJob(job);
      const outcome = jobOutcome(job);
      const reason = job.errorCode ? reasonText(t, job.errorCode) : t('printing.noReason');
      play(isGoodOutcome(outcome) ? 'success' : 'error');
      toast(isGoodOutcome(outcome) ? 'success' : 'error', t(`settings.printers.test.${outcome}`, { printer: printer.name, reason }));
    } finally {
      onCheck(); // the test may have just found the printer paused or gone
    }
  }

  async function remove() {
    const r = await removal.run(() => api.call('printing.removePrinter', { id: printer.id }), {
      success: (res) =>
        res.failedJobs > 0 ? t('settings.printers.removedWithJobs', { name: printer.name, jobs: res.failedJobs }) : t('settings.printers.removed', { name: printer.name }),
      errors: { CONFLICT: t('settings.printers.cannotRemove') },
    });
    if (r) onRemoved();
    else setConfirming(false);
  }

  function cancelRemove() {
    setConfirming(false);
    // Put the keyboard back where it was.
    requestAnimationFrame(() => removeRef.current?.focus());
  }

  const roleBadges = (['label', 'slip'] as const).filter((r) => roles[r] === printer.id);
  const editable = supervisor;
  const removable = supervisor && printer.id !== SPOOL_ID;

  return (
    <article className="card printer-card" data-testid="printer-card" data-printer-id={printer.id} aria-labelledby={headingId}>
      <div className="printer-card-head">
        <h3 id={headingId} className="printer-name">
          {printer.name}
        </h3>
        <StatusChip entry={status} />
      </div>
      <p className="printer-meta">
        <span className="printer-kind">{t(`settings.printers.kinds.${printer.kind}`)}</span>{' '}
        <code className="wrap-anywhere" data-testid="printer-address">
          {printerAddress(printer) || t('settings.printers.systemDefault')}
        </code>
        <span className="muted printer-settings"> · {printerSettingsLine(printer)}</span>
        {roleBadges.map((r) => (
          <span key={r} className="badge badge-info printer-role" data-testid={`printer-role-${r}`}>
            {t(`settings.printers.roleBadge.${r}`)}
          </span>
        ))}
      </p>
      <StatusReasons entry={status} />
      {confirming ? (
        <div className="confirm" role="group" aria-label={t('settings.printers.removeConfirm', { name: printer.name })} onKeyDown={(e) => e.key === 'Escape' && cancelRemove()}>
          <p className="confirm-text">{t('settings.printers.removeConfirm', { name: printer.name })}</p>
          <div className="button-row">
            <button ref={confirmRef} type="button" className="btn btn-danger" data-testid="printer-remove-confirm" disabled={removal.busy} onClick={() => void remove()}>
              {t('settings.printers.removeYes')}
            </button>
            <button type="button" className="btn" data-testid="printer-remove-cancel" onClick={cancelRemove}>
              {t('settings.printers.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button type="button" className="btn" data-testid="printer-test" disabled={testing} onClick={() => void testPrint()}>
            {testing ? t('settings.printers.testing') : t('settings.printers.testPrint')}
          </button>
          <button type="button" className="btn" data-testid="printer-check" disabled={status?.state === 'checking'} onClick={onCheck}>
            {t('settings.printers.check')}
          </button>
          {editable ? (
            <button type="button" className="btn" data-testid="printer-edit" onClick={onEdit}>
              {t('settings.printers.edit')}
            </button>
          ) : null}
          {removable ? (
            <button ref={removeRef} type="button" className="btn btn-danger-outline" data-testid="printer-remove" onClick={() => setConfirming(true)}>
              {t('settings.printers.remove')}
            </button>
          ) : null}
        </div>
      )}
    </article>
  );
}
