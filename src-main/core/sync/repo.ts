// The pull bookkeeping of migration 0011: a cursor per (remote, resource) and the open conflicts.
// Statements are prepared once per repo: apply runs them for every chunk.
import type { Remote, SyncConflict } from '../../../src-preload/contract';
import type { Db } from '../db/database';
import { newId } from '../util/ids';

export interface CursorRow {
  remote: Remote;
  resource: string;
  cursor: string | null;
  records: number;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  lastErrorCode: string | null;
  lastError: string | null;
}

interface RawCursor {
  remote: Remote;
  resource: string;
  cursor: string | null;
  records: number;
  last_success_at: number | null;
  last_attempt_at: number | null;
  last_error_code: string | null;
  last_error: string | null;
}

const toCursor = (r: RawCursor): CursorRow => ({
  remote: r.remote,
  resource: r.resource,
  cursor: r.cursor,
  records: r.records,
  lastSuccessAt: r.last_success_at,
  lastAttemptAt: r.last_attempt_at,
  lastErrorCode: r.last_error_code,
  lastError: r.last_error,
});

interface RawConflict {
  id: string;
  remote: Remote;
  resource: string;
  entity: string;
  entity_id: string;
  remote_id: string | null;
  remote_data: string;
  detected_at: number;
}

function statements(db: Db) {
  return {
    cursor: db.prepare('SELECT * FROM sync_cursors WHERE remote = ? AND resource = ?'),
    cursorsOf: db.prepare('SELECT * FROM sync_cursors WHERE remote = ?'),
    // A page applied: its cursor, the run's record count so far, and (last page) success.
    savePage: db.prepare(
      `INSERT INTO sync_cursors (remote, resource, cursor, records, last_success_at, last_attempt_at, last_error_code, last_error)
       VALUES (@remote, @resource, @cursor, @records, @success, @attempt, NULL, NULL)
       ON CONFLICT (remote, resource) DO UPDATE SET cursor = excluded.cursor, records = excluded.records,
         last_success_at = COALESCE(excluded.last_success_at, last_success_at), last_attempt_at = excluded.last_attempt_at,
         last_error_code = NULL, last_error = NULL`,
    ),
    saveError: db.prepare(
      `INSERT INTO sync_cursors (remote, resource, cursor, records, last_attempt_at, last_error_code, last_error)
       VALUES (@remote, @resource, NULL, 0, @attempt, @code, @message)
       ON CONFLICT (remote, resource) DO UPDATE SET last_attempt_at = excluded.last_attempt_at,
         last_error_code = excluded.last_error_code, last_error = excluded.last_error`,
    ),
    // One open conflict per entity and source (partial unique index): a newer remote version replaces it.
    upsertConflict: db.prepare(
      `INSERT INTO sync_conflicts (id, remote, resource, entity, entity_id, remote_id, remote_data, detected_at)
       VALUES (@id, @remote, @resource, @entity, @entityId, @remoteId, @data, @now)
       ON CONFLICT (remote, resource, entity, entity_id) WHERE resolved_at IS NULL
       DO UPDATE SET remote_id = excluded.remote_id, remote_data = excluded.remote_data, detected_at = excluded.detected_at`,
    ),
    resolveConflict: db.prepare(
      `UPDATE sync_conflicts SET resolved_at = @now, resolution = 'applied'
       WHERE remote = @remote AND resource = @resource AND entity = @entity AND entity_id = @entityId AND resolved_at IS NULL`,
    ),
    dismiss: db.prepare(`UPDATE sync_conflicts SET resolved_at = ?, resolution = 'dismissed' WHERE id = ? AND resolved_at IS NULL`),
    openConflicts: db.prepare(
      `SELECT id, remote, resource, entity, entity_id, remote_id, remote_data, detected_at FROM sync_conflicts
       WHERE resolved_at IS NULL AND (@remote IS NULL OR remote = @remote) ORDER BY detected_at DESC, id LIMIT @limit`,
    ),
    openCounts: db.prepare(`SELECT remote, COUNT(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL GROUP BY remote`),
  };
}

export class SyncRepo {
  private readonly stmts: ReturnType<typeof statements>;

  constructor(db: Db) {
    this.stmts = statements(db);
  }

  cursor(remote: Remote, resource: string): CursorRow | undefined {
    const r = this.stmts.cursor.get(remote, resource) as RawCursor | undefined;
    return r ? toCursor(r) : undefined;
  }

  cursorsOf(remote: Remote): CursorRow[] {
    return (this.stmts.cursorsOf.all(remote) as RawCursor[]).map(toCursor);
  }

  /** Call inside the transaction of the page's last chunk. `success` is set when the run reached its end. */
  savePage(p: { remote: Remote; resource: string; cursor: string | null; records: number; attemptAt: number; successAt: number | null }): void {
    this.stmts.savePage.run({ remote: p.remote, resource: p.resource, cursor: p.cursor, records: p.records, success: p.successAt, attempt: p.attemptAt });
  }

  saveError(p: { remote: Remote; resource: string; attemptAt: number; code: string; message: string }): void {
    this.stmts.saveError.run({ remote: p.remote, resource: p.resource, attempt: p.attemptAt, code: p.code, message: p.message });
  }

  upsertConflict(c: { remote: Remote; resource: string; entity: string; entityId: string; remoteId: string | null; remoteData: unknown; now: number }): void {
    this.stmts.upsertConflict.run({
      id: newId(),
      remote: c.remote,
      resource: c.resource,
      entity: c.entity,
      entityId: c.entityId,
      remoteId: c.remoteId,
      data: JSON.stringify(c.remoteData ?? null),
      now: c.now,
    });
  }

  /** Marks the open conflict of this entity (from this source) applied; false when there was none. */
  resolveConflict(c: { remote: Remote; resource: string; entity: string; entityId: string; now: number }): boolean {
    return this.stmts.resolveConflict.run(c).changes > 0;
  }

  /** false when there is no open conflict with this id. */
  dismissConflict(id: string, now: number): boolean {
    return this.stmts.dismiss.run(now, id).changes > 0;
  }

  openConflicts(q: { remote?: Remote; limit: number }): SyncConflict[] {
    const rows = this.stmts.openConflicts.all({ remote: q.remote ?? null, limit: q.limit }) as RawConflict[];
    return rows.map((r) => ({
      id: r.id,
      remote: r.remote,
      resource: r.resource,
      entity: r.entity,
      entityId: r.entity_id,
      remoteId: r.remote_id,
      remoteData: JSON.parse(r.remote_data) as unknown,
      detectedAt: r.detected_at,
    }));
  }

  openConflictCounts(): Map<Remote, number> {
    return new Map((this.stmts.openCounts.all() as { remote: Remote; n: number }[]).map((r) => [r.remote, r.n]));
  }
}
