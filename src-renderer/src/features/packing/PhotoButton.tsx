// Pack evidence: one key (F12 unless told otherwise; F1-F5 are the screens, F6-F10 the Pack
// screen's) or the button takes a photo of the open parcel and keeps it with the parcel on this
// station. Hidden where the station has no camera. With several open parcels on screen, the key
// belongs to the PhotoButton mounted last (the newest parcel), so one press is one photo.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParcelPhoto } from '../../../../src-preload/contract';
import { useApi, useSound, useToast } from '../../app/context';
import { useAction } from '../../app/useAction';
import { captureJpeg, hasCamera, onCameraChange } from './camera';
import './benchDevices.css';

export interface PhotoButtonProps {
  /** The parcel the photo is kept with (parcels.id). */
  parcelId: string;
  /** The key that takes the photo from anywhere on the screen (KeyboardEvent.key); default F12. */
  takeKey?: string;
  /** After a photo was kept. */
  onTaken?: (photo: ParcelPhoto) => void;
}

/** PhotoButtons on screen, oldest first: only the last one answers the key. */
const keyOwners: symbol[] = [];

export function PhotoButton({ parcelId, takeKey = 'F12', onTaken }: PhotoButtonProps) {
  const { t } = useTranslation();
  const api = useApi();
  const play = useSound();
  const toast = useToast();
  const { run, busy } = useAction();
  const [camera, setCamera] = useState(false);
  const [count, setCount] = useState<number | null>(null);
  const [capturing, setCapturing] = useState(false);

  useEffect(() => {
    let live = true;
    const check = () => void hasCamera().then((c) => live && setCamera(c));
    check();
    const off = onCameraChange(check);
    return () => {
      live = false;
      off();
    };
  }, []);

  useEffect(() => {
    if (!camera) return;
    let live = true;
    api.call('evidence.list', { parcelId }).then(
      (r) => live && setCount(r.photos.length),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, parcelId, camera]);

  const takePhoto = useCallback(async () => {
    if (capturing || busy) return;
    setCapturing(true);
    let shot: Awaited<ReturnType<typeof captureJpeg>> | null = null;
    try {
      shot = await captureJpeg();
    } catch {
      // Refused, in use by another program, or unplugged just now.
      play('error');
      toast('error', t('evidence.cameraFailed'));
      setCapturing(false);
      return;
    }
    setCapturing(false);
    const photo = await run(() => api.call('evidence.add', { parcelId, jpegBase64: shot.base64 }), {
      successSound: true,
      success: () => t('evidence.taken'),
    });
    if (photo) {
      setCount((n) => (n ?? 0) + 1);
      onTaken?.(photo);
    }
  }, [api, parcelId, capturing, busy, run, play, toast, t, onTaken]);

  const [owner] = useState(() => Symbol('photo-key'));
  useEffect(() => {
    keyOwners.push(owner);
    return () => {
      const i = keyOwners.indexOf(owner);
      if (i >= 0) keyOwners.splice(i, 1);
    };
  }, [owner]);
  useEffect(() => {
    if (!camera) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== takeKey || e.altKey || e.ctrlKey || e.metaKey || keyOwners.at(-1) !== owner) return;
      e.preventDefault(); // F12 would open the browser's developer tools in web mode
      if (!e.repeat) void takePhoto();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [camera, takeKey, takePhoto, owner]);

  if (!camera) return null;
  return (
    <div className="photo-button">
      <button type="button" className="btn" data-testid="photo-take" disabled={capturing || busy} onClick={() => void takePhoto()}>
        {capturing || busy ? t('evidence.taking') : t('evidence.take', { key: takeKey })}
      </button>
      {count !== null ? (
        <span className="muted" data-testid="photo-count">
          {t('evidence.count', { count })}
        </span>
      ) : null}
    </div>
  );
}
