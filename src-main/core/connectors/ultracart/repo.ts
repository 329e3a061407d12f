// SQL of the task connectors (UltraCart here; Opentaps reuses TaskStore for its tasks): the
// `tasks` rows of one remote, and UltraCart's reference data in remote_records. Statements are
// prepared once per store, not per row: a pull applies hundreds of records per chunk.
import type { Remote } from '../../../../src-preload/contract';
import type { Db, Statement } from '../../db/database';
import type { LocalTaskStatus, TaskRow } from './mappers';

/** What the store writes of a task: the mapped remote task, its local status and contact. */
export interface TaskWrite extends TaskRow {
  status: LocalTaskStatus;
  /** Local contact; null leaves the row's own link alone. */
  contactId: string | null;
}

export interface TaskRef {
  id: string;
  status: string;
  remote_id: string | null;
}

export class TaskStore {
  private readonly byRemoteStmt: Statement;
  private readonly unlinkedStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly updateStmt: Statement;
  private readonly linkStmt: Statement;
  private readonly writeBackStmt: Statement;
  private readonly remoteIdStmt: Statement;
  private readonly dropDuplicateStmt: Statement;

  constructor(
    private readonly db: Db,
    private readonly remote: Extract<Remote, 'ultracart' | 'opentaps'>,
  ) {
    this.byRemoteStmt = db.prepare('SELECT id, status, remote_id FROM tasks WHERE remote = ? AND remote_id = ?');
    // A task created here carries its own id as client reference: its echo links to it.
    this.unlinkedStmt = db.prepare('SELECT id, status, remote_id FROM tasks WHERE id = ? AND remote_id IS NULL AND (remote IS NULL OR remote = ?)');
    this.insertStmt = db.prepare(`
      INSERT INTO tasks (id, title, description, status, priority, due_at, contact_id, order_id, remote, remote_id,
        remote_status, remote_assignee, remote_group, tags, client_ref, remote_updated_at, created_at, updated_at)
      VALUES (@id, @title, @description, @status, @priority, @dueAt, @contactId, @orderId, @remote, @remoteId,
        @remoteStatus, @remoteAssignee, @remoteGroup, @tags, @clientRef, @remoteUpdatedAt, @createdAt, @now)`);
    this.updateStmt = db.prepare(`
      UPDATE tasks SET title = @title, description = @description, status = @status, priority = @priority,
        due_at = @dueAt, contact_id = COALESCE(@contactId, contact_id), order_id = COALESCE(@orderId, order_id),
        remote = @remote, remote_id = @remoteId, remote_status = @remoteStatus, remote_assignee = @remoteAssignee,
        remote_group = @remoteGroup, tags = @tags, client_ref = COALESCE(@clientRef, client_ref),
        remote_updated_at = @remoteUpdatedAt, updated_at = @now
      WHERE id = @id
        -- a sweep re-reads everything: an unchanged row is not rewritten (and keeps its updated_at)
        AND (title IS NOT @title OR description IS NOT @description OR status IS NOT @status OR priority IS NOT @priority
          OR due_at IS NOT @dueAt OR (@contactId IS NOT NULL AND contact_id IS NOT @contactId) OR (@orderId IS NOT NULL AND order_id IS NOT @orderId)
          OR remote IS NOT @remote OR remote_id IS NOT @remoteId OR remote_status IS NOT @remoteStatus OR remote_assignee IS NOT @remoteAssignee
          OR remote_group IS NOT @remoteGroup OR tags IS NOT @tags OR (@clientRef IS NOT NULL AND client_ref IS NOT @clientRef)
          OR remote_updated_at IS NOT @remoteUpdatedAt)`);
    this.linkStmt = db.prepare('UPDATE tasks SET remote = ?, remote_id = ? WHERE id = ? AND remote_id IS NULL');
    this.writeBackStmt = db.prepare(`
      UPDATE tasks SET remote = @remote, remote_id = @remoteId, client_ref = COALESCE(client_ref, @clientRef),
        remote_status = COALESCE(@remoteStatus, remote_status), remote_updated_at = COALESCE(@remoteUpdatedAt, remote_updated_at)
      WHERE id = @id`);
    this.remoteIdStmt = db.prepare('SELECT remote_id FROM tasks WHERE id = ? AND (remote IS NULL OR remote = ?)');
    // A pull that ran between the create and its write-back may have made a second row for the same remote task.
    this.dropDuplicateStmt = db.prepare('DELETE FROM tasks WHERE remote = ? AND remote_id = ? AND id <> ?');
  }

