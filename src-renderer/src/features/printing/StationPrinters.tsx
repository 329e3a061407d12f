// Which printer this station's labels and packing slips go to, and a preview of the test label
// as the label printer would print it. The preview SVG is shown as an image (data: URL), never
// put into the page as markup.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterInfo, PrinterRole } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { errorText } from '../../app/errors';
import { useAction } from '../../app/useAction';
import { useSession } from '../station/useStation';
import { LABEL_SIZE_TEXT } from './printerFacts';
import type { Roles } from './usePrinters';

const ROLES: readonly PrinterRole[] = ['label', 'slip'];

/** A packing slip is a page document: only a printer that takes PDF can print it. */
export function canPrintRole(p: PrinterInfo, role: PrinterRole): boolean {
  return role === 'label' ? p.options.formats.length > 0 : p.options.formats.includes('pdf');
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function stamp(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

function LabelPreview({ printer }: { printer: PrinterInfo }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const stationName = useSession((s) => s.station?.name ?? '');
  const [preview, setPreview] = useState<{ key: string; url: string; widthMm: number; heightMm: number; cut: string[] } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const lang = i18n.language === 'cs' ? 'cs' : 'en';
  const { dpi, labelSize } = printer.options;
  const key = [printer.id, printer.name, dpi, labelSize, lang, stationName].join('|');

  useEffect(() => {
    let live = true;
    api
      .call('printing.preview', {
        template: 'test',
        data: { size: labelSize, dpi, lang, printerName: printer.name, stationId: stationName, printedAt: stamp(new Date()) },
      })
      .then(
        (r) => {
          if (!live) return;
          setPreview({ key, url: svgDataUrl(r.svg), widthMm: r.widthMm, heightMm: r.heightMm, cut: (r.truncated ?? []).map((c) => c.text) });
          setFailed(null);
        },
        (e: unknown) => live && setFailed(errorText(t, e)),
      );
    return () => {
      live = false;
    };
  }, [api, t, key, labelSize, dpi, lang, printer.name, stationName]);

  return (
    <figure className="label-preview">
      {preview ? (
        <img
          data-testid="label-preview"
          src={preview.url}
          width={Math.round(preview.widthMm * 1.6)}
          height={Math.round(preview.heightMm * 1.6)}
          alt={t('settings.printers.previewAlt', { name: printer.name })}
          className={preview.key === key ? undefined : 'stale'}
        />
      ) : failed ? (
        <p className="form-error">{failed}</p>
      ) : (
        <div className="preview-placeholder" aria-hidden="true" />
      )}
      {preview && preview.cut.length > 0 ? (
        <p className="form-error" data-testid="label-preview-cut">
          {t('settings.printers.previewCut', { texts: preview.cut.join(', ') })}
        </p>
      ) : null}
      <figcaption className="muted">
        {t('settings.printers.previewCaption', { name: printer.name, size: LABEL_SIZE_TEXT[labelSize] })}
      </figcaption>
    </figure>
  );
}

export interface StationPrintersProps {
  printers: PrinterInfo[];
  roles: Roles;
  supervisor: boolean;
  onRoles(roles: Roles): void;
}

export function StationPrinters({ printers, roles, supervisor, onRoles }: StationPrintersProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const byId = (id: string) => printers.find((p) => p.id === id);

  async function assign(role: PrinterRole, printerId: string) {
    const next = await run(() => api.call('printing.assignPrinter', { role, printerId }), {
      success: () => t(`settings.printers.assigned.${role}`, { name: byId(printerId)?.name ?? printerId }),
    });
    if (next) onRoles(next);
  }

  const labelPrinter = byId(roles.label);
  return (
    <section className="card station-printers" aria-labelledby="station-printers-title" data-testid="station-printers">
      <h2 id="station-printers-title">{t('settings.printers.stationTitle')}</h2>
      {ROLES.map((role) =>
        supervisor ? (
          <div className="field" key={role}>
            <label htmlFor={`role-${role}`}>{t(`settings.printers.roles.${role}`)}</label>
            <select
              id={`role-${role}`}
              className="input select"
              data-testid={`role-${role}`}
              value={roles[role]}
              disabled={busy}
              onChange={(e) => void assign(role, e.target.value)}
            >
              {roles[role] && !byId(roles[role]) ? <option value={roles[role]}>{t('settings.printers.unknownPrinter')}</option> : null}
              {printers.map((p) => {
                const usable = canPrintRole(p, role);
                return (
                  <option key={p.id} value={p.id} disabled={!usable}>
                    {usable ? p.name : t('settings.printers.noPdf', { name: p.name })}
                  </option>
                );
              })}
            </select>
          </div>
        ) : (
          <div className="field role-readonly" key={role}>
            <span className="field-label">{t(`settings.printers.roles.${role}`)}</span>
            <span className="role-value" data-testid={`role-${role}-value`}>
              {byId(roles[role])?.name ?? t('settings.printers.unknownPrinter')}
            </span>
          </div>
        ),
      )}
      {supervisor ? null : <p className="muted">{t('settings.printers.rolesSupervisorOnly')}</p>}
      {labelPrinter ? <LabelPreview printer={labelPrinter} /> : null}
    </section>
  );
}
