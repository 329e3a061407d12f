// All SQL of the printing capability: printers, printer_roles, print_jobs, sscc_ranges. Nothing
// outside printing touches these tables. A print job's retry state (attempts, next attempt, the
// last failure) lives in its engine row (jobs, same id) and is read through a join, so there is
// one source for it; print_jobs holds what the screens show and the print-level outcome.
import type { Db } from '../db/database';
import type { PrinterInfo, PrintJobInfo, PrintReason } from '../../../src-preload/contract/printing';
import { printerOptionsSchema, type JobStatus, type PrinterOptions, type PrinterRole } from './schemas';
import type { SerialRange, SerialRangeStore } from './gs1/sscc';
import type { PrintFormat } from './drivers/types';
import { parsePrinterUri } from './drivers/registry';
import { reasonCode } from './domain';

// ---- printers and roles ------------------------------------------------------------------------

interface PrinterRow {
  id: string;
  name: string;
  uri: string;
  kind: PrinterInfo['kind'];
  options: string;
  created_at: number;
  updated_at: number;
}

function toPrinter(r: PrinterRow): PrinterInfo {
  let raw: unknown = {};
  try {
    raw = JSON.parse(r.options);
  } catch {
    // A damaged options blob falls back to defaults rather than hiding the printer.
  }
  const parsed = printerOptionsSchema.safeParse(raw);
  return {
    id: r.id,
    name: r.name,
    uri: r.uri,
    kind: r.kind,
    options: parsed.success ? parsed.data : printerOptionsSchema.parse({}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class PrinterRepo {
  constructor(private readonly db: Db) {}

  list(): PrinterInfo[] {
    return (this.db.prepare('SELECT * FROM printers ORDER BY name COLLATE NOCASE, id').all() as PrinterRow[]).map(toPrinter);
  }

  get(id: string): PrinterInfo | undefined {
    const r = this.db.prepare('SELECT * FROM printers WHERE id = ?').get(id) as PrinterRow | undefined;
    return r ? toPrinter(r) : undefined;
  }

  upsert(p: { id: string; name: string; uri: string; options: PrinterOptions }, now: number): PrinterInfo {
    const kind = parsePrinterUri(p.uri).kind;
    this.db
      .prepare(
        `INSERT INTO printers (id, name, uri, kind, options, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, uri = excluded.uri, kind = excluded.kind,
           options = excluded.options, updated_at = excluded.updated_at`,
      )
      .run(p.id, p.name, p.uri, kind, JSON.stringify(p.options), now, now);
    return this.get(p.id) as PrinterInfo;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM printers WHERE id = ?').run(id).changes > 0;
  }

  assignRole(stationId: string, role: PrinterRole, printerId: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO printer_roles (station_id, role, printer_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(station_id, role) DO UPDATE SET printer_id = excluded.printer_id, updated_at = excluded.updated_at`,
      )
      .run(stationId, role, printerId, now);
  }

  roles(stationId: string): Partial<Record<PrinterRole, string>> {
    const rows = this.db.prepare('SELECT role, printer_id FROM printer_roles WHERE station_id = ?').all(stationId) as {
      role: PrinterRole;
      printer_id: string;
    }[];
    return Object.fromEntries(rows.map((r) => [r.role, r.printer_id]));
  }
}

// ---- print jobs ---------------------------------------------------------------------------------

export interface NewPrintJob {
  id: string;
  stationId: string;
  printerId: string;
  kind: string;
  format: PrintFormat;
  title: string;
  payload: Uint8Array;
  reprintOf?: string | null;
  orderId?: string | null;
  parcelId?: string | null;
}

interface PrintJobRow {
  id: string;
  station_id: string;
  printer_id: string | null;
  kind: string;
  format: PrintFormat;
  title: string;
  status: JobStatus;
  attempts: number;
  next_attempt_at: number | null;
  error_code: string | null;
  error_detail: string | null;
  reprint_of: string | null;
  order_id: string | null;
  parcel_id: string | null;
  created_at: number;
  updated_at: number;
  payload_bytes: number;
}

// While a job waits, its reason is the engine's last failure; once it left the queue, its own.
const JOB_SELECT = `SELECT p.id, p.station_id, p.printer_id, p.kind, p.format, p.title, p.status,
    COALESCE(j.attempts, 0) AS attempts,
    CASE WHEN p.status = 'queued' AND j.status = 'pending' AND j.attempts > 0 THEN j.next_attempt_at END AS next_attempt_at,
    CASE WHEN p.status = 'queued' THEN j.error_code ELSE p.error_code END AS error_code,
    CASE WHEN p.status = 'queued' THEN j.error_detail ELSE p.error_detail END AS error_detail,
    p.reprint_of, p.order_id, p.parcel_id, p.created_at, MAX(p.updated_at, COALESCE(j.updated_at, 0)) AS updated_at,
    length(p.payload) AS payload_bytes
  FROM print_jobs p LEFT JOIN jobs j ON j.id = p.id`;

const toJob = (r: PrintJobRow): PrintJobInfo => ({
  id: r.id,
  stationId: r.station_id,
  printerId: r.printer_id,
  kind: r.kind,
  format: r.format,
  title: r.title,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  errorCode: reasonCode(r.error_code),
  errorDetail: r.error_detail,
  reprintOf: r.reprint_of,
  orderId: r.order_id,
  parcelId: r.parcel_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  payloadBytes: r.payload_bytes,
});

export class PrintJobRepo {
  constructor(private readonly db: Db) {}

  insert(job: NewPrintJob, now: number): void {
    this.db
      .prepare(
        `INSERT INTO print_jobs (id, station_id, printer_id, kind, format, title, payload, status, reprint_of, order_id, parcel_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
      )
      .run(job.id, job.stationId, job.printerId, job.kind, job.format, job.title, Buffer.from(job.payload),
        job.reprintOf ?? null, job.orderId ?? null, job.parcelId ?? null, now, now);
  }

  get(id: string): PrintJobInfo | undefined {
    const r = this.db.prepare(`${JOB_SELECT} WHERE p.id = ?`).get(id) as PrintJobRow | undefined;
    return r ? toJob(r) : undefined;
  }

  /** What the queue handler needs to send a job, in one read. */
  forDelivery(id: string): { printerId: string | null; format: PrintFormat; title: string; bytes: Uint8Array } | undefined {
    const r = this.db.prepare('SELECT printer_id, format, title, payload FROM print_jobs WHERE id = ?').get(id) as
      | { printer_id: string | null; format: PrintFormat; title: string; payload: Buffer }
      | undefined;
    return r ? { printerId: r.printer_id, format: r.format, title: r.title, bytes: new Uint8Array(r.payload) } : undefined;
  }

  payload(id: string): Uint8Array | undefined {
    const r = this.db.prepare('SELECT payload FROM print_jobs WHERE id = ?').get(id) as { payload: Buffer } | undefined;
    return r ? new Uint8Array(r.payload) : undefined;
  }

  list(q: { limit: number; status?: JobStatus | undefined; stationId?: string | undefined }): PrintJobInfo[] {
    const rows = this.db
      .prepare(
        `${JOB_SELECT}
         WHERE (@status IS NULL OR p.status = @status) AND (@station IS NULL OR p.station_id = @station)
         ORDER BY p.created_at DESC, p.id DESC LIMIT @limit`,
      )
      .all({ status: q.status ?? null, station: q.stationId ?? null, limit: q.limit }) as PrintJobRow[];
    return rows.map(toJob);
  }

  lastForStation(stationId: string): PrintJobInfo | undefined {
    const r = this.db.prepare(`${JOB_SELECT} WHERE p.station_id = ? ORDER BY p.created_at DESC, p.id DESC LIMIT 1`).get(stationId) as
      | PrintJobRow
      | undefined;
    return r ? toJob(r) : undefined;
  }

  /** Forget a job's bytes (keeps the row, its title and outcome for the history). */
  erasePayload(id: string): void {
    this.db.prepare(`UPDATE print_jobs SET payload = x'' WHERE id = ?`).run(id);
  }

  /** The job left the queue (or came back to it): its status and reason as the screens show them. */
  setOutcome(id: string, status: JobStatus, code: PrintReason | null, detail: string | null, now: number): void {
    this.db.prepare(`UPDATE print_jobs SET status = ?, error_code = ?, error_detail = ?, updated_at = ? WHERE id = ?`).run(status, code, detail, now, id);
  }
}

// ---- SSCC serial ranges ------------------------------------------------------------------------

interface RangeRow {
  station_id: string;
  company_prefix: string;
  extension_digit: number;
  first_serial: string;
  last_serial: string;
  next_serial: string;
}

const toRange = (r: RangeRow): SerialRange => ({
  stationId: r.station_id,
  companyPrefix: r.company_prefix,
  extension: r.extension_digit,
  first: BigInt(r.first_serial),
  last: BigInt(r.last_serial),
  next: BigInt(r.next_serial),
});

// Serials are stored as zero-padded TEXT so they compare correctly beyond 2^53.
const pad = (n: bigint): string => n.toString().padStart(16, '0');

/** Per-station SSCC serial ranges; `take` is one immediate transaction, so no serial is handed out twice. */
export class SsccRangeRepo implements SerialRangeStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  assign(range: Omit<SerialRange, 'next'>): void {
    if (range.last < range.first) throw new Error('serial range is empty');
    this.db
      .prepare(
        `INSERT INTO sscc_ranges (station_id, company_prefix, extension_digit, first_serial, last_serial, next_serial, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(station_id) DO UPDATE SET company_prefix = excluded.company_prefix,
           extension_digit = excluded.extension_digit, first_serial = excluded.first_serial,
           last_serial = excluded.last_serial,
           next_serial = CASE WHEN sscc_ranges.company_prefix = excluded.company_prefix
             AND sscc_ranges.next_serial BETWEEN excluded.first_serial AND excluded.last_serial
             THEN sscc_ranges.next_serial ELSE excluded.first_serial END,
           updated_at = excluded.updated_at`,
      )
      .run(range.stationId, range.companyPrefix, range.extension, pad(range.first), pad(range.last), pad(range.first), this.now());
  }

  get(stationId: string): SerialRange | undefined {
    const row = this.db.prepare('SELECT * FROM sscc_ranges WHERE station_id = ?').get(stationId) as RangeRow | undefined;
    return row ? toRange(row) : undefined;
  }

  take(stationId: string): { extension: number; companyPrefix: string; serial: bigint } {
    return this.db.tx(() => {
      const row = this.db.prepare('SELECT * FROM sscc_ranges WHERE station_id = ?').get(stationId) as RangeRow | undefined;
      if (!row) throw new Error(`no SSCC serial range assigned to station ${stationId}`);
      const r = toRange(row);
      if (r.next > r.last) throw new Error(`SSCC serial range of station ${stationId} is exhausted`);
      this.db
        .prepare('UPDATE sscc_ranges SET next_serial = ?, updated_at = ? WHERE station_id = ? AND next_serial = ?')
        .run(pad(r.next + 1n), this.now(), stationId, row.next_serial);
      return { extension: r.extension, companyPrefix: r.companyPrefix, serial: r.next };
    });
  }
}
