// The target of an "Afosto print hub" printer: a select of the hub printers pulled from Afosto
// (printing.hubPrinters). Printers that do not take ZPL are listed but cannot be chosen; an
// offline hub is marked. A saved printer whose hub printer is no longer pulled stays selected.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubPrinterChoiceInfo } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { errorText } from '../../app/errors';

/** How an Afosto print encoding is written (escpos | zpl | pcl; anything newer as Afosto sends it). */
export const encodingText = (encoding: string) => (encoding === 'escpos' ? 'ESC/POS' : encoding.toUpperCase());

export interface HubPrinterFieldProps {
  id: string;
  value: string;
  error: string | null;
  onChange(uri: string, choices: readonly HubPrinterChoiceInfo[]): void;
}

export function HubPrinterField({ id, value, error, onChange }: HubPrinterFieldProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [choices, setChoices] = useState<HubPrinterChoiceInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.call('printing.hubPrinters', {}).then(
      (list) => live && setChoices(list),
      (e: unknown) => live && setLoadError(errorText(t, e)),
    );
    return () => {
      live = false;
    };
  }, [api, t]);

  const selectId = `${id}-hub`;
  const hintId = `${id}-hub-hint`;
  const errorId = `${id}-hub-error`;
  const chosen = choices?.find((c) => c.uri === value);
  const missing = value !== '' && choices !== null && !chosen;
  const empty = choices !== null && choices.length === 0;
  const hint = loadError ?? (choices === null ? t('settings.printers.hub.loading') : empty ? t('settings.printers.hub.none') : chosen?.hubOnline === false ? t('settings.printers.hub.offlineHint') : null);
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;

  const optionText = (c: HubPrinterChoiceInfo) => {
    const notes = [!c.printable ? t('settings.printers.hub.zplOnly') : '', c.hubOnline === false ? t('settings.printers.hub.offline') : ''].filter(Boolean);
    return `${c.name} · ${encodingText(c.encoding)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  };

  return (
    <div className="field">
      <label htmlFor={selectId}>{t('settings.printers.hub.label')}</label>
      <select
        id={selectId}
        className="input select hub-select"
        data-testid="printer-form-hub"
        value={value}
        disabled={choices === null || (empty && !value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value, choices ?? [])}
      >
        <option value="" disabled>
          {t('settings.printers.hub.choose')}
        </option>
        {missing ? <option value={value}>{`${value.slice('afosto:'.length)} (${t('settings.printers.hub.notListed')})`}</option> : null}
        {choices?.map((c) => (
          <option key={c.uri} value={c.uri} disabled={!c.printable} data-testid="printer-form-hub-option">
            {optionText(c)}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={hintId} className={loadError ? 'form-error' : 'muted form-hint'} data-testid="printer-form-hub-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
