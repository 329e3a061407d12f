// Sync: the connection in one word, what waits and what was refused; per remote a card (state,
// last contact, pulls with their progress, counts, "Sync now"); open conflicts; and the refused
// operations a supervisor retries, edits or discards. Everything follows core's events live.
import { useTranslation } from 'react-i18next';
import type { Remote } from '../../../../src-preload/contract';
import { useApi, useStatus } from '../../app/context';
import { useAction } from '../../app/useAction';
import { ScreenTitle } from '../../components/ScreenTitle';
import { ConflictList } from './ConflictList';
import { DeadOps } from './DeadOps';
import { RemoteCard } from './RemoteCard';
import { useConflicts } from './useConflicts';
import { usePill } from './usePill';
import { useSync } from './useRemotes';
import { useSyncOps } from './useSyncOps';
import { headerPillText, remoteCards, REMOTE_NAMES } from './view';

export function SyncScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const pill = usePill();
  const pillText = headerPillText(pill);
  const outbox = useStatus((s) => s.status?.outbox ?? { pending: 0, dead: 0 });
  const remotes = useSync((s) => s.remotes);
  const { data, error, reload } = useSyncOps();
  const conflicts = useConflicts();
  const dead = data?.ops.filter((o) => o.status === 'dead') ?? [];
  const ordered = remoteCards(remotes, data?.remotes ?? null);

  async function syncNow(remote?: Remote) {
    const name = remote ? REMOTE_NAMES[remote] : null;
    await run(() => api.call('sync.now', remote ? { remote } : {}), { success: () => (name ? t('sync.startedOne', { name }) : t('sync.started')) });
    void reload();
  }

  return (
    <div className="sync-screen">
      <div className="screen-head">
        <ScreenTitle screen="sync" />
        <button type="button" className="btn btn-primary btn-large" data-testid="sync-now" disabled={busy} onClick={() => void syncNow()}>
          {t('sync.now')}
        </button>
      </div>
      <div className="stat-grid">
        <div className="card stat">
          <div className="stat-label">{t('screens.sync.connection')}</div>
          <div className={`stat-value stat-value-text status-text-${pill.state}`} data-testid="sync-connection" data-state={pill.state}>
            {t(pillText.key, pillText.values)}
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
      {error || conflicts.error ? (
        <p className="form-error" role="alert">
          {error ?? conflicts.error}
        </p>
      ) : null}
      <section aria-labelledby="sync-remotes-title" className="sync-remotes">
        <h2 id="sync-remotes-title">{t('sync.remotesTitle')}</h2>
        <div className="remote-grid" data-testid="sync-remotes">
          {ordered.map((r) => (
            <RemoteCard key={r.remote} remote={r} busy={busy} onSyncNow={() => void syncNow(r.remote)} />
          ))}
        </div>
      </section>
      <ConflictList conflicts={conflicts.conflicts} onChanged={() => void conflicts.reload()} />
      <DeadOps dead={dead} loaded={data !== null} onChanged={() => void reload()} />
    </div>
  );
}
