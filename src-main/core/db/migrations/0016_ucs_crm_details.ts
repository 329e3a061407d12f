import type { Migration } from '../migrate';

// Incremental µCRM pull. The UCS person and company lists carry no contacts, so numbers, company
// links and switchboards come only from one detail call per record. Each UCS-linked row keeps a
// fingerprint of its list summary as last seen (ucs_summary_fp), the fingerprint the summary had
// when its detail was last applied (ucs_details_fp; NULL = detail never read, or must be read
// again) and when that was (ucs_details_at). A detail is due when the two fingerprints differ;
// the stalest details_at are re-read a few per run, since a changed number leaves the summary as it was.
export const migration: Migration = {
  version: 16,
  name: 'ucs_crm_details',
  up(db) {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN ucs_summary_fp TEXT;
      ALTER TABLE contacts ADD COLUMN ucs_details_fp TEXT;
      ALTER TABLE contacts ADD COLUMN ucs_details_at INTEGER;
      CREATE INDEX contacts_ucs_due ON contacts(ucs_person_id)
        WHERE ucs_person_id IS NOT NULL AND (ucs_details_fp IS NULL OR ucs_details_fp IS NOT ucs_summary_fp);
      CREATE INDEX contacts_ucs_details_at ON contacts(ucs_details_at, ucs_person_id) WHERE ucs_details_at IS NOT NULL;

      ALTER TABLE companies ADD COLUMN ucs_summary_fp TEXT;
      ALTER TABLE companies ADD COLUMN ucs_details_fp TEXT;
      ALTER TABLE companies ADD COLUMN ucs_details_at INTEGER;
      CREATE INDEX companies_ucs_due ON companies(ucs_company_id)
        WHERE ucs_company_id IS NOT NULL AND (ucs_details_fp IS NULL OR ucs_details_fp IS NOT ucs_summary_fp);
      CREATE INDEX companies_ucs_details_at ON companies(ucs_details_at, ucs_company_id) WHERE ucs_details_at IS NOT NULL;
    `);
  },
};
