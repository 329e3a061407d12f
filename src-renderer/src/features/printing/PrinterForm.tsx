// Add or edit a printer (supervisors). The type decides which address fields show: a network
// printer's host and port (9100 unless told), a folder's path, an OS printer's name, or one of
// the Afosto print hubs' printers. Errors appear under their field, whether this form or main
// found them.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterInfo } from '../../../../src-preload/contract';
import { RpcError } from '../../api/client';
import { useApi } from '../../app/context';
import { useAction } from '../../app/useAction';
import { Field } from '../../components/Field';
import {
  checkDraft,
  DPIS,
  errorsFromIssues,
  FORMATS,
  LABEL_SIZES,
  PRINTER_TYPES,
  toggleFormat,
  toSaveInput,
  withHubChoice,
  withType,
  type DraftErrors,
  type PrinterDraft,
  type PrinterType,
} from './printerDraft';
import { HubPrinterField } from './HubPrinterField';
import { dpiText, LABEL_SIZE_TEXT } from './printerFacts';

export interface PrinterFormProps {
  initial: PrinterDraft;
  onSaved(printer: PrinterInfo): void;
  onCancel(): void;
}

export function PrinterForm({ initial, onSaved, onCancel }: PrinterFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const typeRef = useRef<HTMLSelectElement>(null);
  const editing = Boolean(initial.id);
  const err = (k: keyof DraftErrors) => (errors[k] ? t(`settings.printers.errors.${errors[k]}`) : null);
  const set = (patch: Partial<PrinterDraft>) => setDraft((d) => ({ ...d, ...patch }));

  useEffect(() => typeRef.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = checkDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const saved = await run(() => api.call('printing.savePrinter', toSaveInput(draft)), {
      success: (p) => t(editing ? 'settings.printers.saved' : 'settings.printers.added', { name: p.name }),
      // Core's schema found a field wrong: show it under that field, not in a toast.
      onError: (e2) => {
        const invalid = e2 instanceof RpcError && e2.code === 'VALIDATION';
        setErrors(invalid ? errorsFromIssues(e2.details, draft.type) : {});
        return invalid;
      },
    });
    if (saved) onSaved(saved);
  }

  const formatsErrorId = `${id}-formats-error`;
  return (
    <form
      className="card printer-form"
      data-testid="printer-form"
      noValidate
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h2 id={`${id}-title`}>{editing ? t('settings.printers.editTitle', { name: initial.name }) : t('settings.printers.addTitle')}</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('settings.printers.type')}</label>
          <select
            ref={typeRef}
            id={`${id}-type`}
            className="input select"
            data-testid="printer-form-type"
            value={draft.type}
            onChange={(e) => setDraft((d) => withType(d, e.target.value as PrinterType))}
          >
            {PRINTER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`settings.printers.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t('settings.printers.name')}
          testId="printer-form-name"
          value={draft.name}
          maxLength={80}
          autoComplete="off"
          placeholder={t('settings.printers.namePlaceholder')}
          onChange={(e) => set({ name: e.target.value })}
          error={err('name')}
        />
      </div>

      {draft.type === 'tcp' ? (
        <div className="field-row">
          <Field
            label={t('settings.printers.host')}
            testId="printer-form-host"
            value={draft.host}
            maxLength={253}
            autoComplete="off"
            spellCheck={false}
            placeholder="192.168.1.50"
            onChange={(e) => set({ host: e.target.value })}
            error={err('host')}
          />
          <div className="field-narrow">
            <Field
              label={t('settings.printers.port')}
              testId="printer-form-port"
              value={draft.port}
              inputMode="numeric"
              maxLength={5}
              autoComplete="off"
              onChange={(e) => set({ port: e.target.value.replace(/\D/g, '') })}
              error={err('port')}
            />
          </div>
        </div>
      ) : draft.type === 'dir' ? (
        <Field
          label={t('settings.printers.path')}
          testId="printer-form-path"
          value={draft.path}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('settings.printers.pathPlaceholder')}
          onChange={(e) => set({ path: e.target.value })}
          error={err('path')}
        />
      ) : draft.type === 'afosto' ? (
        <HubPrinterField id={id} value={draft.hubUri} error={err('hub')} onChange={(uri, choices) => setDraft((d) => withHubChoice(d, uri, choices))} />
      ) : (
        <Field
          label={t('settings.printers.osName')}
          testId="printer-form-osname"
          value={draft.osName}
          autoComplete="off"
          placeholder={t('settings.printers.systemDefault')}
          onChange={(e) => set({ osName: e.target.value })}
          error={err('osName')}
        />
      )}

      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-dpi`}>{t('settings.printers.dpi')}</label>
          <select
            id={`${id}-dpi`}
            className="input select"
            data-testid="printer-form-dpi"
            value={draft.dpi}
            aria-invalid={errors.dpi ? true : undefined}
            onChange={(e) => set({ dpi: Number(e.target.value) as PrinterDraft['dpi'] })}
          >
            {DPIS.map((d) => (
              <option key={d} value={d}>
                {dpiText(d)}
              </option>
            ))}
          </select>
          {errors.dpi ? <p className="field-error">{err('dpi')}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-size`}>{t('settings.printers.labelSize')}</label>
          <select
            id={`${id}-size`}
            className="input select"
            data-testid="printer-form-size"
            value={draft.labelSize}
            aria-invalid={errors.labelSize ? true : undefined}
            onChange={(e) => set({ labelSize: e.target.value as PrinterDraft['labelSize'] })}
          >
            {LABEL_SIZES.map((s) => (
              <option key={s} value={s}>
                {LABEL_SIZE_TEXT[s]}
              </option>
            ))}
          </select>
          {errors.labelSize ? <p className="field-error">{err('labelSize')}</p> : null}
        </div>
        {/* A hub printer takes ZPL only: nothing to choose. */}
        {draft.type !== 'afosto' ? (
          <fieldset className="field fieldset" aria-describedby={errors.formats ? formatsErrorId : undefined}>
            <legend>{t('settings.printers.formats')}</legend>
            <div className="check-row">
              {FORMATS.map((f) => (
                <label key={f} className="check">
                  <input
                    type="checkbox"
                    data-testid={`printer-form-format-${f}`}
                    checked={draft.formats.includes(f)}
                    onChange={(e) => setDraft((d) => toggleFormat(d, f, e.target.checked))}
                  />
                  {f.toUpperCase()}
                </label>
              ))}
            </div>
            {errors.formats ? (
              <p id={formatsErrorId} className="field-error" role="alert">
                {err('formats')}
              </p>
            ) : null}
          </fieldset>
        ) : null}
      </div>
      <p className="muted form-hint">{t(`settings.printers.formatsHint.${draft.type}`)}</p>
      {draft.type === 'tcp' ? (
        <div className="field">
          <label className="check">
            <input
              type="checkbox"
              data-testid="printer-form-skip-status"
              checked={draft.skipStatus}
              aria-describedby={`${id}-skip-status-hint`}
              onChange={(e) => set({ skipStatus: e.target.checked })}
            />
            {t('settings.printers.skipStatus')}
          </label>
          <p id={`${id}-skip-status-hint`} className="muted form-hint">
            {t('settings.printers.skipStatusHint')}
          </p>
        </div>
      ) : null}

      {errors.form ? (
        <p className="form-error" role="alert">
          {err('form')}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary" data-testid="printer-form-submit" disabled={busy}>
          {editing ? t('settings.printers.save') : t('settings.printers.add')}
        </button>
        <button type="button" className="btn" data-testid="printer-form-cancel" onClick={onCancel}>
          {t('settings.printers.cancel')}
        </button>
      </div>
    </form>
  );
}
