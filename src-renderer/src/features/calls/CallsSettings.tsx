// Settings → Calls: the station's disposition list (add, rename, remove, reorder, the default),
// the after-call work length, the UCS queues served and the fallback queue poll. A supervisor
// edits it; everyone else sees it read-only. Supervisors also see the screen-pop URL (it carries
// the station's token) to paste into a UCS team's call_url.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dispositionSchema, type CallsConfig, type Disposition, type ScreenPopInfo } from '../../../../src-preload/contract';
import { RpcError } from '../../api/client';
import { useApi, useToast } from '../../app/context';
import { useAction } from '../../app/useAction';
import { useIsSupervisor } from '../station/useStation';
import { dispositionLabel } from './dispositions';
import './callsSettings.css';
import { SaveBar } from '../../components/SaveBar';

const ACW_MIN = 5;
const ACW_MAX = 3600;

interface Draft {
  dispositions: Disposition[];
  defaultDisposition: string;
  acwSeconds: string;
  queues: string;
  poll: boolean;
}

const draftOf = (c: CallsConfig): Draft => ({
  dispositions: c.dispositions,
  defaultDisposition: c.defaultDisposition,
  acwSeconds: String(c.acwSeconds),
  queues: c.queues.join(', '),
  poll: c.poll,
});

type Problems = Partial<Record<'dispositions' | 'acwSeconds' | 'queues' | 'form', string>> & { rows?: Record<number, string> };

/** The draft as a config, or what is wrong with it (in the user's words). */
function checkDraft(d: Draft, t: (k: string, o?: Record<string, unknown>) => string): { config: CallsConfig } | { problems: Problems } {
  const problems: Problems = {};
  const rows: Record<number, string> = {};
  const seen = new Set<string>();
  d.dispositions.forEach((x, i) => {
    if (!x.label.trim()) rows[i] = t('settingsExtra.calls.errors.labelRequired');
    else if (!dispositionSchema.safeParse(x).success) rows[i] = t('settingsExtra.calls.errors.labelTooLong');
    if (seen.has(x.code.toLowerCase())) rows[i] = t('settingsExtra.calls.errors.duplicateCode');
    seen.add(x.code.toLowerCase());
  });
  if (Object.keys(rows).length) problems.rows = rows;
  if (d.dispositions.length === 0) problems.dispositions = t('settingsExtra.calls.errors.noDispositions');
  const acw = d.acwSeconds.trim();
  if (!/^\d+$/.test(acw) || Number(acw) < ACW_MIN || Number(acw) > ACW_MAX) problems.acwSeconds = t('settingsExtra.calls.errors.acwRange', { min: ACW_MIN, max: ACW_MAX });
  const parts = d.queues.split(/[\s,;]+/).filter(Boolean);
  if (parts.some((p) => !/^\d{1,9}$/.test(p)) || parts.length > 100) problems.queues = t('settingsExtra.calls.errors.queuesInvalid');
  if (Object.keys(problems).length) return { problems };
  return {
    config: {
      dispositions: d.dispositions.map((x) => ({ code: x.code, label: x.label.trim() })),
      defaultDisposition: d.defaultDisposition,
      acwSeconds: Number(acw),
      queues: [...new Set(parts.map(Number))],
      poll: d.poll,
    },
  };
}

