// Settings → Packing: which label a closed parcel gets at this station (Afosto's carrier label
// when Afosto is reachable, or always Dockside's own ZPL) and the ship-from address printed on own
// labels and slips. A supervisor edits it; everyone else sees it read-only.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LABEL_SOURCES, type LabelSource, type PackSettings as Settings } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { useAction } from '../../app/useAction';
import { Field } from '../../components/Field';
import { useIsSupervisor } from '../station/useStation';
import './packSettings.css';
import { SaveBar } from '../../components/SaveBar';

const LINES = 4;

interface Draft {
  labelSource: LabelSource;
  name: string;
  lines: string[];
  postalCode: string;
  city: string;
  country: string;
}

const draftOf = (s: Settings): Draft => ({
  labelSource: s.labelSource,
  name: s.shipFrom.name,
  lines: Array.from({ length: LINES }, (_, i) => s.shipFrom.lines[i] ?? ''),
  postalCode: s.shipFrom.postalCode,
  city: s.shipFrom.city,
  country: s.shipFrom.country,
});

const settingsOf = (d: Draft): Settings => ({
  labelSource: d.labelSource,
  shipFrom: {
    name: d.name.trim(),
    lines: d.lines.map((l) => l.trim()).filter(Boolean),
    postalCode: d.postalCode.trim(),
    city: d.city.trim(),
    country: d.country.trim(),
  },
});

type FieldName = 'name' | 'postalCode' | 'city' | 'country' | 'form';

export function PackSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const supervisor = useIsSupervisor();
  const { run, busy } = useAction();
  const [saved, setSaved] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});

  useEffect(() => {
    let live = true;
    api.call('packing.settings', {}).then(
      (s) => {
        if (!live) return;
        setSaved(s);
        setDraft(draftOf(s));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  if (!draft || !saved) return null;
  const ro = !supervisor;
  const edit = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const unchanged = JSON.stringify(settingsOf(draft)) === JSON.stringify(settingsOf(draftOf(saved)));

  async function save(e: FormEvent) {
    e.preventDefault();
    const next = settingsOf(draft!);
    const problems: Partial<Record<FieldName, string>> = {};
    if (!next.shipFrom.name) problems.name = t('settingsExtra.packing.errors.nameRequired');
    if (next.shipFrom.postalCode.length > 20) problems.postalCode = t('settingsExtra.packing.errors.tooLong', { max: 20 });
    if (next.shipFrom.country.length > 60) problems.country = t('settingsExtra.packing.errors.tooLong', { max: 60 });
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const answer = await run(() => api.call('packing.setSettings', next), {
      success: () => t('settingsExtra.packing.saved'),
      onError: (_err, text) => {
        setErrors({ form: text });
        return true;
      },
    });
    if (answer) {
      setSaved(answer);
      setDraft(draftOf(answer));
    }
  }

  return (
    <section className="card settings-section pack-settings" data-testid="pack-settings">
      <h2>{t('settingsExtra.packing.title')}</h2>
      <p className="muted">{t(ro ? 'settingsExtra.readOnly' : 'settingsExtra.packing.intro')}</p>
      <form onSubmit={(e) => void save(e)} noValidate>
        <fieldset className="field" disabled={ro}>
          <legend>{t('settingsExtra.packing.labelSource')}</legend>
          {LABEL_SOURCES.map((s) => (
            <label key={s} className="radio">
              <input type="radio" name="label-source" data-testid={`label-source-${s}`} checked={draft.labelSource === s} onChange={() => edit({ labelSource: s })} />{' '}
              {t(`settingsExtra.packing.sources.${s}`)}
              <span className="muted"> — {t(`settingsExtra.packing.sourcesHint.${s}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="field" disabled={ro}>
          <legend>{t('settingsExtra.packing.shipFrom')}</legend>
          <Field label={t('settingsExtra.packing.name')} testId="ship-from-name" value={draft.name} maxLength={200} onChange={(e) => edit({ name: e.target.value })} error={errors.name ?? null} />
          <div className="address-lines">
          {draft.lines.map((l, i) => (
            <Field
              key={i}
              label={t('settingsExtra.packing.line', { n: i + 1 })}
              testId={`ship-from-line-${i + 1}`}
              value={l}
              maxLength={200}
              onChange={(e) => edit({ lines: draft.lines.map((x, j) => (j === i ? e.target.value : x)) })}
            />
          ))}
          </div>
          <div className="address-lines">
            <Field label={t('settingsExtra.packing.postalCode')} testId="ship-from-postalCode" value={draft.postalCode} onChange={(e) => edit({ postalCode: e.target.value })} error={errors.postalCode ?? null} />
            <Field label={t('settingsExtra.packing.city')} testId="ship-from-city" value={draft.city} maxLength={200} onChange={(e) => edit({ city: e.target.value })} />
          </div>
          <Field label={t('settingsExtra.packing.country')} testId="ship-from-country" value={draft.country} onChange={(e) => edit({ country: e.target.value })} error={errors.country ?? null} />
        </fieldset>
        <SaveBar
          error={errors.form}
          readOnly={ro}
          disabled={busy || unchanged}
          onReset={() => {
            setDraft(draftOf(saved));
            setErrors({});
          }}
          testIds={{ error: 'pack-settings-error', save: 'pack-settings-save', reset: 'pack-settings-reset' }}
        />
      </form>
    </section>
  );
}
