// The last print jobs, updating live: when, what, where, how it ended (with the printer's reason)
// and how many tries it took. Any job can be printed again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterInfo, PrintJobInfo } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { useAction } from '../../app/useAction';
import { formatTime } from '../../i18n';
import { reasonText } from './reasons';

const TONE = { done: 'ok', sent: 'ok', queued: 'warn', failed: 'danger' } as const;

function when(at: number, language: string, now: number): string {
  const time = formatTime(at, language);
  if (new Date(at).toDateString() === new Date(now).toDateString()) return time;
  const date = new Date(at).toLocaleDateString(language === 'cs' ? 'cs-CZ' : 'en-GB', { day: 'numeric', month: 'numeric' });
  return `${date} ${time}`;
}

export interface JobHistoryProps {
  jobs: PrintJobInfo[] | null;
  error: string | null;
  printers: PrinterInfo[];
  onJob(job: PrintJobInfo): void;
}

export function JobHistory({ jobs, error, printers, onJob }: JobHistoryProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { run } = useAction();
  const [busy, setBusy] = useState<string | null>(null);
  const [now] = useState(() => Date.now());

  async function reprint(job: PrintJobInfo) {
    setBusy(job.id);
    const copy = await run(() => api.call('printing.reprint', { id: job.id }), {
      successSound: true,
      success: (c) => t('printing.reprintQueued', { title: c.title }),
    });
    if (copy) onJob(copy);
    setBusy(null);
  }

  const printerName = (id: string | null) => (id ? (printers.find((p) => p.id === id)?.name ?? t('settings.printers.removedPrinter')) : '—');
  return (
    <section className="card job-history" aria-labelledby="job-history-title">
      <h2 id="job-history-title">{t('settings.printers.historyTitle')}</h2>
      {error ? <p className="form-error">{error}</p> : null}
      {jobs && jobs.length === 0 ? <p className="empty">{t('settings.printers.historyEmpty')}</p> : null}
      {jobs && jobs.length > 0 ? (
        <table className="table job-table" data-testid="job-list">
          <thead>
            <tr>
              <th scope="col">{t('settings.printers.jobTime')}</th>
              <th scope="col">{t('settings.printers.jobTitle')}</th>
              <th scope="col">{t('settings.printers.jobPrinter')}</th>
              <th scope="col">{t('settings.printers.jobStatus')}</th>
              <th scope="col" className="num">
                {t('settings.printers.jobAttempts')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.printers.jobActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id} data-testid="job-row" data-job-id={job.id} data-status={job.status}>
                <td className="scan-time">{when(job.createdAt, i18n.language, now)}</td>
                <td>
                  <span className="job-title">{job.title}</span>
                  <span className="muted job-kind">
                    {' '}
                    · {job.format.toUpperCase()}
                    {job.reprintOf ? ` · ${t('settings.printers.reprintOf')}` : ''}
                  </span>
                </td>
                <td>{printerName(job.printerId)}</td>
                <td>
                  <span className={`chip chip-${TONE[job.status]}`} data-testid="job-status">
                    {t(`printing.jobStatus.${job.status}`)}
                  </span>
                  {job.errorCode && job.status !== 'done' ? (
                    <span className="job-error" data-testid="job-error" title={job.errorDetail ?? undefined}>
                      {reasonText(t, job.errorCode)}
                    </span>
                  ) : null}
                </td>
                <td className="num">{job.attempts}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    data-testid="job-reprint"
                    disabled={busy === job.id}
                    aria-label={t('settings.printers.reprintJob', { title: job.title })}
                    onClick={() => void reprint(job)}
                  >
                    {t('settings.printers.reprint')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
