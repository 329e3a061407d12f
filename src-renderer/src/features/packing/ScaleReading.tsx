// The scale at the pack bench: the live weight in large type, whether it is steady, and one key
// or button that takes the weight. Taking asks the scale for a stable weight; only a steady weight
// above 0 g is handed to `onWeight`, anything else plays the error sound and says why. Without a
// scale it only says so (the weight is typed instead).
//
// The key defaults to F7, the Pack screen's "weight" key (F1-F5 are the screens, F6-F10 the Pack
// screen's). It acts only while a scale is set up, and leaves the event alone (no preventDefault),
// so the Pack screen's own F7 (focus the typed weight) still happens: if the scale cannot give a
// weight, the packer types it.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScaleReason } from '../../../../src-preload/contract';
import { useSound } from '../../app/context';
import { formatGrams, useScale } from './useScale';
import './benchDevices.css';

export interface ScaleReadingProps {
  /** Called with whole grams when the packer takes a steady weight above 0 g. */
  onWeight: (grams: number) => void;
  /** The key that takes the weight from anywhere on the screen (KeyboardEvent.key); default F7. */
  takeKey?: string;
  /** While true nothing is polled or taken (no parcel open). */
  disabled?: boolean;
  /** How often the live weight is read (ms); default 500. */
  pollMs?: number;
}

type Refusal = ScaleReason | 'zero' | 'failed';

export function ScaleReading({ onWeight, takeKey = 'F7', disabled = false, pollMs }: ScaleReadingProps) {
  const { t, i18n } = useTranslation();
  const play = useSound();
  const { status, live, take, taking } = useScale({ enabled: !disabled, ...(pollMs !== undefined ? { pollMs } : {}) });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [taken, setTaken] = useState<number | null>(null);
  const configured = status !== null && status.config.kind !== 'none';

  const takeWeight = useCallback(async () => {
    if (disabled || taking || !configured) return;
    setRefusal(null);
    const r = await take();
    const why: Refusal | null = !r ? 'failed' : !r.ok ? r.reason : !r.stable ? 'not_stable' : r.grams <= 0 ? 'zero' : null;
    if (why !== null || !r?.ok) {
      setRefusal(why ?? 'failed');
      setTaken(null);
      play('error');
      return;
    }
    setTaken(r.grams);
    play('success');
    onWeight(r.grams);
  }, [disabled, taking, configured, take, play, onWeight]);

  // The key works from anywhere, a focused field included: it types nothing.
  useEffect(() => {
    if (!configured || disabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== takeKey || e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      void takeWeight();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [takeKey, takeWeight, configured, disabled]);

  if (status === null) return null;
  if (!configured) {
    return (
      <p className="scale-none muted" data-testid="scale-reading" data-state="none">
        {t('scale.reading.none')}
      </p>
    );
  }

  const state = !live ? 'waiting' : !live.ok ? 'error' : live.stable ? 'stable' : 'moving';
  return (
    <section className="scale-reading card" data-testid="scale-reading" data-state={state} aria-label={t('scale.reading.label')}>
      <div className="scale-weight" data-testid="scale-weight" aria-live="polite">
        {live?.ok ? formatGrams(live.grams, i18n.language) : '—'}
      </div>
      <div className="scale-state" data-testid="scale-state">
        {!live ? t('scale.reading.waiting') : !live.ok ? t(`scale.reasons.${live.reason}`) : live.stable ? t('scale.reading.stable') : t('scale.reading.moving')}
      </div>
      <button type="button" className="btn btn-primary scale-take" data-testid="scale-take" disabled={disabled || taking} onClick={() => void takeWeight()}>
        {taking ? t('scale.reading.taking') : t('scale.reading.take', { key: takeKey })}
      </button>
      {refusal ? (
        <p className="form-error scale-refusal" role="alert" data-testid="scale-refusal">
          {refusal === 'zero' ? t('scale.reading.zero') : refusal === 'failed' ? t('errors.unknown') : t(`scale.reasons.${refusal}`)}
        </p>
      ) : taken !== null ? (
        <p className="scale-taken" data-testid="scale-taken">
          {t('scale.reading.taken', { weight: formatGrams(taken, i18n.language) })}
        </p>
      ) : null}
    </section>
  );
}
