// SQL of the UCS connector: contacts, companies, their numbers and phone keys, calls, and the
// reference data kept in remote_records. Statements are prepared once per repo; callers run
// these inside the pull's transaction (apply) or their own (push write-backs).
import type { Db, Statement } from '../../db/database';
import type { PhoneInput, PhoneRow } from './mappers';

const REMOTE = 'ucs';

/** A person's own numbers, or a company's switchboard. */
export type PhoneOwner = { contactId: string } | { companyId: string };

export interface ContactRow {
  id: string;
  external_id: string | null;
  ucs_person_id: string | null;
  company_id: string | null;
  company_role: string | null;
  first_name: string | null;
  last_name: string | null;
  display_name: string;
  email: string | null;
}

export interface CompanyRow {
  id: string;
  name: string;
  external_id: string | null;
  ucs_company_id: string | null;
}

/** Which µCRM records: persons (contacts) or companies. */
export type CrmKind = 'person' | 'company';

/** A record whose detail is to be read: the local row and its UCS id. */
export interface DetailRow {
  id: string;
  ucs_id: string;
}

const CRM_TABLE = {
  person: { table: 'contacts', ucsId: 'ucs_person_id' },
  company: { table: 'companies', ucsId: 'ucs_company_id' },
} as const;

/**
 * A detail is due when it was never read, or the list summary changed since it was (the same
 * expression as the partial indexes of migration 0016, so SQLite uses them).
 */
const DUE = (ucsId: string): string => `${ucsId} IS NOT NULL AND (ucs_details_fp IS NULL OR ucs_details_fp IS NOT ucs_summary_fp)`;

export interface LocalCallRow {
  id: string;
  uniqueid: string;
}

export class UcsRepo {
  private readonly s: Record<string, Statement>;

  constructor(readonly db: Db) {
    const CONTACT_COLS = 'id, external_id, ucs_person_id, company_id, company_role, first_name, last_name, display_name, email';
    const p = (sql: string): Statement => db.prepare(sql);
    this.s = {
      contactById: p(`SELECT ${CONTACT_COLS} FROM contacts WHERE id = ?`),
      contactByUcs: p(`SELECT ${CONTACT_COLS} FROM contacts WHERE ucs_person_id = ?`),
      contactByExt: p(`SELECT ${CONTACT_COLS} FROM contacts WHERE external_id = ?`),
      insertContact: p(
        `INSERT INTO contacts (id, company_id, company_role, first_name, last_name, display_name, email, external_id, ucs_person_id, updated_at)
         VALUES (@id, @company_id, @company_role, @first_name, @last_name, @display_name, @email, @external_id, @ucs_person_id, @updated_at)`,
      ),
      insertListedContact: p(
        `INSERT INTO contacts (id, company_id, company_role, first_name, last_name, display_name, email, external_id, ucs_person_id, updated_at, ucs_summary_fp)
         VALUES (@id, @company_id, @company_role, @first_name, @last_name, @display_name, @email, @external_id, @ucs_person_id, @updated_at, @ucs_summary_fp)`,
      ),
      updateContact: p(
        `UPDATE contacts SET company_id = @company_id, company_role = @company_role, first_name = @first_name, last_name = @last_name,
           display_name = @display_name, email = @email, external_id = @external_id, ucs_person_id = @ucs_person_id, updated_at = @updated_at
         WHERE id = @id`,
      ),
      linkContact: p(`UPDATE contacts SET company_id = ?, company_role = ?, updated_at = ? WHERE id = ? AND (company_id IS NOT ? OR company_role IS NOT ?)`),
      linkedContacts: p(`SELECT ${CONTACT_COLS} FROM contacts WHERE company_id = ? AND ucs_person_id IS NOT NULL`),
      setContactUcsId: p(`UPDATE OR IGNORE contacts SET ucs_person_id = ?, external_id = COALESCE(external_id, ?), updated_at = ? WHERE id = ?`),

      companyById: p(`SELECT id, name, external_id, ucs_company_id FROM companies WHERE id = ?`),
      companyByUcs: p(`SELECT id, name, external_id, ucs_company_id FROM companies WHERE ucs_company_id = ?`),
      companyByExt: p(`SELECT id, name, external_id, ucs_company_id FROM companies WHERE external_id = ?`),
      insertCompany: p(`INSERT INTO companies (id, name, ucs_company_id, external_id, updated_at) VALUES (@id, @name, @ucs_company_id, @external_id, @updated_at)`),
      insertListedCompany: p(
        `INSERT INTO companies (id, name, ucs_company_id, external_id, updated_at, ucs_summary_fp) VALUES (@id, @name, @ucs_company_id, @external_id, @updated_at, @ucs_summary_fp)`,
      ),
      updateCompany: p(`UPDATE companies SET name = @name, ucs_company_id = @ucs_company_id, external_id = @external_id, updated_at = @updated_at WHERE id = @id`),
      setCompanyUcsId: p(`UPDATE OR IGNORE companies SET ucs_company_id = ?, external_id = COALESCE(external_id, ?), updated_at = ? WHERE id = ?`),

      contactPhones: p(`SELECT raw, kind FROM contact_phones WHERE contact_id = ? AND company_id IS NULL ORDER BY id`),
      companyPhones: p(`SELECT raw, kind FROM contact_phones WHERE company_id = ? AND contact_id IS NULL ORDER BY id`),
      deleteContactPhones: p(`DELETE FROM contact_phones WHERE contact_id = ? AND company_id IS NULL`),
      deleteCompanyPhones: p(`DELETE FROM contact_phones WHERE company_id = ? AND contact_id IS NULL`),
      insertPhone: p(`INSERT INTO contact_phones (contact_id, company_id, raw, e164, kind) VALUES (?, ?, ?, ?, ?)`),
      insertKey: p(`INSERT OR IGNORE INTO phone_keys (key, phone_id, exact) VALUES (?, ?, ?)`),

      upsertRecord: p(
        `INSERT INTO remote_records (remote, resource, remote_id, data, updated_at) VALUES ('${REMOTE}', ?, ?, ?, ?)
         ON CONFLICT (remote, resource, remote_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at WHERE data IS NOT excluded.data`,
      ),
      pruneRecords: p(`DELETE FROM remote_records WHERE remote = '${REMOTE}' AND resource = ? AND remote_id NOT IN (SELECT value FROM json_each(?))`),
      getRecord: p(`SELECT data FROM remote_records WHERE remote = '${REMOTE}' AND resource = ? AND remote_id = ?`),

      contactFpByUcs: p(`SELECT ucs_summary_fp AS fp FROM contacts WHERE ucs_person_id = ?`),
      companyFpByUcs: p(`SELECT ucs_summary_fp AS fp FROM companies WHERE ucs_company_id = ?`),
      contactSummaryFp: p(`UPDATE contacts SET ucs_summary_fp = ? WHERE id = ?`),
      companySummaryFp: p(`UPDATE companies SET ucs_summary_fp = ? WHERE id = ?`),

      callById: p(`SELECT id, uniqueid FROM calls WHERE id = ?`),
      updateCall: p(
        `UPDATE calls SET status = @status, answered_at = @answered_at, ended_at = @ended_at,
           number_e164 = COALESCE(number_e164, @number_e164), contact_id = COALESCE(contact_id, @contact_id)
         WHERE id = @id`,
      ),
    };
  }

