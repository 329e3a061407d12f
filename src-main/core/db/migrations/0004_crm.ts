import type { Migration } from '../migrate';

// Companies, contacts and their phone numbers (an E.164 index for screen-pop), calls, notes, tasks.
export const migration: Migration = {
  version: 4,
  name: 'crm',
  up(db) {
    db.exec(`
      CREATE TABLE companies (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        ucs_company_id TEXT UNIQUE,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE contacts (
        id TEXT PRIMARY KEY,
        company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
        first_name TEXT,
        last_name TEXT,
        display_name TEXT NOT NULL,
        email TEXT,
        external_id TEXT UNIQUE,
        ucs_person_id TEXT UNIQUE,
        opentaps_contact_id TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX contacts_company ON contacts(company_id);
      CREATE INDEX contacts_name ON contacts(display_name COLLATE NOCASE);

      -- A number belongs to a person or to a company switchboard (shared by its people).
      CREATE TABLE contact_phones (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        contact_id TEXT REFERENCES contacts(id) ON DELETE CASCADE,
        company_id TEXT REFERENCES companies(id) ON DELETE CASCADE,
        raw TEXT NOT NULL,
        e164 TEXT NOT NULL,
        kind TEXT,
        CHECK (contact_id IS NOT NULL OR company_id IS NOT NULL)
      ) STRICT;
      CREATE INDEX contact_phones_e164 ON contact_phones(e164);
      CREATE INDEX contact_phones_contact ON contact_phones(contact_id);

      CREATE TABLE calls (
        id TEXT PRIMARY KEY,
        uniqueid TEXT UNIQUE,
        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        number_raw TEXT NOT NULL,
        number_e164 TEXT,
        queue TEXT,
        contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
        user_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('ringing', 'answered', 'ended', 'missed')),
        disposition TEXT,
        started_at INTEGER NOT NULL,
        answered_at INTEGER,
        ended_at INTEGER
      ) STRICT;
      CREATE INDEX calls_contact ON calls(contact_id, started_at);
      CREATE INDEX calls_started ON calls(started_at);

      CREATE TABLE call_notes (
        id TEXT PRIMARY KEY,
        call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        user_id TEXT,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX call_notes_call ON call_notes(call_id);

      CREATE TABLE tasks (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT,
        status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
        priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        due_at INTEGER,
        contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
        order_id TEXT,
        call_id TEXT REFERENCES calls(id) ON DELETE SET NULL,
        assigned_user_id TEXT,
        remote TEXT CHECK (remote IN ('ultracart', 'opentaps', 'homs')),
        remote_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (remote, remote_id)
      ) STRICT;
      CREATE INDEX tasks_contact ON tasks(contact_id, status);
      CREATE INDEX tasks_assigned ON tasks(assigned_user_id, status);
    `);
  },
};
