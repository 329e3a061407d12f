// The five screens, each with its shortcut key shown on the button.
import { useTranslation } from 'react-i18next';
import { useServices, useUi } from '../app/context';
import { NAV_SHORTCUTS } from './shortcuts';

export function Nav() {
  const { t } = useTranslation();
  const { stores } = useServices();
  const current = useUi((s) => s.screen);
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {NAV_SHORTCUTS.map(({ screen, key, alt }) => (
          <li key={screen}>
            <button
              type="button"
              className="nav-item"
              data-testid={`nav-${screen}`}
              aria-current={current === screen ? 'page' : undefined}
              aria-keyshortcuts={`${key} ${alt}`}
              onClick={() => stores.ui.getState().navigate(screen)}
            >
              <span className="nav-label">{t(`nav.${screen}`)}</span>
              <kbd className="nav-key">{key}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