  contactById(id: string): ContactRow | undefined {
    return this.s.contactById!.get(id) as ContactRow | undefined;
  }
  contactByUcsId(ucsPersonId: string): ContactRow | undefined {
    return this.s.contactByUcs!.get(ucsPersonId) as ContactRow | undefined;
  }
  contactByExternalId(externalId: string): ContactRow | undefined {
    return this.s.contactByExt!.get(externalId) as ContactRow | undefined;
  }
  insertContact(row: ContactRow & { updated_at: number }): void {
    this.s.insertContact!.run(row);
  }
  /** A row first seen in the µCRM list, with its summary's fingerprint (its detail is due). */
  insertListedContact(row: ContactRow & { updated_at: number; ucs_summary_fp: string }): void {
    this.s.insertListedContact!.run(row);
  }
  updateContact(row: ContactRow & { updated_at: number }): void {
    this.s.updateContact!.run(row);
  }
  /** Sets a contact's company and role; false when they were already so. */
  linkContact(contactId: string, companyId: string | null, role: string | null, now: number): boolean {
    return this.s.linkContact!.run(companyId, role, now, contactId, companyId, role).changes > 0;
  }
  /** Contacts known to UCS that are linked to this local company. */
  linkedContacts(companyId: string): ContactRow[] {
    return this.s.linkedContacts!.all(companyId) as ContactRow[];
  }
  /** A push create's write-back. Ignored if another row already holds the id (a pull got there first). */
  setContactUcsId(contactId: string, ucsPersonId: string, externalId: string | null, now: number): boolean {
    return this.s.setContactUcsId!.run(ucsPersonId, externalId, now, contactId).changes > 0;
  }

