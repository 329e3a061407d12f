// The last scans the app received: code (exactly as read), kind and time.
import { useTranslation } from 'react-i18next';
import { useScans, useServices } from '../app/context';
import { formatTime } from '../i18n';
import { GS } from '../scanner';

export function ScanList() {
  const { t, i18n } = useTranslation();
  const { stores } = useServices();
  const scans = useScans((s) => s.scans);
  return (
    <section className="card scanner-panel" aria-labelledby="scanner-title">
      <div className="panel-head">
        <h2 id="scanner-title">{t('scanner.title')}</h2>
        <button
          type="button"
          className="btn"
          data-testid="scan-clear"
          disabled={scans.length === 0}
          onClick={() => stores.scans.getState().clear()}
        >
          {t('scanner.clear')}
        </button>
      </div>
      <p className="muted">{t('scanner.help')}</p>
      {scans.length === 0 ? (
        <p className="empty" data-testid="scan-empty">
          {t('scanner.empty')}
        </p>
      ) : null}
      <table className="scan-table" hidden={scans.length === 0}>
        <thead>
          <tr>
            <th scope="col">{t('scanner.code')}</th>
            <th scope="col">{t('scanner.kind')}</th>
            <th scope="col">{t('scanner.time')}</th>
          </tr>
        </thead>
        <tbody data-testid="scan-list">
          {scans.map((s) => (
            <tr key={s.id} className={`scan-row scan-${s.kind}`}>
              <td className="scan-code">
                <code data-testid="scan-item">{s.code}</code>
                {s.code.includes(GS) ? <span className="badge badge-info scan-gs">{t('scanner.fnc1')}</span> : null}
              </td>
              <td>
                {t(`scanner.kinds.${s.kind}`)}
                {s.kind === 'command' ? <span className="muted"> · {s.command}</span> : null}
              </td>
              <td className="scan-time">{formatTime(s.at, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
