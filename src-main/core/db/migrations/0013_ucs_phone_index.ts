import type { Migration } from '../migrate';

// The local phone index for screen-pop: every key a stored number answers to (its E.164 and its
// national digit forms), so a caller ID in whatever form the PBX sends is found with one indexed
// lookup. Keys are computed in code (libphonenumber), so they live beside contact_phones and go
// with their number (ON DELETE CASCADE). Also the µCRM fields the CRM tables lacked: a contact's
// role in its company ("majitel") and a company's external reference (how a create whose reply
// was lost is found again).
export const migration: Migration = {
  version: 13,
  name: 'ucs_phone_index',
  up(db) {
    db.exec(`
      CREATE TABLE phone_keys (
        key TEXT NOT NULL,
        phone_id INTEGER NOT NULL REFERENCES contact_phones(id) ON DELETE CASCADE,
        -- 1: the number's own E.164; 0: a national form (may be shared across countries)
        exact INTEGER NOT NULL,
        PRIMARY KEY (key, phone_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX phone_keys_phone ON phone_keys(phone_id);
      CREATE INDEX contact_phones_company ON contact_phones(company_id);

      ALTER TABLE contacts ADD COLUMN company_role TEXT;
      ALTER TABLE companies ADD COLUMN external_id TEXT;
      CREATE UNIQUE INDEX companies_external_id ON companies(external_id) WHERE external_id IS NOT NULL;
    `);
  },
};
