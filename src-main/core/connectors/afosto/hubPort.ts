// The Afosto print-hub port (AfostoSpoolerPort of printing/drivers/afostoHub.ts) over the client.
// A job is POST /spl/queue {job, tag, description, reference, hub_id}: `job` carries the ZPL text
// itself (the reference leaves its format open; hubs speak escpos | zpl | pcl, so raw ZPL is what
// a zpl printer takes) and `reference` the local print job id. The body has no printer field: the
// hub picks its printer (printer targeting is a documented gap), so printerId is only described.
import type { AfostoSpoolerPort } from '../../printing/drivers/afostoHub';
import type { AfostoClient } from './client';
import { RemoteError } from '../shared/errors';

/** Errors after which a POST may have been applied although no reply arrived. */
const UNCERTAIN = new Set(['network', 'timeout', 'server', 'bad_response']);

export function afostoHubPort(client: () => Promise<AfostoClient | undefined>): AfostoSpoolerPort {
  // references whose last submit may have reached the hub queue: looked up before resending
  const uncertain = new Set<string>();
  const get = async (): Promise<AfostoClient> => {
    const c = await client();
    if (!c) throw new RemoteError({ remote: 'afosto', kind: 'network', message: 'Afosto is not configured' });
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
