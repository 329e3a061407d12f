// Operations a remote refused (dead), with the remote's own message. A supervisor retries, edits
// (the payload as JSON, checked by the operation's schema) or discards one after a confirmation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncOp } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { useAction } from '../../app/useAction';
import { useIsSupervisor } from '../station/useStation';
import { REMOTE_NAMES } from './view';

export function DeadOps({ dead, loaded, onChanged }: { dead: SyncOp[]; loaded: boolean; onChanged(): void }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="sync-dead-title">
      <h2 id="sync-dead-title">{t('sync.deadTitle')}</h2>
      {loaded && dead.length === 0 ? <p className="empty">{t('sync.deadEmpty')}</p> : null}
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
              <DeadRow key={op.id} op={op} onChanged={onChanged} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function DeadRow({ op, onChanged }: { op: SyncOp; onChanged(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const supervisor = useIsSupervisor();
  const [mode, setMode] = useState<'view' | 'confirm' | 'edit'>('view');
  const [inspect, setInspect] = useState(false);
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
        {inspect && mode !== 'edit' ? (
          <pre className="payload" id={`sync-payload-${op.id}`} data-testid="sync-dead-payload" aria-label={t('sync.payload')}>
            {JSON.stringify(op.payload, null, 2)}
          </pre>
        ) : null}
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
        <div className="button-row">
          {mode !== 'edit' ? (
            <button
              type="button"
              className="btn"
              data-testid="sync-inspect"
              aria-expanded={inspect}
              aria-controls={`sync-payload-${op.id}`}
              onClick={() => setInspect(!inspect)}
            >
              {inspect ? t('sync.hidePayload') : t('sync.inspect')}
            </button>
          ) : null}
        {supervisor && mode === 'view' ? (
          <>
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
          </>
        ) : null}
        </div>
      </td>
    </tr>
  );
}
