// The marker a demo station shows on every screen, so nobody mistakes sample data for real work.
import { useTranslation } from 'react-i18next';
import { useTrainingState } from './useTraining';
import './training.css';

export function DemoBadge() {
  const { t } = useTranslation();
  const state = useTrainingState();
  if (!state?.demo) return null;
  return (
    <div className="demo-badge" data-testid="demo-badge" role="note" title={t('training.badgeHint')} aria-label={t('training.badgeHint')}>
      {t('training.badge')}
    </div>
  );
}
