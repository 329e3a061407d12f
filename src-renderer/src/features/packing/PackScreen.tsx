// Pack: scan an order (or tote, or the slip's barcode), then every item into the current parcel;
// box barcodes open parcels; weigh; close (the label prints). Scanner and keyboard only: F6 new
// parcel, F7 weight, F8 close, F9 reprint, F10 supervisor override, F11 undo the last item (F6 is
// Pick's undo but Pack's new parcel; F11 was the one key free); CMD:NEWPARCEL, CMD:DONE,
// CMD:REPRINT, CMD:UNDO and CMD:CANCEL from the command sheet while this screen is shown.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnScan, useServices } from '../../app/context';
import { ScreenTitle } from '../../components/ScreenTitle';
import { Feedback } from './Feedback';
import { LinesTable } from './LinesTable';
import { OverrideDialog } from './OverrideDialog';
import { ParcelsPanel } from './ParcelsPanel';
import { usePacking } from './usePacking';
import './packing.css';

export function PackScreen() {
  const { t } = useTranslation();
  const { stores } = useServices();
  const onScan = useOnScan();
  const pack = usePacking();
  const { shipment, scan } = pack;
  const [overrideOpen, setOverrideOpen] = useState(false);
  const weightRef = useRef<HTMLInputElement | null>(null);
  // The key and command handlers below are installed once and read the latest actions from here.
  const actions = useRef(pack);
  useLayoutEffect(() => {
    actions.current = pack;
  });

  // Ordinary codes (items, orders, boxes) arrive on the scan bus; commands through their claim.
  useEffect(() => onScan((s) => s.kind !== 'command' && s.kind !== 'badge' && void scan(s.code)), [onScan, scan]);
  useEffect(() => stores.scanBus.claimCommands(['NEWPARCEL', 'DONE', 'REPRINT', 'UNDO', 'CANCEL'], (s) => void actions.current.scan(s.code)), [stores]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const a = actions.current;
      const keys: Record<string, () => void> = {
        F6: () => void a.newParcel(),
        F7: () => weightRef.current?.focus(),
        F8: () => void a.closeParcel(),
        F9: () => void a.reprint(),
        F10: () => a.shipment && !a.shipment.labelsAllowed && setOverrideOpen(true),
        F11: () => void a.undo(),
      };
      const run = keys[e.key];
      if (!run) return;
      e.preventDefault();
      if (!e.repeat) run();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="pack-screen">
      <div className="pack-top">
        <ScreenTitle screen="pack" />
        {shipment ? (
          <div className="pack-order" data-testid="pack-order">
            <strong>{t('packing.order', { number: shipment.orderNumber })}</strong>
            {shipment.carrier ? <span className="muted">{shipment.carrier}</span> : null}
            <span data-testid="pack-progress">{t('packing.progress', { verified: shipment.verifiedTotal, expected: shipment.expectedTotal })}</span>
            <span className={`badge ${shipment.verified ? 'badge-ok' : 'badge-danger'}`} data-testid="pack-verified" data-verified={shipment.verified ? 'true' : 'false'}>
              {shipment.verified ? t('packing.verified') : t('packing.notVerified')}
            </span>
          </div>
        ) : null}
      </div>
      <Feedback feedback={pack.feedback} shipment={shipment} />
      {shipment?.override ? (
        <p className="pack-override-note" data-testid="pack-override-note">
          {t('packing.overridden', { name: shipment.override.byName, reason: shipment.override.reason })}
        </p>
      ) : null}
      {shipment ? (
        <div className="pack-body">
          <LinesTable lines={shipment.lines} highlight={pack.lineId} />
          <div className="pack-side">
            <div className="button-row pack-actions">
              <button type="button" className="btn" data-testid="pack-new-parcel" onClick={() => void pack.newParcel()}>
                <kbd>F6</kbd> {t('packing.actions.newParcel')}
              </button>
              <button type="button" className="btn btn-primary" data-testid="pack-close" onClick={() => void pack.closeParcel()} disabled={!shipment.currentParcelId}>
                <kbd>F8</kbd> {t('packing.actions.close')}
              </button>
              <button type="button" className="btn" data-testid="pack-reprint" onClick={() => void pack.reprint()}>
                <kbd>F9</kbd> {t('packing.actions.reprint')}
              </button>
              <button type="button" className="btn" data-testid="pack-undo" onClick={() => void pack.undo()} disabled={shipment.verifiedTotal === 0}>
                <kbd>F11</kbd> {t('packing.actions.undo')}
              </button>
              {!shipment.labelsAllowed ? (
                <button type="button" className="btn" data-testid="pack-override-open" onClick={() => setOverrideOpen(true)}>
                  <kbd>F10</kbd> {t('packing.actions.override')}
                </button>
              ) : null}
            </div>
            <ParcelsPanel shipment={shipment} weightRef={weightRef} onWeight={(g, source, parcelId) => void pack.setWeight(g, source, parcelId)} onMove={(l, f, to) => void pack.moveItem(l, f, to)} />
          </div>
        </div>
      ) : null}
      <p className="muted pack-keys">{t('packing.keys')}</p>
      {overrideOpen && shipment ? (
        <OverrideDialog
          shipment={shipment}
          onCancel={() => setOverrideOpen(false)}
          onDone={(s) => {
            setOverrideOpen(false);
            pack.overridden(s);
          }}
        />
      ) : null}
    </div>
  );
}
