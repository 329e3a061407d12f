// The heading and "what is coming" paragraph of a screen not built yet.
import { useTranslation } from 'react-i18next';

export function ScreenTitle({ screen }: { screen: 'pick' | 'pack' | 'calls' | 'sync' | 'settings' }) {
  const { t } = useTranslation();
  return (
    <h1 id="screen-title" className="screen-title">
      {t(`screens.${screen}.title`)}
    </h1>
  );
}

export function ComingSoon({ screen }: { screen: 'pick' | 'pack' | 'calls' | 'sync' }) {
  const { t } = useTranslation();
  return (
    <p className="coming" data-testid="coming-soon">
      {t(`screens.${screen}.coming`)}
    </p>
  );
}
