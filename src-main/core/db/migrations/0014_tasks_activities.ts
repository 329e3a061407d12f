import type { Migration } from '../migrate';

// What the UltraCart and Opentaps connectors keep beyond 0004's tasks: the remote's own status
// (its vocabulary is richer than ours, and a round trip must not flip "cancelled" into "done"),
// the remote assignee and group (remote ids, not station users), tags, the client reference a
// lost-reply create is found by, and the remote's own change stamp. Opentaps activities (notes,
// e-mails, …) get a table of their own; its tasks go to `tasks`.
export const migration: Migration = {
  version: 14,
  name: 'tasks_activities',
  up(db) {
    db.exec(`
      ALTER TABLE tasks ADD COLUMN remote_status TEXT;
      ALTER TABLE tasks ADD COLUMN remote_assignee TEXT;
      ALTER TABLE tasks ADD COLUMN remote_group TEXT;
      ALTER TABLE tasks ADD COLUMN tags TEXT;
      ALTER TABLE tasks ADD COLUMN client_ref TEXT;
      ALTER TABLE tasks ADD COLUMN remote_updated_at TEXT;
      CREATE INDEX tasks_remote_assignee ON tasks(remote, remote_assignee, status);
      -- the Opentaps pull resolves every activity's contacts through this
      CREATE INDEX contacts_opentaps ON contacts(opentaps_contact_id) WHERE opentaps_contact_id IS NOT NULL;

      CREATE TABLE activities (
        id TEXT PRIMARY KEY,
        remote TEXT NOT NULL CHECK (remote IN ('opentaps')),
        remote_id TEXT,
        type TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT,
        contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
        -- every remote contact id the activity concerns (linked, assigned, responsible), JSON array
        remote_contacts TEXT NOT NULL DEFAULT '[]',
        attributes TEXT NOT NULL DEFAULT '{}',
        client_ref TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (remote, remote_id)
      ) STRICT;
      CREATE INDEX activities_contact ON activities(contact_id, created_at);
    `);
  },
};
