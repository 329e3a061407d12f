// The shortcut list, opened with `?` or the header's ? button, closed with Escape.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../app/context';
import { SCREENS } from './uiStore';
import { NAV_SHORTCUTS, REPRINT_LAST_KEYS } from './shortcuts';

export function HelpOverlay() {
  const { t } = useTranslation();
  const { stores } = useServices();
  const closeRef = useRef<HTMLButtonElement>(null);
  const close = () => stores.ui.getState().setHelpOpen(false);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="overlay" onClick={close}>
      <div
        className="card help-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        data-testid="help-overlay"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="help-title">{t('help.title')}</h2>
        <table className="help-table">
          <tbody>
            {NAV_SHORTCUTS.map(({ screen, key, alt }) => (
              <tr key={screen}>
                <td>
                  <kbd>{key}</kbd> {t('help.alternative')} <kbd>{alt}</kbd>
                </td>
                <td>
                  {t('help.navigation')}: <strong>{t(`nav.${screen}`)}</strong>
                </td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd>{REPRINT_LAST_KEYS}</kbd>
              </td>
              <td>{t('help.reprintLast')}</td>
            </tr>
            <tr>
              <td>
                <kbd>?</kbd>
              </td>
              <td>{t('help.showHelp')}</td>
            </tr>
            <tr>
              <td>
                <kbd>Esc</kbd>
              </td>
              <td>{t('help.closeHelp')}</td>
            </tr>
          </tbody>
        </table>
        <h3>{t('help.scanning')}</h3>
        <p>{t('help.scanningText')}</p>
        <p className="help-commands">
          {SCREENS.map((s) => (
            <code key={s}>CMD:{s.toUpperCase()}</code>
          ))}
        </p>
        <button ref={closeRef} type="button" className="btn btn-primary" onClick={close}>
          {t('help.close')}
        </button>
      </div>
    </div>
  );
}
