// Sync: connectivity, per remote what waits and what was refused, and the refused operations with
// the remote's own message. A supervisor retries, edits (the payload as JSON) or discards (after a
// confirmation) a refused one; anyone may ask to sync now.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Remote, SyncOp } from '../../../../src-preload/contract';
import { useApi, useStatus } from '../../app/context';
import { useAction } from '../../app/useAction';
import { ScreenTitle } from '../../components/ComingSoon';
import { connectivity } from '../../shell/statusStore';
import { useIsSupervisor } from '../station/useStation';
import { useSyncOps } from './useSyncOps';

/** Product names: the same in every language. */
const REMOTE_NAMES: Record<Remote, string> = { afosto: 'Afosto', ucs: 'UCS', ultracart: 'UltraCart', homs: 'HOMS', opentaps: 'Opentaps' };

export function SyncScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const state = useStatus(connectivity);
  const outbox = useStatus((s) => s.status?.outbox ?? { pending: 0, dead: 0 });
  const { data, error, reload } = useSyncOps();
  const dead = data?.ops.filter((o) => o.status === 'dead') ?? [];

  async function syncNow() {
    await run(() => api.call('sync.now', {}), { success: () => t('sync.started') });
    void reload();
  }

  return (
    <>
      <ScreenTitle screen="sync" />
      <div className="stat-grid">
        <div className="card stat">
          <div className="stat-label">{t('screens.sync.connection')}</div>
          <div className={`stat-value status-text-${state}`} data-testid="sync-connection">
            {t(`header.${state}`)}
          </div>
        </div>
        <div className="card stat">
          <div className="stat-label">{t('screens.sync.pending')}</div>
          <div className="stat-value" data-testid="sync-pending">
            {outbox.pending}
          </div>
        </div>
        <div className={`card stat${outbox.dead > 0 ? ' stat-danger' : ''}`}>
          <div className="stat-label">{t('screens.sync.dead')}</div>
          <div className="stat-value" data-testid="sync-dead">
            {outbox.dead}
          </div>
        </div>
      </div>
      <div className="button-row">
        <button type="button" className="btn btn-primary" data-testid="sync-now" disabled={busy} onClick={() => void syncNow()}>
          {t('sync.now')}
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <section className="card" aria-labelledby="sync-remotes-title">
        <h2 id="sync-remotes-title">{t('sync.remotesTitle')}</h2>
        <table className="table" data-testid="sync-remotes">
          <thead>
            <tr>
              <th scope="col">{t('sync.remote')}</th>
              <th scope="col" className="num">
                {t('sync.pending')}
              </th>
              <th scope="col" className="num">
                {t('sync.dead')}
              </th>
            </tr>
          </thead>
          <tbody>
            {(data?.remotes ?? []).map((r) => (
              <tr key={r.remote} data-testid="sync-remote" data-remote={r.remote}>
                <td>{REMOTE_NAMES[r.remote]}</td>
                <td className="num" data-testid="sync-remote-pending">
                  {r.pending}
                </td>
                <td className={`num${r.dead > 0 ? ' status-text-offline' : ''}`} data-testid="sync-remote-dead">
                  {r.dead}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="sync-dead-title">
        <h2 id="sync-dead-title">{t('sync.deadTitle')}</h2>
        {data && dead.length === 0 ? <p className="empty">{t('sync.deadEmpty')}</p> : null}
        {dead.length > 0 ? (
          <table className="table" data-testid="sync-dead-list">
            <thead>
              <tr>
                <th scope="col">{t('sync.remote')}</th>
                <th scope="col">{t('sync.what')}</th>
                <th scope="col">{t('sync.message')}</th>
                <th scope="col" className="num">
                  {t('sync.attempts')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('sync.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {dead.map((op) => (
                <DeadRow key={op.id} op={op} onChanged={() => void reload()} />
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}

function DeadRow({ op, onChanged }: { op: SyncOp; onChanged(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const supervisor = useIsSupervisor();
  const [mode, setMode] = useState<'view' | 'confirm' | 'edit'>('view');
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);

  async function act(call: () => Promise<unknown>, success: string) {
    const r = await run(call, { success: () => success });
    if (r !== undefined) {
      setMode('view');
      onChanged();
    }
  }

  async function saveEdit() {
    let payload: unknown;
    try {
      payload = JSON.parse(draft) as unknown;
    } catch {
      setDraftError(t('sync.badJson'));
      return;
    }
    setDraftError(null);
    const r = await run(() => api.call('sync.edit', { id: op.id, payload }), {
      success: () => t('sync.edited'),
      onError: (_e, text) => {
        setDraftError(text);
        return true;
      },
    });
    if (r !== undefined) {
      setMode('view');
      onChanged();
    }
  }

  return (
    <tr data-testid="sync-dead-row" data-op-id={op.id}>
      <td>{REMOTE_NAMES[op.remote]}</td>
      <td>
        <span>
          {op.entity} {op.entityId}
        </span>
        <span className="muted"> · {op.operation}</span>
      </td>
      <td>
        <span className="chip chip-danger" data-testid="sync-dead-code">
          {op.errorCode ?? '—'}
        </span>{' '}
        <span data-testid="sync-dead-message">{op.errorMessage ?? ''}</span>
        {mode === 'edit' ? (
          <div className="field">
            <label htmlFor={`sync-edit-${op.id}`}>{t('sync.payload')}</label>
            <textarea id={`sync-edit-${op.id}`} data-testid="sync-edit-payload" rows={6} value={draft} onChange={(e) => setDraft(e.target.value)} />
            {draftError ? (
              <p className="form-error" role="alert" data-testid="sync-edit-error">
                {draftError}
              </p>
            ) : null}
            <div className="button-row">
              <button type="button" className="btn btn-primary" data-testid="sync-edit-save" disabled={busy} onClick={() => void saveEdit()}>
                {t('sync.saveAndRetry')}
              </button>
              <button type="button" className="btn" onClick={() => setMode('view')}>
                {t('sync.cancel')}
              </button>
            </div>
          </div>
        ) : null}
        {mode === 'confirm' ? (
          <div className="confirm" role="group" aria-label={t('sync.discardConfirm')} onKeyDown={(e) => e.key === 'Escape' && setMode('view')}>
            <p className="confirm-text">{t('sync.discardConfirm')}</p>
            <div className="button-row">
              <button
                type="button"
                className="btn btn-danger"
                data-testid="sync-discard-confirm"
                disabled={busy}
                onClick={() => void act(() => api.call('sync.discard', { id: op.id }), t('sync.discarded'))}
              >
                {t('sync.discardYes')}
              </button>
              <button type="button" className="btn" data-testid="sync-discard-cancel" onClick={() => setMode('view')}>
                {t('sync.cancel')}
              </button>
            </div>
          </div>
        ) : null}
      </td>
      <td className="num">{op.attempts}</td>
      <td>
        {supervisor && mode === 'view' ? (
          <div className="button-row">
            <button type="button" className="btn" data-testid="sync-retry" disabled={busy} onClick={() => void act(() => api.call('sync.retry', { id: op.id }), t('sync.retried'))}>
              {t('sync.retry')}
            </button>
            <button
              type="button"
              className="btn"
              data-testid="sync-edit"
              onClick={() => {
                setDraft(JSON.stringify(op.payload, null, 2));
                setDraftError(null);
                setMode('edit');
              }}
            >
              {t('sync.edit')}
            </button>
            <button type="button" className="btn btn-danger" data-testid="sync-discard" onClick={() => setMode('confirm')}>
              {t('sync.discard')}
            </button>
          </div>
        ) : null}
      </td>
    </tr>
  );
}
