// Short messages in a corner; each removes itself after its time (errors stay longer).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices, useUi } from '../app/context';
import { TOAST_MS, type Toast } from './uiStore';

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const { stores } = useServices();
  useEffect(() => {
    const timer = setTimeout(() => stores.ui.getState().dismissToast(toast.id), TOAST_MS[toast.kind]);
    return () => clearTimeout(timer);
  }, [stores, toast.id, toast.kind]);
  return (
    <div className={`toast toast-${toast.kind}`} data-testid="toast" role={toast.kind === 'error' ? 'alert' : 'status'}>
      <span className="toast-text">{toast.text}</span>
      <button
        type="button"
        className="toast-close"
        aria-label={t('toast.dismiss')}
        onClick={() => stores.ui.getState().dismissToast(toast.id)}
      >
        ×
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  return (
    <div className="toasts">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
