// Settings → Connections (supervisor): per remote system its base URL and credentials, saved to
// core (secrets go to the SecretStore; an empty secret field on edit keeps the stored one), and
// "Test connection" with the outcome in our words (the remote's own, if any, only underneath).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONNECTION_FIELDS,
  type ConnectionInfo,
  type ConnectionTestResult,
  type Remote,
  type SecretField,
  type SettingField,
} from '../../../../src-preload/contract';
import { RpcError } from '../../api/client';
import { useApi } from '../../app/context';
import { useAction } from '../../app/useAction';
import { errorText } from '../../app/errors';
import { Field } from '../../components/Field';

/** Afosto signs in with client credentials or a pasted token; the form shows one way at a time. */
type AfostoMode = 'client' | 'token';

function secretFieldsShown(remote: Remote, mode: AfostoMode): readonly SecretField[] {
  if (remote !== 'afosto') return CONNECTION_FIELDS[remote].secrets;
  return mode === 'token' ? ['accessToken'] : ['clientId', 'clientSecret'];
}

function ConnectionForm({ info, onSaved, onCancel }: { info: ConnectionInfo; onSaved: (list: ConnectionInfo[]) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const remote = info.remote;
  const [baseUrl, setBaseUrl] = useState(info.baseUrl ?? '');
  const [settings, setSettings] = useState<Partial<Record<SettingField, string>>>(info.settings);
  const [secrets, setSecrets] = useState<Partial<Record<SecretField, string>>>({});
  const [mode, setMode] = useState<AfostoMode>(info.secrets.accessToken ? 'token' : 'client');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const shown = secretFieldsShown(remote, mode);
    const next: Record<string, string> = {};
    if (!/^https?:\/\/\S+$/i.test(baseUrl.trim())) next.baseUrl = t('settings.connections.urlInvalid');
    for (const f of CONNECTION_FIELDS[remote].settings) if (!settings[f]?.trim()) next[f] = t('settings.connections.required');
    // A secret already stored may stay empty (kept); switching Afosto's way needs the new ones.
    for (const f of shown) if (!secrets[f] && !info.secrets[f]) next[f] = t('settings.connections.required');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const given = Object.fromEntries(shown.filter((f) => secrets[f]).map((f) => [f, secrets[f]!]));
    const list = await run(() => api.call('connections.save', { remote, baseUrl: baseUrl.trim(), settings, secrets: given }), {
      success: () => t('settings.connections.saved', { name: t(`settings.connections.remotes.${remote}`) }),
      onError: (err, text) => {
        if (err instanceof RpcError && err.code === 'VALIDATION') {
          setErrors({ form: t('settings.connections.incomplete') });
          return true;
        }
        setErrors({ form: text });
        return true;
      },
    });
    if (list) onSaved(list.connections);
  }

  const secretHint = (f: SecretField) => (info.secrets[f] ? t('settings.connections.keepStored') : undefined);
  return (
    <form className="connection-form" onSubmit={submit} noValidate data-testid="connection-form">
      <Field
        label={t('settings.connections.baseUrl')}
        testId="connection-baseUrl"
        value={baseUrl}
        autoComplete="off"
        inputMode="url"
        onChange={(e) => setBaseUrl(e.target.value)}
        error={errors.baseUrl ?? null}
      />
      {CONNECTION_FIELDS[remote].settings.map((f) => (
        <Field
          key={f}
          label={t(`settings.connections.fields.${f}`)}
          testId={`connection-${f}`}
          value={settings[f] ?? ''}
          autoComplete="off"
          onChange={(e) => setSettings((s) => ({ ...s, [f]: e.target.value }))}
          error={errors[f] ?? null}
        />
      ))}
      {remote === 'afosto' ? (
        <fieldset className="field">
          <legend>{t('settings.connections.afostoMode')}</legend>
          {(['client', 'token'] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" name="afosto-mode" data-testid={`connection-mode-${m}`} checked={mode === m} onChange={() => setMode(m)} />{' '}
              {t(`settings.connections.modes.${m}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {secretFieldsShown(remote, mode).map((f) => (
        <Field
          key={f}
          label={t(`settings.connections.fields.${f}`)}
          testId={`connection-${f}`}
          type="password"
          autoComplete="new-password"
          value={secrets[f] ?? ''}
          placeholder={secretHint(f)}
          onChange={(e) => setSecrets((s) => ({ ...s, [f]: e.target.value }))}
          error={errors[f] ?? null}
        />
      ))}
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary" data-testid="connection-save" disabled={busy}>
          {t('settings.connections.save')}
        </button>
        <button type="button" className="btn" data-testid="connection-cancel" onClick={onCancel}>
          {t('settings.connections.cancel')}
        </button>
      </div>
    </form>
  );
}

function TestOutcome({ result }: { result: ConnectionTestResult }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <p className="connection-test ok" role="status" data-testid="connection-test-result" data-ok="true">
        <span className="chip chip-ok">{t('settings.connections.test.ok')}</span>
      </p>
    );
  }
  return (
    <div className="connection-test failed" role="alert" data-testid="connection-test-result" data-ok="false" data-kind={result.kind}>
      <p className="form-error">
        {t(`settings.connections.test.kinds.${result.kind}`)}
        {result.status !== undefined ? <span className="muted"> (HTTP {result.status})</span> : null}
      </p>
      {result.remoteMessage ? <p className="muted">{t('settings.connections.test.remoteSaid', { message: result.remoteMessage })}</p> : null}
    </div>
  );
}

function ConnectionCard({ info, onChanged }: { info: ConnectionInfo; onChanged: (list: ConnectionInfo[]) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const [editing, setEditing] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const name = t(`settings.connections.remotes.${info.remote}`);

  async function test() {
    setTesting(true);
    setResult(null);
    const r = await run(() => api.call('connections.test', { remote: info.remote }));
    setTesting(false);
    if (r) setResult(r);
  }
  async function remove() {
    const list = await run(() => api.call('connections.remove', { remote: info.remote }), {
      success: () => t('settings.connections.removed', { name }),
    });
    setConfirmRemove(false);
    setResult(null);
    if (list) onChanged(list.connections);
  }

  const setSecrets = CONNECTION_FIELDS[info.remote].secrets.filter((f) => info.secrets[f]);
  return (
    <article className="card connection-card" data-testid="connection-card" data-remote={info.remote} data-configured={info.configured} aria-label={name}>
      <div className="panel-head">
        <h3>{name}</h3>
        <span className={`chip ${info.configured ? 'chip-ok' : 'chip-neutral'}`} data-testid="connection-state">
          {info.configured ? t('settings.connections.configured') : t('settings.connections.off')}
        </span>
      </div>
      {editing ? (
        <ConnectionForm
          info={info}
          onCancel={() => setEditing(false)}
          onSaved={(list) => {
            setEditing(false);
            setResult(null);
            onChanged(list);
          }}
        />
      ) : (
        <>
          {info.configured ? (
            <dl className="facts">
              <dt>{t('settings.connections.baseUrl')}</dt>
              <dd data-testid="connection-url">{info.baseUrl}</dd>
              {CONNECTION_FIELDS[info.remote].settings.map((f) => (
                <div key={f}>
                  <dt>{t(`settings.connections.fields.${f}`)}</dt>
                  <dd>{info.settings[f]}</dd>
                </div>
              ))}
              <dt>{t('settings.connections.secretsSet')}</dt>
              <dd data-testid="connection-secrets">{setSecrets.map((f) => t(`settings.connections.fields.${f}`)).join(', ') || '—'}</dd>
              {info.source === 'config' ? <dd className="muted">{t('settings.connections.fromConfig')}</dd> : null}
            </dl>
          ) : (
            <p className="muted">{t('settings.connections.offHint')}</p>
          )}
          <div className="button-row">
            <button type="button" className="btn" data-testid="connection-edit" onClick={() => setEditing(true)}>
              {info.configured ? t('settings.connections.edit') : t('settings.connections.setUp')}
            </button>
            {info.configured ? (
              <button type="button" className="btn" data-testid="connection-test" disabled={testing} onClick={() => void test()}>
                {testing ? t('settings.connections.testing') : t('settings.connections.testButton')}
              </button>
            ) : null}
            {info.configured && !confirmRemove ? (
              <button type="button" className="btn" data-testid="connection-remove" onClick={() => setConfirmRemove(true)}>
                {t('settings.connections.remove')}
              </button>
            ) : null}
            {confirmRemove ? (
              <button type="button" className="btn btn-danger" data-testid="connection-remove-confirm" disabled={busy} onClick={() => void remove()}>
                {t('settings.connections.removeConfirm', { name })}
              </button>
            ) : null}
          </div>
          {result ? <TestOutcome result={result} /> : null}
        </>
      )}
    </article>
  );
}

export function ConnectionsSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const [list, setList] = useState<ConnectionInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.call('connections.list', {}).then(
      (r) => live && setList(r.connections),
      (e: unknown) => live && setLoadError(errorText(t, e)),
    );
    // Another window (or --config at start) may change them.
    const off = api.on('connections.changed', (l) => setList(l.connections));
    return () => {
      live = false;
      off();
    };
  }, [api, t]);

  return (
    <section className="connections-settings" data-testid="connections-settings" aria-labelledby="connections-title">
      <h2 id="connections-title">{t('settings.connections.title')}</h2>
      <p className="muted">{t('settings.connections.help')}</p>
      {loadError ? (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      ) : null}
      {list?.map((info) => <ConnectionCard key={info.remote} info={info} onChanged={setList} />)}
    </section>
  );
}