  find(remoteId: string, clientRef: string | null): TaskRef | undefined {
    return (
      (this.byRemoteStmt.get(this.remote, remoteId) as TaskRef | undefined) ??
      (clientRef ? (this.unlinkedStmt.get(clientRef, this.remote) as TaskRef | undefined) : undefined)
    );
  }

  insert(id: string, w: TaskWrite, now: number): void {
    this.insertStmt.run({ ...w, id, remote: this.remote, createdAt: w.createdAt ?? now, now });
  }

  update(id: string, w: TaskWrite, now: number): void {
    this.updateStmt.run({ ...w, id, remote: this.remote, now });
  }

  /** Gives a local row its remote id, and nothing else (its own data waits to be sent). */
  link(id: string, remoteId: string): void {
    this.linkStmt.run(this.remote, remoteId, id);
  }

  /** After a create: the remote id (and what the remote said) onto the local row. */
  writeBack(id: string, r: { remoteId: string; clientRef: string; remoteStatus?: string | null; remoteUpdatedAt?: string | null }): void {
    this.db.tx(() => {
      this.dropDuplicateStmt.run(this.remote, r.remoteId, id);
      this.writeBackStmt.run({ id, remote: this.remote, remoteId: r.remoteId, clientRef: r.clientRef, remoteStatus: r.remoteStatus ?? null, remoteUpdatedAt: r.remoteUpdatedAt ?? null });
    });
  }

  /** The remote id of a local task, or undefined (never created there, or unknown here). */
  remoteIdOf(id: string): string | undefined {
    const row = this.remoteIdStmt.get(id, this.remote) as { remote_id: string | null } | undefined;
    return row?.remote_id ?? undefined;
  }
}

/** remote_records of one remote: reference data without a table of its own. */
export class RemoteRecords {
  private readonly upsertStmt: Statement;
  private readonly readStmt: Statement;
  private readonly listStmt: Statement;

  constructor(
    db: Db,
    private readonly remote: Remote,
  ) {
    this.upsertStmt = db.prepare(`
      INSERT INTO remote_records (remote, resource, remote_id, data, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (remote, resource, remote_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`);
    this.readStmt = db.prepare('SELECT data FROM remote_records WHERE remote = ? AND resource = ? AND remote_id = ?');
    this.listStmt = db.prepare('SELECT remote_id, data FROM remote_records WHERE remote = ? AND resource = ? ORDER BY remote_id');
  }

  put(resource: string, remoteId: string, data: unknown, now: number): void {
    this.upsertStmt.run(this.remote, resource, remoteId, JSON.stringify(data), now);
  }

  get<T>(resource: string, remoteId: string): T | undefined {
    const row = this.readStmt.get(this.remote, resource, remoteId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as T) : undefined;
  }

  list<T>(resource: string): { remoteId: string; data: T }[] {
    return (this.listStmt.all(this.remote, resource) as { remote_id: string; data: string }[]).map((r) => ({ remoteId: r.remote_id, data: JSON.parse(r.data) as T }));
  }
}

/** Where the open count lives: remote_records ('ultracart', 'open_count', OPEN_COUNT_ID). */
export const OPEN_COUNT_ID = 'me';

/** The UltraCart open-task badge as last pulled, or undefined before the first pull. */
export function readOpenCount(db: Db): { openCount: number; at: number } | undefined {
  const row = db.prepare("SELECT data, updated_at FROM remote_records WHERE remote = 'ultracart' AND resource = 'open_count' AND remote_id = ?").get(OPEN_COUNT_ID) as
    | { data: string; updated_at: number }
    | undefined;
  if (!row) return undefined;
  return { openCount: (JSON.parse(row.data) as { openCount: number }).openCount, at: row.updated_at };
}
