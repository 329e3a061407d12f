// A pull's progress: a filled bar with "done of total" when the remote gave a count, otherwise an
// indeterminate (moving) bar with what arrived so far. Text beside it, never colour alone.
import { useTranslation } from 'react-i18next';
import { formatCount, progressView } from './view';

export function ProgressBar({ progress, label }: { progress: { done: number; total?: number } | null; label: string }) {
  const { t, i18n } = useTranslation();
  const view = progressView(progress ?? { done: 0 });
  if (!view) return null;
  const done = formatCount(view.done, i18n.language);
  const text = view.indeterminate ? t('sync.progressSoFar', { done }) : t('sync.progress', { done, total: formatCount(view.total ?? 0, i18n.language) });
  return (
    <div className="progress" data-testid="sync-progress" data-indeterminate={view.indeterminate} data-done={view.done} data-total={view.total ?? ''}>
      <div
        className={`progress-track${view.indeterminate ? ' progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        {...(view.indeterminate ? { 'aria-valuetext': text } : { 'aria-valuemax': view.total, 'aria-valuenow': view.done, 'aria-valuetext': text })}
      >
        <div className="progress-fill" style={view.indeterminate ? undefined : { width: `${view.percent}%` }} />
      </div>
      <span className="progress-text" data-testid="sync-progress-text">
        {text}
      </span>
    </div>
  );
}
