// Conflicts: a remote version a pull did not apply because local changes to the same record were
// still waiting. Per conflict: the remote, the record, when it was found, the remote's version as
// readable fields (shown on request), and "Dismiss" for a supervisor (the local version stays).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { useAction } from '../../app/useAction';
import { useIsSupervisor } from '../station/useStation';
import { resourceName } from './RemoteCard';
import { RelativeTime } from './Time';
import { readableRecord, REMOTE_NAMES } from './view';

export function ConflictList({ conflicts, onChanged }: { conflicts: SyncConflict[] | null; onChanged(): void }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="sync-conflicts-title" data-testid="sync-conflicts">
      <h2 id="sync-conflicts-title">{t('sync.conflictsTitle')}</h2>
      {conflicts && conflicts.length === 0 ? <p className="empty">{t('sync.conflictsEmpty')}</p> : null}
      {conflicts && conflicts.length > 0 ? (
        <>
          <p className="form-hint">{t('sync.conflictsHelp')}</p>
          <ul className="conflict-list">
            {conflicts.map((c) => (
              <ConflictItem key={c.id} c={c} onChanged={onChanged} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function ConflictItem({ c, onChanged }: { c: SyncConflict; onChanged(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const supervisor = useIsSupervisor();
  const [open, setOpen] = useState(false);
  const { lines, more } = readableRecord(c.remoteData);
  const bodyId = `conflict-${c.id}`;

  async function dismiss() {
    const r = await run(() => api.call('sync.dismissConflict', { id: c.id }), { success: () => t('sync.dismissed') });
    if (r !== undefined) onChanged();
  }

  return (
    <li className="conflict" data-testid="sync-conflict" data-conflict-id={c.id} data-remote={c.remote}>
      <div className="conflict-head">
        <span className="chip chip-warn">{REMOTE_NAMES[c.remote]}</span>
        <span className="conflict-what" data-testid="sync-conflict-what">
          <strong>{resourceName(t, c.resource)}</strong> · {c.entity} {c.entityId}
        </span>
        <span className="conflict-when">
          {t('sync.conflictWhen')} <RelativeTime at={c.detectedAt} testId="sync-conflict-when" />
        </span>
        <div className="button-row conflict-actions">
          <button type="button" className="btn" aria-expanded={open} aria-controls={bodyId} data-testid="sync-conflict-toggle" onClick={() => setOpen(!open)}>
            {open ? t('sync.hideRemoteVersion') : t('sync.showRemoteVersion')}
          </button>
          {supervisor ? (
            <button type="button" className="btn" data-testid="sync-conflict-dismiss" disabled={busy} onClick={() => void dismiss()}>
              {t('sync.dismiss')}
            </button>
          ) : null}
        </div>
      </div>
      {open ? (
        <div id={bodyId} className="conflict-body" data-testid="sync-conflict-remote">
          <h3 className="conflict-body-title">{t('sync.remoteVersion')}</h3>
          <dl className="record">
            {lines.map(([k, v], i) => (
              <div key={`${k}-${i}`} className="record-line">
                {k ? <dt>{k}</dt> : null}
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          {more > 0 ? <p className="muted">{t('sync.moreFields', { count: more })}</p> : null}
        </div>
      ) : null}
    </li>
  );
}