  companyById(id: string): CompanyRow | undefined {
    return this.s.companyById!.get(id) as CompanyRow | undefined;
  }
  companyByUcsId(ucsCompanyId: string): CompanyRow | undefined {
    return this.s.companyByUcs!.get(ucsCompanyId) as CompanyRow | undefined;
  }
  companyByExternalId(externalId: string): CompanyRow | undefined {
    return this.s.companyByExt!.get(externalId) as CompanyRow | undefined;
  }
  insertCompany(row: CompanyRow & { updated_at: number }): void {
    this.s.insertCompany!.run(row);
  }
  insertListedCompany(row: CompanyRow & { updated_at: number; ucs_summary_fp: string }): void {
    this.s.insertListedCompany!.run(row);
  }
  updateCompany(row: CompanyRow & { updated_at: number }): void {
    this.s.updateCompany!.run(row);
  }
  setCompanyUcsId(companyId: string, ucsCompanyId: string, externalId: string | null, now: number): boolean {
    return this.s.setCompanyUcsId!.run(ucsCompanyId, externalId, now, companyId).changes > 0;
  }

  /** The numbers an owner has now, as typed, in order. */
  phonesOf(owner: PhoneOwner): PhoneInput[] {
    return ('contactId' in owner ? this.s.contactPhones! : this.s.companyPhones!).all('contactId' in owner ? owner.contactId : owner.companyId) as PhoneInput[];
  }

  /** Replaces an owner's numbers and their index keys (the keys go with their number: ON DELETE CASCADE). */
  replacePhones(owner: PhoneOwner, phones: readonly PhoneRow[]): void {
    if ('contactId' in owner) this.s.deleteContactPhones!.run(owner.contactId);
    else this.s.deleteCompanyPhones!.run(owner.companyId);
    this.insertPhones(owner, phones);
  }

  /** Numbers of an owner that has none yet (a row just inserted). */
  insertPhones(owner: PhoneOwner, phones: readonly PhoneRow[]): void {
    const isContact = 'contactId' in owner;
    const ownerId = isContact ? owner.contactId : owner.companyId;
    for (const ph of phones) {
      const phoneId = this.s.insertPhone!.run(isContact ? ownerId : null, isContact ? null : ownerId, ph.raw, ph.e164, ph.kind).lastInsertRowid;
      for (const k of ph.keys) this.s.insertKey!.run(k.key, phoneId, k.exact ? 1 : 0);
    }
  }

  upsertRecord(resource: string, remoteId: string, data: string, now: number): void {
    this.s.upsertRecord!.run(resource, remoteId, data, now);
  }
  /** Drops records of a resource the remote no longer lists. */
  pruneRecords(resource: string, keepIds: readonly string[]): number {
    return this.s.pruneRecords!.run(resource, JSON.stringify(keepIds)).changes;
  }
  getRecord(resource: string, remoteId: string): unknown {
    const row = this.s.getRecord!.get(resource, remoteId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as unknown) : undefined;
  }

  // ---- µCRM summaries and details (incremental pull) ----

  /** The fingerprint of the list summary last applied to the row holding this UCS id; undefined: no such row (null: never listed). */
  summaryFp(kind: CrmKind, ucsId: string): string | null | undefined {
    const row = (kind === 'person' ? this.s.contactFpByUcs! : this.s.companyFpByUcs!).get(ucsId) as { fp: string | null } | undefined;
    return row?.fp;
  }
  setSummaryFp(kind: CrmKind, id: string, fp: string): void {
    (kind === 'person' ? this.s.contactSummaryFp! : this.s.companySummaryFp!).run(fp, id);
  }

  /** The row's detail must be read again (its summary changed while local work protected it). */
  markDetailsDue(kind: CrmKind, id: string): void {
    this.db.prepare(`UPDATE ${CRM_TABLE[kind].table} SET ucs_details_fp = NULL WHERE id = ?`).run(id);
  }

  /**
   * The detail was read now: applied, or gone from UCS. It covers the summary last listed; a row
   * never listed gets an empty fingerprint, which the next list pass replaces (one more detail read).
   */
  markDetailsRead(kind: CrmKind, id: string, now: number): void {
    this.db
      .prepare(`UPDATE ${CRM_TABLE[kind].table} SET ucs_summary_fp = COALESCE(ucs_summary_fp, ''), ucs_details_fp = COALESCE(ucs_summary_fp, ''), ucs_details_at = ? WHERE id = ?`)
      .run(now, id);
  }
  markDetailsReadByUcsId(kind: CrmKind, ucsId: string, now: number): void {
    const t = CRM_TABLE[kind];
    this.db
      .prepare(`UPDATE ${t.table} SET ucs_summary_fp = COALESCE(ucs_summary_fp, ''), ucs_details_fp = COALESCE(ucs_summary_fp, ''), ucs_details_at = ? WHERE ${t.ucsId} = ?`)
      .run(now, ucsId);
  }

