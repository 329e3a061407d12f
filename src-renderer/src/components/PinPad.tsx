// On-screen digit pad for PIN entry: big keys for a touch screen or a mouse with gloves on.
// Keys never take focus (mousedown is prevented) so typing on the keyboard keeps working.
import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

export function PinPad({ onDigit, onClear, onBack }: { onDigit(d: string): void; onClear(): void; onBack(): void }) {
  const { t } = useTranslation();
  return (
    <div className="pinpad" role="group" aria-label={t('signin.pin')}>
      {KEYS.map((k) => {
        const label = k === 'clear' ? t('signin.clear') : k === 'back' ? '⌫' : k;
        const action = k === 'clear' ? onClear : k === 'back' ? onBack : () => onDigit(k);
        return (
          <button
            key={k}
            type="button"
            tabIndex={-1}
            className={`pinpad-key${k.length > 1 ? ' pinpad-key-fn' : ''}`}
            data-testid={`pinpad-${k}`}
            aria-label={k === 'back' ? t('signin.backspace') : label}
            onMouseDown={(e) => e.preventDefault()}
            onClick={action}
          >
            {label}
          </button>
        );
      })}
    </div>
  );
}
