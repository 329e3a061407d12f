// The answer to the last scan, in large type and colour, readable from a metre away.
import { useTranslation } from 'react-i18next';
import type { PackShipment } from '../../../../src-preload/contract';
import type { PackFeedback } from './usePacking';

export function Feedback({ feedback, shipment }: { feedback: PackFeedback | null; shipment: PackShipment | null }) {
  const { t } = useTranslation();
  if (!feedback) {
    return (
      <div className="pack-feedback pack-feedback-idle" data-testid="pack-feedback" data-code="" role="status" aria-live="polite">
        {shipment ? (shipment.complete ? t('packing.complete') : t('packing.progress', { verified: shipment.verifiedTotal, expected: shipment.expectedTotal })) : t('packing.prompt')}
      </div>
    );
  }
  const name = feedback.name ?? feedback.sku ?? feedback.raw;
  return (
    <div
      key={feedback.seq}
      className={`pack-feedback ${feedback.ok ? 'pack-feedback-ok' : 'pack-feedback-error'}`}
      data-testid="pack-feedback"
      data-ok={feedback.ok ? 'true' : 'false'}
      data-code={feedback.code}
      role={feedback.ok ? 'status' : 'alert'}
      aria-live="assertive"
    >
      <span className="pack-feedback-mark" aria-hidden="true">
        {feedback.ok ? '✓' : '✗'}
      </span>
      <span>{t(`packing.result.${feedback.code}`, { name, sku: feedback.sku ?? '', code: feedback.raw, order: feedback.name ?? '' })}</span>
    </div>
  );
}
