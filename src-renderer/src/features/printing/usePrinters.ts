// The Printers screen's data: the printers, this station's roles, a status per printer and the
// job history, loaded on open and kept current (job events, status re-checks after a test print).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output, PrinterInfo, PrinterStatusInfo, PrintJobInfo } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { errorText } from '../../app/errors';
import { HISTORY_LIMIT, upsertJob } from './jobs';
import { chipState, type ChipState } from './reasons';

export interface StatusEntry {
  state: ChipState;
  status?: PrinterStatusInfo;
  /** Why the check itself failed (not the printer's reasons). */
  error?: string;
}

export type Roles = Output<'printing.listPrinters'>['roles'];

export function usePrinters() {
  const api = useApi();
  const { t } = useTranslation();
  const [printers, setPrinters] = useState<PrinterInfo[] | null>(null);
  const [roles, setRoles] = useState<Roles>({ label: '', slip: '' });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [statuses, setStatuses] = useState<Record<string, StatusEntry>>({});
  // A slow answer (an unreachable printer takes its connect timeout) must not overwrite a newer one.
  const checks = useRef(new Map<string, number>());

  const check = useCallback(
    async (id: string) => {
      const n = (checks.current.get(id) ?? 0) + 1;
      checks.current.set(id, n);
      setStatuses((s) => ({ ...s, [id]: { state: 'checking', ...(s[id]?.status ? { status: s[id].status } : {}) } }));
      let entry: StatusEntry;
      try {
        const status = await api.call('printing.printerStatus', { id });
        entry = { state: chipState(status), status };
      } catch (e) {
        entry = { state: 'unknown', error: errorText(t, e) };
      }
      if (checks.current.get(id) === n) setStatuses((s) => ({ ...s, [id]: entry }));
    },
    [api, t],
  );

  const reload = useCallback(async () => {
    try {
      const r = await api.call('printing.listPrinters', {});
      setPrinters(r.printers);
      setRoles(r.roles);
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(t, e));
    }
  }, [api, t]);

  const checkAll = useCallback(() => {
    for (const p of printers ?? []) void check(p.id);
  }, [printers, check]);

  // On open: the list, then every printer's status at once (each answers in its own time).
  useEffect(() => {
    let live = true;
    api.call('printing.listPrinters', {}).then(
      (r) => {
        if (!live) return;
        setPrinters(r.printers);
        setRoles(r.roles);
        for (const p of r.printers) void check(p.id);
      },
      (e: unknown) => live && setLoadError(errorText(t, e)),
    );
    return () => {
      live = false;
    };
  }, [api, t, check]);

  return { printers, roles, setRoles, statuses, check, checkAll, reload, loadError };
}

/** The last jobs, newest first, following `printing.job` events while the screen is open. */
export function useJobHistory() {
  const api = useApi();
  const { t } = useTranslation();
  const [jobs, setJobs] = useState<PrintJobInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upsert = useCallback((job: PrintJobInfo) => setJobs((list) => upsertJob(list ?? [], job)), []);

  useEffect(() => {
    let live = true;
    // Subscribe first so a job that changes while the list is loading is not missed.
    const off = api.on('printing.job', upsert);
    api.call('printing.jobs', { limit: HISTORY_LIMIT }).then(
      (list) => {
        if (!live) return;
        setJobs((seen) => (seen ?? []).reduce((acc, j) => upsertJob(acc, j), list));
        setError(null);
      },
      (e: unknown) => live && setError(errorText(t, e)),
    );
    return () => {
      live = false;
      off();
    };
  }, [api, t, upsert]);

  return { jobs, upsert, error };
}
