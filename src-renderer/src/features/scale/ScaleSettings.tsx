// Settings card for this station's scale: none, or an MT-SICS scale at host:port (a Mettler
// Toledo scale behind a serial-to-Ethernet converter). Supervisors change it; everyone sees it,
// and "Read now" asks the scale for a steady weight to check the setting.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scaleConfigSchema, type ScaleReading, type ScaleStatus } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { useAction } from '../../app/useAction';
import { useIsSupervisor } from '../station/useStation';
import { formatGrams } from '../packing/useScale';
import '../packing/benchDevices.css';

export function ScaleSettings() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const supervisor = useIsSupervisor();
  const { run, busy } = useAction();
  const [status, setStatus] = useState<ScaleStatus | null>(null);
  const [kind, setKind] = useState<'none' | 'mt-sics'>('none');
  const [host, setHost] = useState('');
  const [port, setPort] = useState('');
  const [test, setTest] = useState<ScaleReading | null>(null);
  // The form follows the saved setting until someone edits it: a status that arrives late (a busy
  // station) or a change from another window must not wipe what is being typed.
  const edited = useRef(false);

  useEffect(() => {
    const show = (s: ScaleStatus) => {
      setStatus(s);
      if (edited.current) return;
      setKind(s.config.kind);
      setHost(s.config.kind === 'mt-sics' ? s.config.host : '');
      setPort(s.config.kind === 'mt-sics' ? String(s.config.port) : '');
    };
    let live = true;
    api.call('scale.status', {}).then(
      (s) => live && show(s),
      () => undefined,
    );
    const off = api.on('scale.changed', show);
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const draft = kind === 'none' ? { kind } : { kind, host: host.trim(), port: /^\d+$/.test(port.trim()) ? Number(port) : NaN };
  const valid = scaleConfigSchema.safeParse(draft).success;
  const saved = status?.config;
  const unchanged = !!saved && JSON.stringify(saved) === JSON.stringify(draft);

  async function save() {
    const s = await run(() => api.call('scale.configure', scaleConfigSchema.parse(draft)), { success: () => t('scale.settings.saved') });
    if (s) {
      edited.current = false;
      setStatus(s);
      setTest(null);
    }
  }

  async function readNow() {
    const r = await run(() => api.call('scale.read', { mode: 'stable' }));
    if (r) setTest(r);
  }

  return (
    <section className="card settings-section" data-testid="scale-settings">
      <h2>{t('scale.settings.title')}</h2>
      <p className="muted">{t('scale.settings.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && !unchanged) void save();
        }}
      >
        <div className="field">
          <label htmlFor="scale-kind">{t('scale.settings.kind')}</label>
          <select id="scale-kind" className="input select" data-testid="scale-kind" value={kind} disabled={!supervisor} onChange={(e) => {
              edited.current = true;
              setKind(e.target.value as 'none' | 'mt-sics');
            }}>
            <option value="none">{t('scale.settings.none')}</option>
            <option value="mt-sics">{t('scale.settings.mtSics')}</option>
          </select>
        </div>
        {kind === 'mt-sics' ? (
          <div className="field-row">
            <div className="field">
              <label htmlFor="scale-host">{t('scale.settings.host')}</label>
              <input id="scale-host" className="input" data-testid="scale-host" value={host} disabled={!supervisor} maxLength={253} onChange={(e) => {
                  edited.current = true;
                  setHost(e.target.value);
                }} />
            </div>
            <div className="field field-narrow">
              <label htmlFor="scale-port">{t('scale.settings.port')}</label>
              <input id="scale-port" className="input input-number" data-testid="scale-port" inputMode="numeric" value={port} disabled={!supervisor} onChange={(e) => {
                  edited.current = true;
                  setPort(e.target.value);
                }} />
            </div>
          </div>
        ) : null}
        {supervisor ? (
          <button type="submit" className="btn" data-testid="scale-save" disabled={busy || !valid || unchanged}>
            {t('scale.settings.save')}
          </button>
        ) : null}
      </form>
      {saved && saved.kind !== 'none' ? (
        <div className="scale-test-row">
          <button type="button" className="btn" data-testid="scale-read-now" disabled={busy} onClick={() => void readNow()}>
            {t('scale.settings.readNow')}
          </button>
          {test ? (
            <span data-testid="scale-test-result" className={test.ok ? undefined : 'form-error'}>
              {test.ok
                ? t(test.stable ? 'scale.settings.readStable' : 'scale.settings.readMoving', { weight: formatGrams(test.grams, i18n.language) })
                : t(`scale.reasons.${test.reason}`)}
            </span>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