function ScreenPop() {
  const { t } = useTranslation();
  const api = useApi();
  const toast = useToast();
  const [info, setInfo] = useState<ScreenPopInfo | null>(null);
  useEffect(() => {
    let live = true;
    api.call('calls.screenPop', {}).then(
      (i) => live && setInfo(i),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  if (!info) return null;
  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      toast('success', t('settingsExtra.calls.screenPop.copied'));
    } catch {
      toast('error', t('settingsExtra.calls.screenPop.copyFailed'));
    }
  }
  return (
    <section className="card settings-section" data-testid="screen-pop">
      <h2>{t('settingsExtra.calls.screenPop.title')}</h2>
      <p className="muted">{t('settingsExtra.calls.screenPop.intro')}</p>
      {info.callUrl ? (
        <div className="field">
          <label htmlFor="screen-pop-url">{t('settingsExtra.calls.screenPop.url')}</label>
          <div className="screen-pop-row">
            <input id="screen-pop-url" className="input" data-testid="screen-pop-url" readOnly value={info.callUrl} onFocus={(e) => e.target.select()} />
            <button type="button" className="btn" data-testid="screen-pop-copy" onClick={() => void copy(info.callUrl!)}>
              {t('settingsExtra.calls.screenPop.copy')}
            </button>
          </div>
          <p className="muted">{t('settingsExtra.calls.screenPop.secret')}</p>
        </div>
      ) : (
        <p className="form-error" data-testid="screen-pop-off">
          {t('settingsExtra.calls.screenPop.notListening')}
        </p>
      )}
    </section>
  );
}

export function CallsSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const supervisor = useIsSupervisor();
  const { run, busy } = useAction();
  const [saved, setSaved] = useState<CallsConfig | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [newCode, setNewCode] = useState('');
  const [newLabel, setNewLabel] = useState('');
  const [addError, setAddError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.call('calls.config', {}).then(
      (c) => {
        if (!live) return;
        setSaved(c);
        setDraft(draftOf(c));
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
  const setRow = (i: number, label: string) => edit({ dispositions: draft.dispositions.map((x, j) => (j === i ? { ...x, label } : x)) });
  const move = (i: number, by: -1 | 1) => {
    const list = [...draft.dispositions];
    const [row] = list.splice(i, 1);
    list.splice(i + by, 0, row!);
    edit({ dispositions: list });
  };
  const remove = (i: number) => edit({ dispositions: draft.dispositions.filter((_, j) => j !== i) });

  function add() {
    const code = newCode.trim();
    const parsed = dispositionSchema.safeParse({ code, label: newLabel });
    if (!code) return setAddError(t('settingsExtra.calls.errors.codeRequired'));
    if (!parsed.success && !/^[a-z0-9_.-]{1,40}$/i.test(code)) return setAddError(t('settingsExtra.calls.errors.codeInvalid'));
    if (!newLabel.trim()) return setAddError(t('settingsExtra.calls.errors.labelRequired'));
    if (!parsed.success) return setAddError(t('settingsExtra.calls.errors.labelTooLong'));
    if (draft!.dispositions.some((x) => x.code.toLowerCase() === code.toLowerCase())) return setAddError(t('settingsExtra.calls.errors.duplicateCode'));
    if (draft!.dispositions.length >= 50) return setAddError(t('settingsExtra.calls.errors.tooMany'));
    edit({ dispositions: [...draft!.dispositions, parsed.data] });
    setNewCode('');
    setNewLabel('');
    setAddError(null);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const checked = checkDraft(draft!, t);
    if ('problems' in checked) return setProblems(checked.problems);
    setProblems({});
    const next = await run(() => api.call('calls.saveConfig', checked.config), {
      success: () => t('settingsExtra.calls.saved'),
      onError: (err, text) => {
        const reason = err instanceof RpcError ? (err.details as { reason?: string } | undefined)?.reason : undefined;
        setProblems({ form: reason === 'default_not_listed' || reason === 'duplicate_code' ? t(`settingsExtra.calls.errors.${reason}`) : text });
        return true;
      },
    });
    if (next) {
      setSaved(next);
      setDraft(draftOf(next));
    }
  }

  const unchanged = checkDraftEquals(draft, saved);
  return (
    <div className="calls-settings" data-testid="calls-settings">
      <section className="card settings-section">
        <h2>{t('settingsExtra.calls.title')}</h2>
        <p className="muted">{t(ro ? 'settingsExtra.readOnly' : 'settingsExtra.calls.intro')}</p>
        <form onSubmit={(e) => void save(e)} noValidate>
          <fieldset className="field" disabled={ro}>
            <legend>{t('settingsExtra.calls.dispositions')}</legend>
            <ol className="disposition-edit-list" data-testid="disposition-rows">
              <li className="disposition-edit-row disposition-edit-head" aria-hidden="true">
                <span>{t('settingsExtra.calls.defaultColumn')}</span>
                <span>{t('settingsExtra.calls.code')}</span>
                <span>{t('settingsExtra.calls.label')}</span>
              </li>
              {draft.dispositions.map((d, i) => (
                <li key={d.code} className="disposition-edit-row" data-testid="disposition-row" data-code={d.code}>
                  <label className="default-cell" title={t('settingsExtra.calls.makeDefault')}>
                    <input
                      type="radio"
                      name="default-disposition"
                      data-testid="disposition-default"
                      aria-label={t('settingsExtra.calls.defaultOf', { code: d.code })}
                      checked={draft.defaultDisposition === d.code}
                      onChange={() => edit({ defaultDisposition: d.code })}
                    />
                  </label>
                  <span className="code-cell">
                    <code>{d.code}</code>
                    {draft.defaultDisposition === d.code ? <span className="chip chip-neutral">{t('settingsExtra.calls.defaultChip')}</span> : null}
                  </span>
                  <input
                    className="input"
                    data-testid="disposition-label"
                    aria-label={t('settingsExtra.calls.labelOf', { code: d.code })}
                    aria-invalid={problems.rows?.[i] ? true : undefined}
                    value={ro ? dispositionLabel(t, d) : d.label}
                    maxLength={80}
                    onChange={(e) => setRow(i, e.target.value)}
                  />
                  {ro ? (
                    <span />
                  ) : (
                    <span className="row-buttons">
                      <button type="button" className="btn btn-small" data-testid="disposition-up" disabled={i === 0} aria-label={t('settingsExtra.calls.up', { code: d.code })} onClick={() => move(i, -1)}>
                        ↑
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid="disposition-down"
                        disabled={i === draft.dispositions.length - 1}
                        aria-label={t('settingsExtra.calls.down', { code: d.code })}
                        onClick={() => move(i, 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid="disposition-remove"
                        disabled={draft.defaultDisposition === d.code}
                        title={draft.defaultDisposition === d.code ? t('settingsExtra.calls.defaultStays') : undefined}
                        aria-label={t('settingsExtra.calls.remove', { code: d.code })}
                        onClick={() => remove(i)}
                      >
                        {t('settingsExtra.calls.removeShort')}
                      </button>
                    </span>
                  )}
                  {problems.rows?.[i] ? (
                    <p className="field-error" role="alert">
                      {problems.rows[i]}
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
            {problems.dispositions ? (
              <p className="field-error" role="alert">
                {problems.dispositions}
              </p>
            ) : null}
            <p className="muted">{t('settingsExtra.calls.defaultHint')}</p>
          </fieldset>
          {ro ? null : (
            <fieldset className="field" data-testid="disposition-add">
              <legend>{t('settingsExtra.calls.add')}</legend>
              <div className="disposition-add-row">
                <input className="input" data-testid="disposition-new-code" aria-label={t('settingsExtra.calls.code')} placeholder={t('settingsExtra.calls.code')} value={newCode} maxLength={40} onChange={(e) => setNewCode(e.target.value)} />
                <input className="input" data-testid="disposition-new-label" aria-label={t('settingsExtra.calls.label')} placeholder={t('settingsExtra.calls.label')} value={newLabel} maxLength={80} onChange={(e) => setNewLabel(e.target.value)} />
                <button type="button" className="btn" data-testid="disposition-add-button" onClick={add}>
                  {t('settingsExtra.calls.addButton')}
                </button>
              </div>
              {addError ? (
                <p className="field-error" role="alert" data-testid="disposition-add-error">
                  {addError}
                </p>
              ) : null}
            </fieldset>
          )}
          <div className="field field-narrow">
            <label htmlFor="calls-acw">{t('settingsExtra.calls.acwSeconds')}</label>
            <input
              id="calls-acw"
              className="input input-number"
              data-testid="calls-acw"
              inputMode="numeric"
              disabled={ro}
              value={draft.acwSeconds}
              aria-invalid={problems.acwSeconds ? true : undefined}
              onChange={(e) => edit({ acwSeconds: e.target.value })}
            />
            {problems.acwSeconds ? (
              <p className="field-error" role="alert">
                {problems.acwSeconds}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="calls-queues">{t('settingsExtra.calls.queues')}</label>
            <input
              id="calls-queues"
              className="input"
              data-testid="calls-queues"
              disabled={ro}
              value={draft.queues}
              placeholder={t('settingsExtra.calls.allQueues')}
              aria-invalid={problems.queues ? true : undefined}
              onChange={(e) => edit({ queues: e.target.value })}
            />
            {problems.queues ? (
              <p className="field-error" role="alert">
                {problems.queues}
              </p>
            ) : (
              <p className="muted">{t('settingsExtra.calls.queuesHint')}</p>
            )}
          </div>
          <div className="field">
            <label className="radio">
              <input type="checkbox" data-testid="calls-poll" disabled={ro} checked={draft.poll} onChange={(e) => edit({ poll: e.target.checked })} /> {t('settingsExtra.calls.poll')}
            </label>
            <p className="muted">{t('settingsExtra.calls.pollHint')}</p>
          </div>
          <SaveBar
            error={problems.form}
            readOnly={ro}
            disabled={busy || unchanged}
            onReset={() => {
              setDraft(draftOf(saved));
              setProblems({});
            }}
            testIds={{ error: 'calls-settings-error', save: 'calls-save', reset: 'calls-reset' }}
          />
        </form>
      </section>
      {supervisor ? <ScreenPop /> : null}
    </div>
  );
}

function checkDraftEquals(d: Draft, c: CallsConfig): boolean {
  return JSON.stringify(d) === JSON.stringify(draftOf(c));
}
