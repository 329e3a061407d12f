// The shortcut list, opened with `?` or the header's ? button, closed with Escape.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../app/context';
import { SCREENS } from './uiStore';
import { NAV_SHORTCUTS, REPRINT_LAST_KEYS } from './shortcuts';

// Per-screen keys, as the screens handle them (PickGuided, PackScreen + ScaleReading/PhotoButton,
// IncomingCall + CallWork): keep in step with those handlers.
const SCREEN_KEYS: { screen: 'pick' | 'pack' | 'calls'; keys: [string, string][] }[] = [
  { screen: 'pick', keys: [['F6', 'pickUndo'], ['F7', 'pickSkip'], ['F8', 'pickShort'], ['Esc', 'pickBack']] },
  {
    screen: 'pack',
    keys: [['F6', 'packNewParcel'], ['F7', 'packWeight'], ['F8', 'packClose'], ['F9', 'packReprint'], ['F10', 'packOverride'], ['F11', 'packUndo'], ['F12', 'packPhoto']],
  },
  { screen: 'calls', keys: [['1–9', 'callChoose'], ['Esc', 'callDismiss'], ['Ctrl+Enter', 'callSaveNote'], ['Esc ', 'callCancelNote']] },
];

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
        {SCREEN_KEYS.map(({ screen, keys }) => (
          <section key={screen} data-testid={`help-keys-${screen}`}>
            <h3>{t(`nav.${screen}`)}</h3>
            <table className="help-table">
              <tbody>
                {keys.map(([key, what]) => (
                  <tr key={key}>
                    <td>
                      <kbd>{key.trim()}</kbd>
                    </td>
                    <td>{t(`help.keys.${what}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
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
