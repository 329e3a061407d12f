// SQL of the Opentaps connector: the `activities` table (migration 0014), contact resolution by
// contacts.opentaps_contact_id, and its tasks through the shared TaskStore. Statements are
// prepared once per store.
import type { Db, Statement } from '../../db/database';
import { TaskStore } from '../ultracart/repo';
import type { ActivityRow } from './mappers';

export { TaskStore };

export interface ActivityRef {
  id: string;
  remote_id: string | null;
}

export class ActivityStore {
  private readonly byRemoteStmt: Statement;
  private readonly unlinkedStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly updateStmt: Statement;
  private readonly linkStmt: Statement;
  private readonly writeBackStmt: Statement;
  private readonly dropDuplicateStmt: Statement;

  constructor(private readonly db: Db) {
    this.byRemoteStmt = db.prepare("SELECT id, remote_id FROM activities WHERE remote = 'opentaps' AND remote_id = ?");
    // A note written here carries its own id as client reference (attributes.docksideRef).
    this.unlinkedStmt = db.prepare("SELECT id, remote_id FROM activities WHERE id = ? AND remote = 'opentaps' AND remote_id IS NULL");
    this.insertStmt = db.prepare(`
      INSERT INTO activities (id, remote, remote_id, type, body, status, contact_id, remote_contacts, attributes, client_ref, created_at, updated_at)
      VALUES (@id, 'opentaps', @remoteId, @type, @body, @status, @contactId, @remoteContacts, @attributes, @clientRef, @now, @now)`);
    this.updateStmt = db.prepare(`
      UPDATE activities SET remote_id = @remoteId, type = @type, body = @body, status = @status,
        contact_id = COALESCE(@contactId, contact_id), remote_contacts = @remoteContacts, attributes = @attributes,
        client_ref = COALESCE(@clientRef, client_ref), updated_at = @now
      WHERE id = @id
        -- a sweep re-reads everything: an unchanged row is not rewritten (and keeps its updated_at)
        AND (remote_id IS NOT @remoteId OR type IS NOT @type OR body IS NOT @body OR status IS NOT @status
          OR (@contactId IS NOT NULL AND contact_id IS NOT @contactId) OR remote_contacts IS NOT @remoteContacts
          OR attributes IS NOT @attributes OR (@clientRef IS NOT NULL AND client_ref IS NOT @clientRef))`);
    this.linkStmt = db.prepare('UPDATE activities SET remote_id = ? WHERE id = ? AND remote_id IS NULL');
    this.writeBackStmt = db.prepare('UPDATE activities SET remote_id = ?, client_ref = COALESCE(client_ref, ?) WHERE id = ?');
    this.dropDuplicateStmt = db.prepare("DELETE FROM activities WHERE remote = 'opentaps' AND remote_id = ? AND id <> ?");
  }

  find(remoteId: string, clientRef: string | null): ActivityRef | undefined {
    return (this.byRemoteStmt.get(remoteId) as ActivityRef | undefined) ?? (clientRef ? (this.unlinkedStmt.get(clientRef) as ActivityRef | undefined) : undefined);
  }

  insert(id: string, a: ActivityRow, contactId: string | null, now: number): void {
    this.insertStmt.run({ ...a, id, contactId, now });
  }

  update(id: string, a: ActivityRow, contactId: string | null, now: number): void {
    this.updateStmt.run({ ...a, id, contactId, now });
  }

  link(id: string, remoteId: string): void {
    this.linkStmt.run(remoteId, id);
  }

  /** After a create: the remote id onto the local row (and away from a row a pull made meanwhile). */
  writeBack(id: string, remoteId: string, clientRef: string): void {
    this.db.tx(() => {
      this.dropDuplicateStmt.run(remoteId, id);
      this.writeBackStmt.run(remoteId, clientRef, id);
    });
  }
}

/** Local contacts by their Opentaps contact id. */
export class ContactIndex {
  private readonly byRemoteStmt: Statement;
  private readonly knownStmt: Statement;

  constructor(db: Db) {
    this.byRemoteStmt = db.prepare('SELECT id FROM contacts WHERE opentaps_contact_id = ? LIMIT 1');
    this.knownStmt = db.prepare('SELECT DISTINCT opentaps_contact_id AS id FROM contacts WHERE opentaps_contact_id IS NOT NULL ORDER BY opentaps_contact_id');
  }

  /** The first of `remoteIds` known here, as a local contact id. */
  firstLocal(remoteIds: readonly string[]): string | null {
    for (const r of remoteIds) {
      const row = this.byRemoteStmt.get(r) as { id: string } | undefined;
      if (row) return row.id;
    }
    return null;
  }

  /** Every Opentaps contact id a local contact carries. */
  knownRemoteIds(): string[] {
    return (this.knownStmt.all() as { id: string }[]).map((r) => r.id);
  }
}
