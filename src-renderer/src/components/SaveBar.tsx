// The foot of a settings form: the form's own error, then Save and Discard changes (hidden for
// someone who may only read the settings).
import { useTranslation } from 'react-i18next';

export interface SaveBarProps {
  error: string | undefined;
  readOnly: boolean;
  /** Save and Discard are off while saving and while nothing changed. */
  disabled: boolean;
  onReset(): void;
  testIds: { error: string; save: string; reset: string };
}

export function SaveBar({ error, readOnly, disabled, onReset, testIds }: SaveBarProps) {
  const { t } = useTranslation();
  return (
    <>
      {error ? (
        <p className="form-error" role="alert" data-testid={testIds.error}>
          {error}
        </p>
      ) : null}
      {readOnly ? null : (
        <div className="button-row">
          <button type="submit" className="btn btn-primary" data-testid={testIds.save} disabled={disabled}>
            {t('settingsExtra.save')}
          </button>
          <button type="button" className="btn" data-testid={testIds.reset} disabled={disabled} onClick={onReset}>
            {t('settingsExtra.reset')}
          </button>
        </div>
      )}
    </>
  );
}
