// Settings → Printers: every printer with its live status, the Add/Edit form (supervisors), this
// station's label and slip printers with a preview, and the print job history.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsSupervisor } from '../station/useStation';
import { draftFromPrinter, emptyDraft, type PrinterDraft } from './printerDraft';
import { PrinterCard } from './PrinterCard';
import { PrinterForm } from './PrinterForm';
import { JobHistory } from './JobHistory';
import { StationPrinters } from './StationPrinters';
import { useJobHistory, usePrinters } from './usePrinters';

export function PrintersSettings() {
  const { t } = useTranslation();
  const supervisor = useIsSupervisor();
  const { printers, roles, setRoles, statuses, check, checkAll, reload, loadError } = usePrinters();
  const history = useJobHistory();
  // The form opens in place of the Add button; its key gives each opening fresh state.
  const [form, setForm] = useState<{ draft: PrinterDraft; key: number } | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const nextKey = useRef(0);

  function openForm(draft: PrinterDraft) {
    nextKey.current += 1;
    setForm({ draft, key: nextKey.current });
  }
  function closeForm() {
    setForm(null);
    requestAnimationFrame(() => addRef.current?.focus());
  }

  const checking = printers?.some((p) => statuses[p.id]?.state === 'checking') ?? false;
  return (
    <div className="printers-settings" data-testid="printers-settings">
      <div className="printers-main">
        <section aria-labelledby="printers-title">
          <div className="panel-head printers-head">
            <h2 id="printers-title">{t('settings.printers.title')}</h2>
            <div className="button-row">
              <button type="button" className="btn" data-testid="printers-check-all" disabled={!printers?.length || checking} onClick={checkAll}>
                {t('settings.printers.checkAll')}
              </button>
              {supervisor && !form ? (
                <button ref={addRef} type="button" className="btn btn-primary" data-testid="printer-add" onClick={() => openForm(emptyDraft())}>
                  {t('settings.printers.addButton')}
                </button>
              ) : null}
            </div>
          </div>
          {loadError ? (
            <p className="form-error" role="alert">
              {loadError}
            </p>
          ) : null}
          {supervisor && form ? (
            <PrinterForm
              key={form.key}
              initial={form.draft}
              onCancel={closeForm}
              onSaved={(saved) => {
                closeForm();
                void reload().then(() => check(saved.id));
              }}
            />
          ) : null}
          <div className="printer-list" data-testid="printer-list">
            {printers?.map((p) => {
              const draft = draftFromPrinter(p);
              return (
                <PrinterCard
                  key={p.id}
                  printer={p}
                  status={statuses[p.id]}
                  roles={roles}
                  supervisor={supervisor}
                  onCheck={() => void check(p.id)}
                  onEdit={() => openForm(draft)}
                  onRemoved={() => void reload()}
                  onJob={history.upsert}
                />
              );
            })}
          </div>
        </section>
      </div>
      <aside className="printers-side">
        {printers ? <StationPrinters printers={printers} roles={roles} supervisor={supervisor} onRoles={setRoles} /> : null}
      </aside>
      <div className="printers-history">
        <JobHistory jobs={history.jobs} error={history.error} printers={printers ?? []} onJob={history.upsert} />
      </div>
    </div>
  );
}
