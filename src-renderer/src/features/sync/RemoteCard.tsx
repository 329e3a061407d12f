// One remote system on the Sync screen: its state in words (and colour), last contact, what waits
// and what was refused, open conflicts, each pulled resource with its last successful pull and a
// progress bar while it runs, the last error in our words plus the remote's, and "Sync now".
import { useTranslation } from 'react-i18next';
import type { SyncError, SyncRemoteStatus, SyncResourceStatus } from '../../../../src-preload/contract';
import { RelativeTime } from './Time';
import { ProgressBar } from './ProgressBar';
import { formatCount, REMOTE_NAMES, remoteTone } from './view';

/** A failure: our words for its kind (the Connections test's wording), then the remote's own. */
export function ErrorText({ error }: { error: SyncError }) {
  const { t } = useTranslation();
  const ours = t(`settings.connections.test.kinds.${error.code}`, { defaultValue: '' });
  return (
    <>
      {ours ? <span>{ours} </span> : null}
      {error.message ? <span className="muted">{ours ? `(${error.message})` : error.message}</span> : ours ? null : <span>{error.code}</span>}
    </>
  );
}

export function resourceName(t: (k: string, o?: Record<string, unknown>) => string, resource: string): string {
  const plain = resource.replace(/[_-]+/g, ' ');
  return t(`sync.resources.${resource}`, { defaultValue: plain.charAt(0).toUpperCase() + plain.slice(1) });
}

export function RemoteCard({ remote, onSyncNow, busy }: { remote: SyncRemoteStatus; onSyncNow(): void; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const name = REMOTE_NAMES[remote.remote];
  const tone = remoteTone(remote.state);
  const headingId = `sync-remote-${remote.remote}`;
  return (
    <article
      className={`card remote-card remote-card-${tone}${remote.configured ? '' : ' remote-card-off'}`}
      data-testid="sync-remote"
      data-remote={remote.remote}
      data-state={remote.state}
      aria-labelledby={headingId}
    >
      <div className="remote-card-head">
        <h3 id={headingId} className="remote-name">
          {name}
        </h3>
        <span className={`chip chip-${tone}`} data-testid="sync-remote-state" title={t(`sync.stateHints.${remote.state}`)}>
          <span className="status-dot" aria-hidden="true" />
          {t(`sync.states.${remote.state}`)}
        </span>
      </div>
      {remote.state !== 'connected' ? <p className="remote-hint">{t(`sync.stateHints.${remote.state}`)}</p> : null}
      {remote.lastError && remote.state !== 'connected' ? (
        <p className="remote-error" data-testid="sync-remote-error">
          <strong>{t('sync.lastError')}:</strong> <ErrorText error={remote.lastError} />
        </p>
      ) : null}
      <dl className="remote-facts">
        {remote.configured ? (
          <div>
            <dt>{t('sync.lastContact')}</dt>
            <dd data-testid="sync-remote-contact">{remote.lastContactAt ? <RelativeTime at={remote.lastContactAt} /> : t('sync.never')}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('sync.pending')}</dt>
          <dd data-testid="sync-remote-pending">{remote.pending}</dd>
        </div>
        <div className={remote.dead > 0 ? 'fact-danger' : undefined}>
          <dt>{t('sync.dead')}</dt>
          <dd data-testid="sync-remote-dead">{remote.dead}</dd>
        </div>
        <div className={remote.conflicts > 0 ? 'fact-warn' : undefined}>
          <dt>{t('sync.conflicts')}</dt>
          <dd data-testid="sync-remote-conflicts">{remote.conflicts}</dd>
        </div>
      </dl>
      {remote.resources.length > 0 ? (
        <table className="table resource-table" data-testid="sync-resources">
          <colgroup>
            <col className="col-data" />
            <col className="col-last" />
            <col className="col-records" />
            <col className="col-state" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('sync.data')}</th>
              <th scope="col">{t('sync.lastPull')}</th>
              <th scope="col" className="num">
                {t('sync.records')}
              </th>
              <th scope="col">{t('sync.state')}</th>
            </tr>
          </thead>
          <tbody>
            {remote.resources.map((r) => (
              <ResourceRow key={r.resource} r={r} remoteName={name} language={i18n.language} />
            ))}
          </tbody>
        </table>
      ) : remote.configured ? (
        <p className="empty">{t('sync.noResources')}</p>
      ) : null}
      {remote.configured ? (
        <div className="button-row remote-actions">
          <button type="button" className="btn" data-testid="sync-remote-now" disabled={busy} onClick={onSyncNow}>
            {t('sync.nowOne', { name })}
          </button>
        </div>
      ) : null}
    </article>
  );
}

function ResourceRow({ r, remoteName, language }: { r: SyncResourceStatus; remoteName: string; language: string }) {
  const { t } = useTranslation();
  const label = resourceName(t, r.resource);
  return (
    <tr data-testid="sync-resource" data-resource={r.resource} data-running={r.running}>
      <th scope="row">{label}</th>
      <td data-testid="sync-resource-last">{r.lastSuccessAt ? <RelativeTime at={r.lastSuccessAt} /> : <span className="muted">{t('sync.notYet')}</span>}</td>
      <td className="num" data-testid="sync-resource-records">
        {formatCount(r.records, language)}
      </td>
      <td className="resource-state">
        {r.running ? (
          <ProgressBar progress={r.progress} label={t('sync.progressLabel', { resource: label, name: remoteName })} />
        ) : r.lastError ? (
          // The card says why above; here the word, with the remote's message on hover.
          <span className="chip chip-danger" data-testid="sync-resource-error" title={r.lastError.message || r.lastError.code}>
            {t('sync.pullFailed')}
          </span>
        ) : r.lastSuccessAt ? (
          <span className="muted">{t('sync.upToDate')}</span>
        ) : null}
      </td>
    </tr>
  );
}
