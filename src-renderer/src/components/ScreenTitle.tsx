// The heading of a screen (the shell labels the main region by it).
import { useTranslation } from 'react-i18next';

export function ScreenTitle({ screen }: { screen: 'pick' | 'pack' | 'calls' | 'sync' | 'settings' }) {
  const { t } = useTranslation();
  return (
    <h1 id="screen-title" className="screen-title">
      {t(`screens.${screen}.title`)}
    </h1>
  );
}
