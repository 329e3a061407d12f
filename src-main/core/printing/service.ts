// The printing capability, composed: printer administration, printing (on the engine's "print"
// queue), SSCC ranges. Preview is a pure function (preview.ts). app.ts builds it once.
import type { z } from 'zod';
import type { HubPrinterChoiceInfo } from '../../../src-preload/contract';
import type { Db } from '../db/database';
import type { JobQueue } from '../jobs/queue';
import type { Clock, OsPrintPort } from '../platform/ports';
import type { AfostoSpoolerPort } from './drivers/afostoHub';
import { PRINT_QUEUE } from './domain';
import { SsccAllocator } from './gs1/sscc';
import { PrintService, type PrintEvents, type PrintQueueOptions } from './print';
import { PrinterAdmin } from './printers';
import { PrinterRepo, PrintJobRepo, SsccRangeRepo } from './repo';
import type { ssccRangeSchema } from './schemas';

export interface PrintingOptions {
  db: Db;
  jobs: JobQueue;
  /** Where `printing.job` events go (the app's EventBus). */
  events: PrintEvents;
  stationId: string;
  /** Folder of the default spool printer (e.g. <userData>/print-spool). */
  spoolDir: string;
  clock: Clock;
  osPort?: OsPrintPort;
  afostoPort?: AfostoSpoolerPort;
  /**
   * The Afosto hub printers a supervisor may add (composed in app.ts from the connector's pulled
   * records; printing never reads another capability's tables). Absent: none.
   */
  hubPrinters?: () => HubPrinterChoiceInfo[] | Promise<HubPrinterChoiceInfo[]>;
  queue?: PrintQueueOptions;
}

export interface Printing {
  printers: PrinterAdmin;
  print: PrintService;
  /** The Afosto hub printers on offer (afosto:HUB/PRINTER URIs), hub by hub. */
  hubPrinters(): Promise<HubPrinterChoiceInfo[]>;
  /** Give a station its block of SSCC serials (GS1 company prefix + serial range). */
  assignSsccRange(r: z.output<typeof ssccRangeSchema>): void;
}

export function createPrinting(o: PrintingOptions): Printing {
  const ranges = new SsccRangeRepo(o.db, () => o.clock.now());
  const printers = new PrinterAdmin({
    db: o.db,
    repo: new PrinterRepo(o.db),
    stationId: o.stationId,
    spoolDir: o.spoolDir,
    clock: o.clock,
    drivers: { ...(o.osPort ? { osPort: o.osPort } : {}), ...(o.afostoPort ? { afostoPort: o.afostoPort } : {}) },
    // The printer's queued jobs fail with it (its ordering key on the print queue).
    failQueuedJobs: (printerId) => o.jobs.failPending(PRINT_QUEUE, printerId, 'printer_removed'),
  });
  const print = new PrintService({
    db: o.db,
    repo: new PrintJobRepo(o.db),
    printers,
    sscc: new SsccAllocator(ranges),
    jobs: o.jobs,
    events: o.events,
    stationId: o.stationId,
    clock: o.clock,
    ...(o.queue ? { queue: o.queue } : {}),
  });
  return {
    printers,
    print,
    hubPrinters: async () => (o.hubPrinters ? await o.hubPrinters() : []),
    assignSsccRange: (r) => ranges.assign({ stationId: r.stationId, companyPrefix: r.companyPrefix, extension: r.extension, first: BigInt(r.first), last: BigInt(r.last) }),
  };
}
