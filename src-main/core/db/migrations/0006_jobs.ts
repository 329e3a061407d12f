import type { Migration } from '../migrate';

// One durable job queue for everything that must leave the station (print jobs now, the sync
// outbox next). A job is ordered by `seq` within its (queue, ordering_key); `dead` and
// `discarded` rows stay for the screens and for support, they are never deleted by the engine.
//
// print_jobs hands its retry state (attempts, next attempt, last error) to the engine: a print
// job's engine row has the same id. It keeps what the screens show plus the print-level outcome
// (sent/done/failed with a reason code), so last_error (English prose) becomes error_code + detail.
export const migration: Migration = {
  version: 6,
  name: 'jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        queue TEXT NOT NULL,
        ordering_key TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'inflight', 'done', 'dead', 'discarded')),
        attempts INTEGER NOT NULL DEFAULT 0,
        interrupted INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        error_code TEXT,
        error_detail TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- Only unfinished (and dead, which may block a key) rows are scanned for heads of line.
      CREATE INDEX jobs_open ON jobs(queue, ordering_key, seq) WHERE status IN ('pending', 'inflight', 'dead');

      INSERT INTO jobs (id, queue, ordering_key, payload, status, attempts, next_attempt_at, error_code, error_detail, created_at, updated_at)
      SELECT id, 'print', COALESCE(printer_id, ''), json_object('printJobId', id),
        CASE status WHEN 'queued' THEN 'pending' WHEN 'failed' THEN 'dead' ELSE 'done' END,
        attempts, COALESCE(next_attempt_at, created_at),
        CASE WHEN status IN ('queued', 'failed') AND last_error IS NOT NULL THEN ${legacyCode('last_error')} END,
        CASE WHEN status IN ('queued', 'failed') THEN last_error END,
        created_at, updated_at
      FROM print_jobs ORDER BY created_at, id;

      ALTER TABLE print_jobs ADD COLUMN error_code TEXT;
      ALTER TABLE print_jobs ADD COLUMN error_detail TEXT;
      UPDATE print_jobs SET
        error_code = CASE WHEN status = 'failed' AND last_error IS NOT NULL THEN ${legacyCode('last_error')} END,
        error_detail = CASE WHEN status IN ('failed', 'sent') THEN last_error END;

      DROP INDEX print_jobs_status;
      ALTER TABLE print_jobs DROP COLUMN attempts;
      ALTER TABLE print_jobs DROP COLUMN next_attempt_at;
      ALTER TABLE print_jobs DROP COLUMN last_error;
      CREATE INDEX print_jobs_status ON print_jobs(status, created_at);
    `);
  },
};

/** The English reasons the print queue wrote before 0006, as codes (anything else: 'unknown'). */
function legacyCode(col: string): string {
  return `CASE
    WHEN ${col} IN ('printer removed', 'printer no longer configured') THEN 'printer_removed'
    WHEN ${col} LIKE '%paper out%' THEN 'paper_out'
    WHEN ${col} LIKE '%head open%' THEN 'head_open'
    WHEN ${col} LIKE '%ribbon out%' THEN 'ribbon_out'
    WHEN ${col} LIKE '%paused%' THEN 'paused'
    WHEN ${col} LIKE '%no ~HS reply%' THEN 'no_status'
    WHEN ${col} LIKE '%timed out%' THEN 'timeout'
    WHEN ${col} LIKE '%unreachable%' THEN 'unreachable'
    ELSE 'unknown' END`;
}
