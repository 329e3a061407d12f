// A printer's state at a glance: colour and word (never colour alone), with the printer's own
// reasons underneath when it is not ready.
import { useTranslation } from 'react-i18next';
import { chipTone, reasonsText } from './reasons';
import type { StatusEntry } from './usePrinters';

export function StatusChip({ entry }: { entry: StatusEntry | undefined }) {
  const { t } = useTranslation();
  const state = entry?.state ?? 'checking';
  return (
    <span className={`chip chip-${chipTone(state)}`} data-testid="printer-status" data-state={state}>
      <span className="status-dot" aria-hidden="true" />
      {t(`printing.status.${state}`)}
    </span>
  );
}

/** The reasons behind a not-ready state, translated where known. */
export function StatusReasons({ entry }: { entry: StatusEntry | undefined }) {
  const { t } = useTranslation();
  if (!entry || entry.state === 'ready' || entry.state === 'checking') return null;
  const text = entry.error ?? reasonsText(t, entry.status?.reasons ?? []);
  if (!text) return null;
  return (
    <p className={`printer-reasons printer-reasons-${chipTone(entry.state)}`} data-testid="printer-reasons" title={entry.status?.detail}>
      {text}
    </p>
  );
}
