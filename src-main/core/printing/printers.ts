// Printer administration: the printer list, this station's label/slip printers, live status,
// and the driver for each printer (cached until the printer is edited).
import path from 'node:path';
import type { ParsedInput, PrinterInfo } from '../../../src-preload/contract';
import type { Db } from '../db/database';
import type { Clock } from '../platform/ports';
import { conflict, notFound } from '../rpc/errors';
import { newId } from '../util/ids';
import { DEFAULT_PRINTER_ID, defaultFormats, effectiveRoles } from './domain';
import { createPrinter, type DriverDeps } from './drivers/registry';
import type { Printer, PrinterStatus } from './drivers/types';
import type { PrinterRepo } from './repo';
import { printerOptionsSchema, type PrinterRole } from './schemas';

export interface PrinterAdminDeps {
  db: Db;
  repo: PrinterRepo;
  stationId: string;
  /** Folder of the default spool printer (e.g. <userData>/print-spool). */
  spoolDir: string;
  clock: Clock;
  drivers: DriverDeps;
  /** Fails the queued jobs of a printer being removed (inside the removal's transaction). */
  failQueuedJobs(printerId: string): number;
}

export class PrinterAdmin {
  private readonly cache = new Map<string, { updatedAt: number; printer: Printer }>();

  constructor(private readonly d: PrinterAdminDeps) {
    this.ensureDefaultPrinter();
  }

  private ensureDefaultPrinter(): void {
    if (this.d.repo.get(DEFAULT_PRINTER_ID)) return;
    this.d.repo.upsert(
      { id: DEFAULT_PRINTER_ID, name: 'Folder spool', uri: `dir:${path.resolve(this.d.spoolDir)}`, options: printerOptionsSchema.parse({ formats: ['zpl', 'pdf'] }) },
      this.d.clock.now(),
    );
  }

  get(id: string): PrinterInfo | undefined {
    return this.d.repo.get(id);
  }

  /** The driver of a printer, or undefined when it was removed. */
  driver(id: string): Printer | undefined {
    const rec = this.d.repo.get(id);
    if (!rec) return undefined;
    const hit = this.cache.get(id);
    if (hit && hit.updatedAt === rec.updatedAt) return hit.printer;
    const printer = createPrinter(rec.uri, this.d.drivers, { connectTimeoutMs: rec.options.connectTimeoutMs, skipStatus: rec.options.skipStatus });
    this.cache.set(id, { updatedAt: rec.updatedAt, printer });
    return printer;
  }

  list(): { printers: PrinterInfo[]; roles: Record<PrinterRole, string> } {
    return { printers: this.d.repo.list(), roles: this.roles(this.d.stationId) };
  }

  roles(stationId: string): Record<PrinterRole, string> {
    return effectiveRoles(this.d.repo.roles(stationId));
  }

  /** Add or edit; options the caller did not send keep their stored (or per-kind default) value. */
  save(p: ParsedInput<'printing.savePrinter'>): PrinterInfo {
    const existing = p.id ? this.d.repo.get(p.id) : undefined;
    const options = printerOptionsSchema.parse({ formats: defaultFormats(p.uri.split(':')[0] ?? ''), ...existing?.options, ...p.options });
    return this.d.repo.upsert({ id: p.id ?? newId(), name: p.name, uri: p.uri, options }, this.d.clock.now());
  }

  remove(id: string): { removed: boolean; failedJobs: number } {
    if (id === DEFAULT_PRINTER_ID) throw conflict('The folder spool is the fallback printer and cannot be removed');
    return this.d.db.tx(() => {
      const failedJobs = this.d.failQueuedJobs(id);
      const removed = this.d.repo.remove(id);
      this.cache.delete(id);
      return { removed, failedJobs };
    });
  }

  assign(a: { stationId: string; role: PrinterRole; printerId: string }): Record<PrinterRole, string> {
    if (!this.d.repo.get(a.printerId)) throw notFound('Printer', { id: a.printerId });
    this.d.repo.assignRole(a.stationId, a.role, a.printerId, this.d.clock.now());
    return this.roles(a.stationId);
  }

  async status(id: string): Promise<PrinterStatus> {
    const d = this.driver(id);
    if (!d) throw notFound('Printer', { id });
    return d.status();
  }
}
