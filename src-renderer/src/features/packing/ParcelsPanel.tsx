// The shipment's parcels: box, items, weight, label; the current one takes scanned items. The
// weight of the current parcel — or of another open one chosen with its "Weigh" button — is typed
// here (grams, Enter) or comes from the scale slot.
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackParcel, PackShipment } from '../../../../src-preload/contract';
import { packSlots } from './packSlots';

export interface ParcelsPanelProps {
  shipment: PackShipment;
  weightRef: RefObject<HTMLInputElement | null>;
  onWeight(grams: number, source: 'typed' | 'scale', parcelId: string): void;
  onMove(lineId: string, fromParcelId: string, toParcelId: string): void;
}

function LabelState({ p }: { p: PackParcel }) {
  const { t } = useTranslation();
  if (p.status === 'open') return null;
  // own label claimed but no job: the printer was missing (or the app stopped) at the close
  if (!p.labelJobId && p.labelSource === 'own') {
    return (
      <div className="pack-parcel-label pack-parcel-label-missing" data-testid="pack-label-missing">
        {t('packing.parcels.labelMissing')}
      </div>
    );
  }
  const text = p.labelJobId ? (p.labelSource === 'carrier' ? t('packing.parcels.labelCarrier') : t('packing.parcels.labelOwn')) : t('packing.parcels.labelWaiting');
  return <div className="pack-parcel-label">{text}</div>;
}

export function ParcelsPanel({ shipment, weightRef, onWeight, onMove }: ParcelsPanelProps) {
  const { t } = useTranslation();
  const current = shipment.parcels.find((p) => p.id === shipment.currentParcelId) ?? null;
  // the parcel the weight goes to: one chosen with its button while it stays open, else the current one
  const [chosen, setChosen] = useState<{ id: string; current: string | null } | null>(null);
  const picked = chosen && chosen.current === shipment.currentParcelId ? shipment.parcels.find((p) => p.id === chosen.id && p.status === 'open') : undefined;
  const weighed = picked ?? current;
  const [grams, setGrams] = useState('');
  const lastParcel = useRef<string | null>(null);
  useEffect(() => {
    // another parcel to weigh starts with its own weight (or an empty field)
    if (weighed?.id !== lastParcel.current) setGrams(weighed?.weightGrams ? String(weighed.weightGrams) : '');
    lastParcel.current = weighed?.id ?? null;
  }, [weighed?.id, weighed?.weightGrams]);
  const { ScaleReading, PhotoButton } = packSlots;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(grams);
    if (!weighed || grams.trim() === '' || !Number.isInteger(n) || n < 0) return;
    onWeight(n, 'typed', weighed.id);
  };

  return (
    <section className="pack-parcels" aria-labelledby="pack-parcels-title">
      <h2 id="pack-parcels-title">{t('packing.parcels.title')}</h2>
      {shipment.parcels.length === 0 ? <p className="muted">{t('packing.parcels.none')}</p> : null}
      <ol className="pack-parcel-list">
        {shipment.parcels.map((p) => (
          <li
            key={p.id}
            className={`card pack-parcel${p.id === shipment.currentParcelId ? ' pack-parcel-current' : ''} pack-parcel-${p.status}`}
            data-testid="pack-parcel"
            data-status={p.status}
            data-current={p.id === shipment.currentParcelId ? 'true' : 'false'}
            data-weighed={p.id === weighed?.id ? 'true' : 'false'}
          >
            <div className="pack-parcel-head">
              <strong>{t('packing.parcels.parcel', { seq: p.seq })}</strong>
              <span className="muted">{p.boxType ? t('packing.parcels.box', { box: p.boxType }) : t('packing.parcels.noBox')}</span>
              {p.id === shipment.currentParcelId ? <span className="badge badge-info">{t('packing.parcels.current')}</span> : null}
              {p.status === 'closed' ? <span className="badge">{t('packing.parcels.closed')}</span> : null}
            </div>
            <div className="pack-parcel-facts">
              <span>{t('packing.parcels.units', { count: p.count })}</span>
              <span data-testid="pack-parcel-weight">{p.weightGrams ? t('packing.parcels.weight', { grams: p.weightGrams }) : t('packing.parcels.noWeight')}</span>
              {p.status === 'open' && p.id !== weighed?.id ? (
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="pack-weigh"
                  onClick={() => {
                    // the new current parcel (a later F6) takes the weight again
                    setChosen({ id: p.id, current: shipment.currentParcelId });
                    weightRef.current?.focus();
                  }}
                >
                  {t('packing.parcels.weigh')}
                </button>
              ) : null}
              {p.trackingNumber ? <span>{t('packing.parcels.tracking', { number: p.trackingNumber })}</span> : null}
            </div>
            {p.count === 0 && p.status === 'open' ? <p className="muted">{t('packing.parcels.empty')}</p> : null}
            <ul className="pack-parcel-units">
              {p.units.map((u) => (
                <li key={u.lineId}>
                  <span>
                    {u.quantity} × {u.name} <code>{u.sku}</code>
                  </span>
                  {p.status === 'open' && current && current.id !== p.id ? (
                    <button type="button" className="btn btn-small" data-testid="pack-move" onClick={() => onMove(u.lineId, p.id, current.id)}>
                      {t('packing.parcels.move')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
            <LabelState p={p} />
            {PhotoButton && p.status === 'open' ? <PhotoButton parcelId={p.id} shipmentId={shipment.id} /> : null}
          </li>
        ))}
      </ol>
      {weighed ? (
        <form className="pack-weight-form" onSubmit={submit}>
          <label htmlFor="pack-weight">{t('packing.weight.label', { seq: weighed.seq })}</label>
          <div className="field-row">
            <input
              id="pack-weight"
              ref={weightRef}
              className="input input-number pack-weight-input"
              data-testid="pack-weight"
              inputMode="numeric"
              autoComplete="off"
              value={grams}
              onChange={(e) => setGrams(e.target.value.replace(/\D/g, ''))}
            />
            <button type="submit" className="btn" data-testid="pack-weight-save">
              {t('packing.weight.save')}
            </button>
          </div>
          {ScaleReading ? <ScaleReading parcelId={weighed.id} onReading={(g) => onWeight(g, 'scale', weighed.id)} /> : null}
        </form>
      ) : null}
    </section>
  );
}
