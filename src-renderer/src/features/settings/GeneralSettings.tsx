// Language, theme, sounds and scanner timing for this station; the station name for supervisors.
// Each change is sent at once (settings.set answers the whole new settings, which we keep).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, settingsSchema } from '../../../../src-preload/contract';
import { useApi, useServices, useSound } from '../../app/context';
import { useAction } from '../../app/useAction';
import { useIsSupervisor, useSession } from '../station/useStation';
import { useSaveSettings, useSettings } from './useSettings';
import { ScaleSettings } from '../scale/ScaleSettings';

const THEMES = ['system', 'light', 'dark'] as const;

/** Allowed ranges come from the contract, so the form and main never disagree. */
function range(field: 'scannerMaxGapMs' | 'scannerMinLength'): { min: number; max: number } {
  const schema = settingsSchema.shape[field].unwrap();
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}
const GAP_RANGE = range('scannerMaxGapMs');
const LENGTH_RANGE = range('scannerMinLength');
/** Slider and number fields save after the hand stops moving, not on every step. */
const SAVE_DELAY_MS = 400;

/**
 * A local draft of a saved value: edited freely, and reset whenever the saved value changes
 * (saved here or in another window). Adjusting state during render is React's way for this.
 */
function useDraft<T, D>(saved: T, toDraft: (v: T) => D): [D, (d: D) => void] {
  const [draft, setDraft] = useState(() => toDraft(saved));
  const [seen, setSeen] = useState(saved);
  if (!Object.is(seen, saved)) {
    setSeen(saved);
    setDraft(toDraft(saved));
  }
  return [draft, setDraft];
}

function NumberSetting({
  label,
  value,
  min,
  max,
  testId,
  onSave,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  testId: string;
  onSave(v: number): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useDraft(value, String);
  const parsed = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  const valid = Number.isInteger(parsed) && parsed >= min && parsed <= max;
  useEffect(() => {
    if (!valid || parsed === value) return;
    const timer = setTimeout(() => onSave(parsed), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  });
  return (
    <div className="field">
      <label htmlFor={testId}>{label}</label>
      <input
        id={testId}
        className="input input-number"
        data-testid={testId}
        inputMode="numeric"
        value={text}
        aria-invalid={valid ? undefined : true}
        onChange={(e) => setText(e.target.value)}
      />
      {valid ? null : (
        <p className="field-error" role="alert">
          {t('settings.general.rangeError', { min, max })}
        </p>
      )}
    </div>
  );
}

function StationName() {
  const { t } = useTranslation();
  const api = useApi();
  const { stores } = useServices();
  const { run, busy } = useAction();
  const name = useSession((s) => s.station?.name ?? '');
  const [text, setText] = useDraft(name, (n) => n);
  async function rename() {
    const station = await run(() => api.call('station.rename', { name: text.trim() }), { success: () => t('settings.saved') });
    if (station) stores.session.getState().setStation(station);
  }
  return (
    <section className="card settings-section">
      <h2>{t('settings.general.station')}</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void rename();
        }}
      >
        <div className="field">
          <label htmlFor="station-name">{t('settings.general.stationName')}</label>
          <input
            id="station-name"
            className="input"
            data-testid="settings-station-name"
            value={text}
            maxLength={60}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit" className="btn" disabled={busy || !text.trim() || text.trim() === name}>
          {t('settings.general.rename')}
        </button>
      </form>
    </section>
  );
}

export function GeneralSettings() {
  const { t } = useTranslation();
  const { info } = useServices();
  const settings = useSettings((s) => s.settings);
  const supervisor = useIsSupervisor();
  const save = useSaveSettings();
  const play = useSound();
  const [volume, setVolume] = useDraft(settings.volume, (v) => Math.round(v * 100));
  useEffect(() => {
    if (volume === Math.round(settings.volume * 100)) return;
    const timer = setTimeout(() => void save({ volume: volume / 100 }), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  });

  return (
    <div className="settings-grid">
      <section className="card settings-section">
        <h2>
          <label htmlFor="settings-language">{t('settings.general.language')}</label>
        </h2>
        <select
          id="settings-language"
          className="input select"
          data-testid="settings-language"
          value={settings.language}
          onChange={(e) => void save({ language: e.target.value as (typeof LANGUAGES)[number] })}
        >
          {LANGUAGES.map((lng) => (
            <option key={lng} value={lng} lang={lng}>
              {t(`settings.general.languages.${lng}`)}
            </option>
          ))}
        </select>
      </section>

      <section className="card settings-section">
        <h2 id="theme-label">{t('settings.general.theme')}</h2>
        <div className="segmented" role="group" aria-labelledby="theme-label">
          {THEMES.map((theme) => (
            <button
              key={theme}
              type="button"
              className="segment"
              data-testid={`settings-theme-${theme}`}
              aria-pressed={settings.theme === theme}
              onClick={() => void save({ theme })}
            >
              {t(`settings.general.themes.${theme}`)}
            </button>
          ))}
        </div>
      </section>

      <section className="card settings-section">
        <h2>{t('settings.general.sounds')}</h2>
        <label className="check">
          <input
            type="checkbox"
            data-testid="settings-sounds"
            checked={settings.sounds}
            onChange={(e) => void save({ sounds: e.target.checked })}
          />
          {t('settings.general.soundsOn')}
        </label>
        <div className="field">
          <label htmlFor="settings-volume">
            {t('settings.general.volume')}: {volume} %
          </label>
          <input
            id="settings-volume"
            type="range"
            className="range"
            data-testid="settings-volume"
            min={0}
            max={100}
            step={5}
            value={volume}
            disabled={!settings.sounds}
            onChange={(e) => setVolume(Number(e.target.value))}
          />
        </div>
        <div className="button-row">
          <button type="button" className="btn" data-testid="settings-test-success" onClick={() => play('success')}>
            {t('settings.general.testSuccess')}
          </button>
          <button type="button" className="btn" data-testid="settings-test-error" onClick={() => play('error')}>
            {t('settings.general.testError')}
          </button>
        </div>
      </section>

      <section className="card settings-section">
        <h2>{t('settings.general.scanner')}</h2>
        <p className="muted">{t('settings.general.scannerHelp')}</p>
        <div className="field-row">
          <NumberSetting
            label={t('settings.general.maxGap')}
            testId="settings-scanner-gap"
            value={settings.scannerMaxGapMs}
            {...GAP_RANGE}
            onSave={(v) => void save({ scannerMaxGapMs: v })}
          />
          <NumberSetting
            label={t('settings.general.minLength')}
            testId="settings-scanner-min"
            value={settings.scannerMinLength}
            {...LENGTH_RANGE}
            onSave={(v) => void save({ scannerMinLength: v })}
          />
        </div>
      </section>

      {supervisor ? <StationName /> : null}

      <ScaleSettings />

      {info ? (
        <section className="card settings-section">
          <h2>{t('settings.general.about')}</h2>
          <dl className="about" data-testid="settings-about">
            <dt>{t('settings.general.version')}</dt>
            <dd>
              {info.appName} {info.version}
            </dd>
            <dt>{t('settings.general.transport')}</dt>
            <dd>{info.transport}</dd>
            <dt>{t('settings.general.dataDir')}</dt>
            <dd className="wrap-anywhere">{info.dataDir}</dd>
            <dt>{t('settings.general.demo')}</dt>
            <dd>{info.demo ? t('settings.general.yes') : t('settings.general.no')}</dd>
          </dl>
        </section>
      ) : null}
    </div>
  );
}
