// Sync: the outbox counts and connectivity today; the outbox list comes with the sync issue.
import { useTranslation } from 'react-i18next';
import { useStatus } from '../../app/context';
import { connectivity } from '../../shell/statusStore';
import { ComingSoon, ScreenTitle } from '../../components/ComingSoon';

export function SyncScreen() {
  const { t } = useTranslation();
  const state = useStatus(connectivity);
  const outbox = useStatus((s) => s.status?.outbox ?? { pending: 0, dead: 0 });
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
      <ComingSoon screen="sync" />
    </>
  );
}
