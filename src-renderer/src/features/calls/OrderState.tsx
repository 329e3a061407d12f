// How far the bench got with an order, in words and colour: its pack state, parcels with their
// weight, and whether a label was printed.
import { useTranslation } from 'react-i18next';
import type { CardOrder, PackState } from '../../../../src-preload/contract';

const TONE: Record<PackState, string> = {
  none: 'chip-neutral',
  picking: 'chip-warn',
  packing: 'chip-warn',
  packed: 'chip-ok',
  labelled: 'chip-ok',
  shipped: 'chip-ok',
};

export function formatKg(grams: number, language: string): string {
  return `${(grams / 1000).toLocaleString(language === 'cs' ? 'cs-CZ' : 'en-GB', { maximumFractionDigits: 2 })} kg`;
}

export function OrderStateChips({ pack }: { pack: NonNullable<CardOrder['pack']> }) {
  const { t, i18n } = useTranslation();
  const weight = pack.parcels.reduce((sum, p) => sum + (p.weightGrams ?? 0), 0);
  const labelled = pack.parcels.filter((p) => p.labelPrinted).length;
  return (
    <span className="order-state" data-testid="order-pack-state" data-state={pack.state}>
      <span className={`chip ${TONE[pack.state]}`}>{t(`calls.pack.${pack.state}`)}</span>
      {pack.scans > 0 ? <span className="chip chip-neutral">{t('calls.pack.scans', { count: pack.scans })}</span> : null}
      {pack.parcels.length > 0 ? <span className="chip chip-neutral">{t('calls.pack.parcels', { count: pack.parcels.length })}</span> : null}
      {weight > 0 ? <span className="chip chip-neutral">{formatKg(weight, i18n.language)}</span> : null}
      {/* The state chip of a labelled order already says "Label printed". */}
      {labelled > 0 && pack.state !== 'labelled' ? <span className="chip chip-ok">{t('calls.pack.labelPrinted')}</span> : null}
    </span>
  );
}
