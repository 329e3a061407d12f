// print_jobs persistence (table from migration 0003). Jobs are rows, so they survive a restart;
// the queue only ever moves them forward: queued → sent → done, or → failed with a reason.
import type { Db } from '../../db/database';
import type { JobStatus } from '../schemas';
import type { PrintFormat } from '../drivers/types';

export interface PrintJob {
  id: string;
  stationId: string;
  printerId: string | null;
  kind: string;
  format: PrintFormat;
  title: string;
  status: JobStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  reprintOf: string | null;
  orderId: string | null;
  parcelId: string | null;
  createdAt: number;
  updatedAt: number;
  payloadBytes: number;
}

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

interface Row {
  id: string;
  station_id: string;
  printer_id: string | null;
  kind: string;
  format: PrintFormat;
  title: string;
  status: JobStatus;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  reprint_of: string | null;
  order_id: string | null;
  parcel_id: string | null;
  created_at: number;
  updated_at: number;
  payload_bytes: number;
}

const COLS = `id, station_id, printer_id, kind, format, title, status, attempts, next_attempt_at, last_error,
  reprint_of, order_id, parcel_id, created_at, updated_at, length(payload) AS payload_bytes`;

const toJob = (r: Row): PrintJob => ({
  id: r.id,
  stationId: r.station_id,
  printerId: r.printer_id,
  kind: r.kind,
  format: r.format,
  title: r.title,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  reprintOf: r.reprint_of,
  orderId: r.order_id,
  parcelId: r.parcel_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  payloadBytes: r.payload_bytes,
});

export class PrintJobStore {
  constructor(private readonly db: Db) {}

  insert(job: NewPrintJob, now: number): PrintJob {
    this.db
      .prepare(
        `INSERT INTO print_jobs (id, station_id, printer_id, kind, format, title, payload, status, attempts,
           next_attempt_at, last_error, reprint_of, order_id, parcel_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, NULL, NULL, ?, ?, ?, ?, ?)`,
      )
      .run(job.id, job.stationId, job.printerId, job.kind, job.format, job.title, Buffer.from(job.payload),
        job.reprintOf ?? null, job.orderId ?? null, job.parcelId ?? null, now, now);
    return this.get(job.id) as PrintJob;
  }

  get(id: string): PrintJob | undefined {
    const r = this.db.prepare(`SELECT ${COLS} FROM print_jobs WHERE id = ?`).get(id) as Row | undefined;
    return r ? toJob(r) : undefined;
  }

  payload(id: string): Uint8Array | undefined {
    const r = this.db.prepare('SELECT payload FROM print_jobs WHERE id = ?').get(id) as { payload: Buffer } | undefined;
    return r ? new Uint8Array(r.payload) : undefined;
  }

  list(q: { limit: number; status?: JobStatus; stationId?: string }): PrintJob[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLS} FROM print_jobs
         WHERE (@status IS NULL OR status = @status) AND (@station IS NULL OR station_id = @station)
         ORDER BY created_at DESC, id DESC LIMIT @limit`,
      )
      .all({ status: q.status ?? null, station: q.stationId ?? null, limit: q.limit }) as Row[];
    return rows.map(toJob);
  }

  lastForStation(stationId: string): PrintJob | undefined {
    const r = this.db
      .prepare(`SELECT ${COLS} FROM print_jobs WHERE station_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`)
      .get(stationId) as Row | undefined;
    return r ? toJob(r) : undefined;
  }

  /**
   * The oldest queued job of every printer: jobs to one printer go out strictly in order, so a
   * label that is waiting for paper is never overtaken by the next parcel's label.
   */
  headsOfLine(): PrintJob[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLS} FROM print_jobs p
         WHERE status = 'queued' AND NOT EXISTS (
           SELECT 1 FROM print_jobs q WHERE q.status = 'queued' AND q.printer_id IS p.printer_id
             AND (q.created_at < p.created_at OR (q.created_at = p.created_at AND q.id < p.id)))
         ORDER BY created_at, id`,
      )
      .all() as Row[];
    return rows.map(toJob);
  }

  markSent(id: string, now: number, detail?: string): void {
    this.db
      .prepare(`UPDATE print_jobs SET status = 'sent', attempts = attempts + 1, next_attempt_at = NULL, last_error = ?, updated_at = ? WHERE id = ? AND status = 'queued'`)
      .run(detail ?? null, now, id);
  }

  markDone(id: string, now: number): void {
    this.db
      .prepare(`UPDATE print_jobs SET status = 'done', attempts = attempts + 1, next_attempt_at = NULL, last_error = NULL, updated_at = ? WHERE id = ? AND status = 'queued'`)
      .run(now, id);
  }

  /** For drivers that confirm later (the Afosto hub): sent → done / failed. */
  confirm(id: string, ok: boolean, reason: string | null, now: number): void {
    this.db
      .prepare(`UPDATE print_jobs SET status = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = 'sent'`)
      .run(ok ? 'done' : 'failed', reason, now, id);
  }

  markFailed(id: string, reason: string, now: number, countAttempt = true): void {
    this.db
      .prepare(
        `UPDATE print_jobs SET status = 'failed', attempts = attempts + ?, next_attempt_at = NULL, last_error = ?, updated_at = ?
         WHERE id = ? AND status = 'queued'`,
      )
      .run(countAttempt ? 1 : 0, reason, now, id);
  }

  reschedule(id: string, nextAttemptAt: number, reason: string, now: number): void {
    this.db
      .prepare(`UPDATE print_jobs SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = 'queued'`)
      .run(nextAttemptAt, reason, now, id);
  }

  /** Fail every queued job of a printer that no longer exists. */
  failQueuedForPrinter(printerId: string, reason: string, now: number): number {
    return this.db
      .prepare(`UPDATE print_jobs SET status = 'failed', last_error = ?, updated_at = ? WHERE printer_id = ? AND status = 'queued'`)
      .run(reason, now, printerId).changes;
  }
}
