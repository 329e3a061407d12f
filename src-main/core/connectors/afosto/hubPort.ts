// The Afosto print-hub port (AfostoSpoolerPort of printing/drivers/afostoHub.ts) over the client.
// A job is POST /spl/queue {job, tag, description, reference, hub_id}: `job` carries the ZPL text
// itself (the reference leaves its format open; hubs speak escpos | zpl | pcl, so raw ZPL is what
// a zpl printer takes) and `reference` the local print job id. The body has no printer field: the
// hub picks its printer (printer targeting is a documented gap), so printerId is only described.
import type { AfostoSpoolerPort } from '../../printing/drivers/afostoHub';
import { PrinterError } from '../../printing/drivers/types';
import type { AfostoClient } from './client';
import type { AfostoRepo } from './repo';
import type * as S from './schemas';
import { RemoteError } from '../shared/errors';

/** Errors after which a POST may have been applied although no reply arrived. */
const UNCERTAIN = new Set(['network', 'timeout', 'server', 'bad_response']);

export function afostoHubPort(client: () => Promise<AfostoClient | undefined>): AfostoSpoolerPort {
  // references whose last submit may have reached the hub queue: looked up before resending
  const uncertain = new Set<string>();
  const get = async (): Promise<AfostoClient> => {
    const c = await client();
    // the print queue retries: the job goes once the connection is saved
    if (!c) throw new PrinterError('hub_not_configured', 'Afosto is not configured (Settings → Connections)');
    return c;
  };
  return {
    async submit(job) {
      const c = await get();
      if (uncertain.has(job.reference)) {
        const found = await c.findPrintJob(job.reference, { tag: 'label' });
        if (found) {
          uncertain.delete(job.reference);
          return { jobId: found.id };
        }
      }
      try {
        const created = await c.queuePrintJob({
          job: Buffer.from(job.bytes).toString('utf8'),
          tag: 'label',
          description: `${job.title} (printer ${job.printerId})`,
          reference: job.reference,
          hub_id: job.hubId,
        });
        uncertain.delete(job.reference);
        return { jobId: created.id };
      } catch (e) {
        if (e instanceof RemoteError && UNCERTAIN.has(e.kind)) uncertain.add(job.reference);
        throw e;
      }
    },
    async hubStatus(hubId) {
      const s = await (await get()).hubStatus(hubId);
      return { online: s.is_online, idle: s.is_idle ?? true };
    },
  };
}

export type HubJobState = 'pending' | 'printed' | 'failed' | 'cancelled';

/**
 * Where a hub job stands (GET /spl/queue/{reference}; the reference is the job id the submit
 * returned). The document has three status vocabularies: scheduled/pending/received are waiting,
 * printed/success done.
 */
export async function afostoHubJobState(client: AfostoClient, jobId: string): Promise<HubJobState> {
  const status = (await client.printJob(jobId)).status ?? 'scheduled';
  if (status === 'printed' || status === 'success') return 'printed';
  if (status === 'failed') return 'failed';
  if (status === 'cancelled') return 'cancelled';
  return 'pending';
}

/** A hub printer as Settings → Printers could offer it: save `uri` with printing.savePrinter. */
export interface HubPrinterChoice {
  uri: string;
  name: string;
  hubId: string;
  printerId: string;
  encoding: string;
  /** Only ZPL printers take Dockside's jobs (the hub encodes escpos | zpl | pcl; no PDF). */
  printable: boolean;
  hubOnline: boolean | null;
}

/** The pulled hub printers (remote_records printers + hubs), enabled ones only, as printer URIs. */
export function hubPrinterChoices(repo: Pick<AfostoRepo, 'hubPrinterRows'>): HubPrinterChoice[] {
  const out: HubPrinterChoice[] = [];
  for (const r of repo.hubPrinterRows()) {
    const p = JSON.parse(r.printer) as S.Printer;
    const h = r.hub ? (JSON.parse(r.hub) as S.Hub) : undefined;
    if (!p.hub_id || p.disabled_at || h?.disabled_at) continue;
    const encoding = p.default_encoding ?? 'escpos'; // the document's default
    out.push({
      uri: `afosto:${p.hub_id}/${p.id}`,
      name: `${h?.name ?? p.hub_id} / ${p.name ?? p.id}`,
      hubId: p.hub_id,
      printerId: p.id,
      encoding,
      printable: encoding === 'zpl',
      hubOnline: h?.status ? h.status === 'online' : null,
    });
  }
  return out;
}