  /** The detail was read but not applied (local work waits): due again, yet not re-read in this run. */
  markDetailsHeld(kind: CrmKind, id: string, now: number): void {
    this.db.prepare(`UPDATE ${CRM_TABLE[kind].table} SET ucs_details_fp = NULL, ucs_details_at = ? WHERE id = ?`).run(now, id);
  }

  /** Rows whose detail is due, by UCS id after `after` (keyset: a row held back is not asked again in the same run). */
  detailsDue(kind: CrmKind, after: string, limit: number): DetailRow[] {
    const t = CRM_TABLE[kind];
    return this.db.prepare(`SELECT id, ${t.ucsId} AS ucs_id FROM ${t.table} WHERE ${DUE(t.ucsId)} AND ${t.ucsId} > ? ORDER BY ${t.ucsId} LIMIT ?`).all(after, limit) as DetailRow[];
  }
  /** One step of counting the due rows after `after`: at most `limit` of them, and the last one counted. */
  countDetailsDueStep(kind: CrmKind, after: string, limit: number): { n: number; last: string | null } {
    const t = CRM_TABLE[kind];
    return this.db
      .prepare(`SELECT COUNT(*) AS n, MAX(id) AS last FROM (SELECT ${t.ucsId} AS id FROM ${t.table} WHERE ${DUE(t.ucsId)} AND ${t.ucsId} > ? ORDER BY ${t.ucsId} LIMIT ?)`)
      .get(after, limit) as { n: number; last: string | null };
  }

  /** The rows whose detail was read longest ago, before `before` (a detail read in this run is not asked again). */
  detailsStalest(kind: CrmKind, before: number, limit: number): DetailRow[] {
    const t = CRM_TABLE[kind];
    return this.db
      .prepare(`SELECT id, ${t.ucsId} AS ucs_id FROM ${t.table} WHERE ucs_details_at < ? AND ${t.ucsId} IS NOT NULL ORDER BY ucs_details_at, ${t.ucsId} LIMIT ?`)
      .all(before, limit) as DetailRow[];
  }
  /** Stale rows that are not due anyway (those are counted by countDetailsDueStep). */
  countDetailsStale(kind: CrmKind, before: number, atMost: number): number {
    const t = CRM_TABLE[kind];
    // Capped: a run refreshes at most `atMost`, and counting all 500,000 would hold the loop.
    return (
      this.db
        .prepare(
          `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${t.table} WHERE ucs_details_at < ? AND ${t.ucsId} IS NOT NULL AND ucs_details_fp IS NOT NULL AND ucs_details_fp IS ucs_summary_fp LIMIT ?)`,
        )
        .get(before, atMost) as { n: number }
    ).n;
  }

  callById(id: string): LocalCallRow | undefined {
    return this.s.callById!.get(id) as LocalCallRow | undefined;
  }
  updateCall(row: { id: string; status: string; answered_at: number | null; ended_at: number | null; number_e164: string | null; contact_id: string | null }): void {
    this.s.updateCall!.run(row);
  }

  /**
   * Local calls whose CDR may still change: not yet fetched, not final, or recent (metadata is
   * written during and after a call). Keyset-paged by id.
   */
  callsToRefresh(after: string | null, since: number, limit: number): LocalCallRow[] {
    return this.db
      .prepare(
        `SELECT c.id, c.uniqueid FROM calls c
         WHERE c.uniqueid IS NOT NULL AND c.id > @after
           AND (c.status IN ('ringing', 'answered') OR c.started_at >= @since
                OR NOT EXISTS (SELECT 1 FROM remote_records r WHERE r.remote = '${REMOTE}' AND r.resource = 'calls' AND r.remote_id = c.uniqueid))
         ORDER BY c.id LIMIT @limit`,
      )
      .all({ after: after ?? '', since, limit }) as LocalCallRow[];
  }

  countCallsToRefresh(since: number): number {
    return (
      this.db
        .prepare(
          `SELECT COUNT(*) AS n FROM calls c
           WHERE c.uniqueid IS NOT NULL
             AND (c.status IN ('ringing', 'answered') OR c.started_at >= @since
                  OR NOT EXISTS (SELECT 1 FROM remote_records r WHERE r.remote = '${REMOTE}' AND r.resource = 'calls' AND r.remote_id = c.uniqueid))`,
        )
        .get({ since }) as { n: number }
    ).n;
  }
}
