import { useTranslation } from 'react-i18next';

export function PrintersSettings() {
  const { t } = useTranslation();
  return (
    <p className="coming" data-testid="printers-coming">
      {t('settings.printers.coming')}
    </p>
  );
}
