// Station, who is signed in, connectivity (features/sync decides the word), outbox counts, and the
// switch-user button.
import { useTranslation } from 'react-i18next';
import { useServices, useStatus } from '../app/context';
import { useSession, useSignOut } from '../features/station/useStation';
import { usePill } from '../features/sync/usePill';
import { useRemotesFeed } from '../features/sync/useRemotes';
import { headerPillText } from '../features/sync/view';
import { DemoBadge } from '../features/training/DemoBadge';

export function Header() {
  const { t } = useTranslation();
  const { stores } = useServices();
  const { signOut, busy } = useSignOut();
  const station = useSession((s) => s.station);
  useRemotesFeed();
  const pill = usePill();
  const pillText = headerPillText(pill);
  const state = pill.state;
  const outbox = useStatus((s) => s.status?.outbox ?? { pending: 0, dead: 0 });
  const user = station?.currentUser;

  return (
    <header className="header">
      <div className="brand" aria-hidden="true">
        {t('app.name')}
      </div>
      <div className="header-station" data-testid="header-station" title={t('header.station')}>
        {station?.name}
      </div>
      <DemoBadge />
      <div className="header-spacer" />
      <div
        className={`status-pill status-${state}`}
        data-testid="header-online"
        data-state={state}
        data-remote={pill.remote}
        role="status"
        title={t(`header.${state}Hint`)}
      >
        <span className="status-dot" aria-hidden="true" />
        {t(pillText.key, pillText.values)}
      </div>
      <div
        className="outbox"
        data-testid="header-outbox"
        data-pending={outbox.pending}
        data-dead={outbox.dead}
        title={t('header.outboxHint', { pending: outbox.pending, dead: outbox.dead })}
      >
        <span className="outbox-item">
          {t('header.pending')}{' '}
          <span className={`badge${outbox.pending > 0 ? ' badge-info' : ''}`} data-testid="outbox-pending">
            {outbox.pending}
          </span>
        </span>
        <span className="outbox-item">
          {t('header.dead')}{' '}
          <span className={`badge${outbox.dead > 0 ? ' badge-danger' : ''}`} data-testid="outbox-dead">
            {outbox.dead}
          </span>
        </span>
      </div>
      {user ? (
        <div className="header-user" data-testid="header-user">
          <span className="header-user-name">{user.name}</span>
          <span className="header-user-role">{t(`roles.${user.role}`)}</span>
        </div>
      ) : null}
      <button type="button" className="btn" data-testid="switch-user" disabled={busy} onClick={() => void signOut()}>
        {t('header.switchUser')}
      </button>
      <button
        type="button"
        className="btn btn-icon"
        data-testid="help-button"
        aria-label={t('header.help')}
        title={`${t('header.help')} (?)`}
        onClick={() => stores.ui.getState().setHelpOpen(!stores.ui.getState().helpOpen)}
      >
        ?
      </button>
    </header>
  );
}
