// What the station pulls from UCS, resource by resource, in the order the engine runs them.
// The document offers no change cursor anywhere (no updated-since filter, no event feed), so every
// resource is a sweep: the enumerations in one answer each, the µCRM lists by limit/offset up to
// `total`. The lists carry no contacts and there is no search by phone, so numbers, e-mail and
// company links need one detail call per person and per company (the document's N+1). At 500,000
// persons that is minutes per sweep, so details are read incrementally: the list pass writes rows
// from the summaries alone, and the detail resources that follow read only what is new or whose
// summary changed, plus a bounded number of the stalest ones per run. There is no call list or
// search either: the calls refreshed are the ones this station handled (their uniqueid came from the agent bar).
import type { Db } from '../../db/database';
import { newId } from '../../util/ids';
import type { ApplyContext, ConnectorDeps, PullPage, PullResource } from '../../sync/types';
import { RemoteError } from '../shared/errors';
import type { UcsClient, UcsPage } from './client';
import {
  cdrToCall,
  companySummaryToRow,
  companyToRow,
  personSummaryToContact,
  personToContact,
  phoneRows,
  samePhones,
  stationCountry,
  summaryFingerprint,
  type PhoneCache,
  type PhoneInput,
} from './mappers';
import type { CountryCode } from './phone';
import { findByNumber } from './phoneIndex';
import { UcsRepo, type CompanyRow, type ContactRow, type CrmKind, type DetailRow, type PhoneOwner } from './repo';
import type { UcsCall, UcsCompany, UcsCompanySummary, UcsPerson, UcsPersonSummary } from './schemas';

export interface UcsPullOptions {
  /** µCRM list page size (`limit`); the document gives no maximum. Default 500. */
  pageSize?: number;
  /** Details read per page of person_details / company_details (one cursor save and one transaction per page). Default 250: a page of new persons is parsed and indexed in ~10 ms. */
  detailPageSize?: number;
  /** Detail calls in flight at once. Default 16. */
  detailConcurrency?: number;
  /**
   * Known persons (and, separately, companies) whose detail is re-read per run although their
   * summary did not change, stalest first. A changed number or company link leaves the summary as
   * it was, so without this it would never arrive; bounded, so a run costs UCS at most this many
   * extra calls (the whole list comes round in ceil(total / refreshPerRun) runs). Default 2,000:
   * at the 5-minute sweep that is ~7 calls/s, and 500,000 persons are all re-read within a day.
   */
  refreshPerRun?: number;
  /** Due details are counted (for the progress bar's total) this many at a time, a turn between. Default 20,000. */
  countStep?: number;
  /** The UCS server's zone: CDR dates carry none. Default Europe/Prague (UCS is a Czech product). */
  timeZone?: string;
  /** Calls started this recently are re-read every pass (metadata is written during and after a call). Default 1 day. */
  recentCallsMs?: number;
  /** Local calls read per page. Default 50. */
  callsPageSize?: number;
}

/** Reference data read in one answer: applied as a whole so records the remote dropped are dropped here too. */
export interface UcsRecordSet {
  records: { id: string; data: unknown }[];
}

/** One local call and its CDR. */
export interface UcsCallItem {
  localId: string;
  cdr: UcsCall;
}

/** One detail as read: null when the record is gone from UCS since it was listed. */
export interface UcsDetailItem<T> {
  ucsId: string;
  detail: T | null;
}

/**
 * Progress of a detail run, stored as the resource's cursor (JSON) with each page, so a run cut
 * short resumes where it was: first every due row by UCS id after `after`, then up to `left` of
 * the stalest rows whose detail was read before `since` (the run's start).
 */
export interface UcsDetailCursor {
  since: number;
  phase: 'due' | 'refresh';
  after: string;
  left: number;
}

/** Resource names, in run order (remote_records.resource for the reference data). */
export const UCS_RESOURCES = [
  'groups',
  'roles',
  'teams',
  'queues',
  'users',
  'queue_memberships',
  'persons',
  'companies',
  'calls',
  'person_details',
  'company_details',
] as const;
export type UcsResourceName = (typeof UCS_RESOURCES)[number];

export const CONTACT_ENTITY = 'contact';
export const COMPANY_ENTITY = 'company';
export const CALL_ENTITY = 'call';

/** `fn` over `items`, `limit` at a time, in order; a record gone (not_found) since it was listed is left out. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: (R | undefined)[] = new Array<R | undefined>(items.length);
  const gone = new Set<number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T);
      } catch (e) {
        if (e instanceof RemoteError && e.kind === 'not_found') gone.add(i);
        else throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out.filter((_, i) => !gone.has(i)) as R[];
}

/** Details of `rows`, `limit` at a time, in order; a record gone (not_found) comes back as null. */
async function fetchDetails<T>(rows: readonly DetailRow[], limit: number, get: (ucsId: number) => Promise<T>, signal: AbortSignal): Promise<UcsDetailItem<T>[]> {
  const out: UcsDetailItem<T>[] = new Array<UcsDetailItem<T>>(rows.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < rows.length) {
      signal.throwIfAborted();
      const i = next++;
      const ucsId = rows[i]!.ucs_id;
      try {
        out[i] = { ucsId, detail: await get(Number(ucsId)) };
      } catch (e) {
        if (e instanceof RemoteError && e.kind === 'not_found') out[i] = { ucsId, detail: null };
        else throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, rows.length)) }, worker));
  return out;
}

function parseDetailCursor(cursor: string | null): UcsDetailCursor | undefined {
  if (!cursor) return undefined;
  try {
    const c = JSON.parse(cursor) as Partial<UcsDetailCursor>;
    if (typeof c.since === 'number' && (c.phase === 'due' || c.phase === 'refresh') && typeof c.after === 'string' && typeof c.left === 'number') return c as UcsDetailCursor;
  } catch {
    // not ours (an older cursor): start a new run
  }
  return undefined;
}

/** How long a list page read ahead may wait for its turn. */
const AHEAD_FRESH_MS = 30_000;

const onePage = <T>(items: T[]): PullPage<T> => ({ items, cursor: null, done: true });

export function ucsPullResources(deps: ConnectorDeps<UcsClient>, opts: UcsPullOptions = {}): PullResource<unknown, UcsClient>[] {
  const country = stationCountry(deps.defaultCountry);
  const pageSize = opts.pageSize ?? 500;
  const detailPageSize = Math.max(1, opts.detailPageSize ?? 250);
  const refreshPerRun = Math.max(0, opts.refreshPerRun ?? 2_000);
  const concurrency = opts.detailConcurrency ?? 16;
  const timeZone = opts.timeZone ?? 'Europe/Prague';
  const recentMs = opts.recentCallsMs ?? 24 * 3600_000;
  const callsPageSize = opts.callsPageSize ?? 50;
  let repo: UcsRepo | undefined;
  const repoOf = (db: Db): UcsRepo => (repo && repo.db === db ? repo : (repo = new UcsRepo(db)));

  const recordSet = <R>(resource: UcsResourceName, read: (c: UcsClient) => Promise<R[]>, idOf: (r: R) => number | string): PullResource<UcsRecordSet, UcsClient> => ({
    remote: 'ucs',
    resource,
    mode: 'sweep',
    async fetchPage(client) {
      const list = await read(client);
      return { ...onePage([{ records: list.map((r) => ({ id: String(idOf(r)), data: r })) }]), total: list.length };
    },
    apply(items, ctx) {
      const r = repoOf(ctx.db);
      for (const set of items) {
        for (const rec of set.records) r.upsertRecord(resource, rec.id, JSON.stringify(rec.data), ctx.now);
        r.pruneRecords(resource, set.records.map((x) => x.id));
      }
    },
  });

  /**
   * A list read one page ahead: the next page is on its way while this one is applied, so a run
   * takes about the longer of fetching and applying rather than their sum. A page read ahead is
   * used only by the call that asks for its offset soon after (else it is read again).
   */
  const listPages = <T>(read: (c: UcsClient, offset: number) => Promise<UcsPage<T>>) => {
    let ahead: { client: UcsClient; offset: number; at: number; page: Promise<UcsPage<T>> } | undefined;
    return async (client: UcsClient, cursor: string | null, signal: AbortSignal): Promise<PullPage<T>> => {
      const offset = cursor ? Number(cursor) : 0;
      const fresh = ahead && ahead.client === client && ahead.offset === offset && deps.clock.now() - ahead.at < AHEAD_FRESH_MS;
      const pending = fresh ? ahead!.page : read(client, offset);
      ahead = undefined;
      const page = await pending;
      if (!page.done && !signal.aborted) {
        const next = read(client, page.nextOffset);
        next.catch(() => undefined); // its failure is the next call's, when it asks for it
        ahead = { client, offset: page.nextOffset, at: deps.clock.now(), page: next };
      }
      return { items: page.items, cursor: page.done ? null : String(page.nextOffset), done: page.done, total: page.total };
    };
  };

  // The lists: rows from the summaries alone, fast (no detail call); a changed summary makes the detail due.
  const persons: PullResource<UcsPersonSummary, UcsClient> = {
    remote: 'ucs',
    resource: 'persons',
    mode: 'sweep',
    fetchPage: listPages((c, offset) => c.personsPage(offset, pageSize)),
    apply(items, ctx) {
      applyPersonSummaries(repoOf(ctx.db), items, ctx);
    },
  };

  const companies: PullResource<UcsCompanySummary, UcsClient> = {
    remote: 'ucs',
    resource: 'companies',
    mode: 'sweep',
    fetchPage: listPages((c, offset) => c.companiesPage(offset, pageSize)),
    apply(items, ctx) {
      applyCompanySummaries(repoOf(ctx.db), items, ctx);
    },
  };

  /**
   * The details a run reads: every due one (new, or its summary changed, or held back by local
   * work), then the `refreshPerRun` stalest. The cursor carries the run's progress; `total` (for
   * the progress bar) is counted once when this process starts or resumes a run.
   */
  const COUNT_STEP = Math.max(1, opts.countStep ?? 20_000);
  const details = <T>(kind: CrmKind, resource: string, get: (c: UcsClient, id: number) => Promise<T>, apply: (r: UcsRepo, items: readonly UcsDetailItem<T>[], ctx: ApplyContext) => void): PullResource<UcsDetailItem<T>, UcsClient> => {
    let run: { next: string; total: number } | undefined;
    return {
      remote: 'ucs',
      resource,
      mode: 'sweep',
      async fetchPage(client, cursor, signal) {
        const r = repoOf(deps.db);
        let c = parseDetailCursor(cursor) ?? { since: deps.clock.now(), phase: 'due', after: '', left: refreshPerRun };
        if (!run || run.next !== cursor) {
          const due = c.phase === 'due' ? await countDueInSteps(r, kind, c.after, signal) : 0;
          run = { next: '', total: due + r.countDetailsStale(kind, c.since, c.left) };
        }
        let rows: DetailRow[] = [];
        if (c.phase === 'due') {
          rows = r.detailsDue(kind, c.after, detailPageSize);
          c = { ...c, after: rows.at(-1)?.ucs_id ?? c.after, phase: rows.length < detailPageSize ? 'refresh' : 'due' };
        }
        if (rows.length === 0 && c.phase === 'refresh' && c.left > 0) {
          const want = Math.min(detailPageSize, c.left);
          rows = r.detailsStalest(kind, c.since, want);
          c = { ...c, left: rows.length < want ? 0 : c.left - rows.length };
        }
        const done = c.phase === 'refresh' && c.left === 0;
        const items = await fetchDetails(rows, concurrency, (id) => get(client, id), signal);
        const next = done ? null : JSON.stringify(c);
        const total = run.total;
        if (next === null) run = undefined;
        else run.next = next;
        return { items, cursor: next, done, total };
      },
      apply(items, ctx) {
        apply(repoOf(ctx.db), items, ctx);
      },
    };
  };

  /**
   * The first run has every one of 500,000 people due: one COUNT over them holds the event loop for
   * tens of milliseconds, so it is counted 20,000 index entries at a time with a turn between.
   */
  const countDueInSteps = async (r: UcsRepo, kind: CrmKind, after: string, signal: AbortSignal): Promise<number> => {
    let total = 0;
    for (let from = after; ; ) {
      const step = r.countDetailsDueStep(kind, from, COUNT_STEP);
      total += step.n;
      if (step.n < COUNT_STEP || step.last === null) return total;
      from = step.last;
      await new Promise((res) => setImmediate(res));
      signal.throwIfAborted();
    }
  };

  const personDetails = details<UcsPerson>('person', 'person_details', (c, id) => c.person(id), (r, items, ctx) => {
    applyPersons(r, present(r, 'person', items, ctx.now), ctx, country);
  });
  const companyDetails = details<UcsCompany>('company', 'company_details', (c, id) => c.company(id), (r, items, ctx) => {
    applyCompanies(r, present(r, 'company', items, ctx.now), ctx, country);
  });

  const calls: PullResource<UcsCallItem, UcsClient> = {
    remote: 'ucs',
    resource: 'calls',
    mode: 'sweep',
    async fetchPage(client, cursor, signal) {
      const r = repoOf(deps.db);
      const since = deps.clock.now() - recentMs;
      const rows = r.callsToRefresh(cursor, since, callsPageSize);
      const total = r.countCallsToRefresh(since);
      signal.throwIfAborted();
      const items = await mapLimit(rows, concurrency, async (row) => ({ localId: row.id, cdr: await client.callRecord(row.uniqueid) }));
      const done = rows.length < callsPageSize;
      return { items, cursor: done ? null : (rows.at(-1)?.id ?? null), done, total };
    },
    apply(items, ctx) {
      applyCalls(repoOf(ctx.db), items, ctx, country, timeZone);
    },
  };

  return [
    recordSet('groups', (c) => c.groups(), (g) => g.id),
    recordSet('roles', (c) => c.roles(), (r) => r.id),
    recordSet('teams', (c) => c.teams(), (t) => t.id),
    recordSet('queues', (c) => c.queues(), (q) => q.id),
    // The list is a summary; the detail has team, role and extension (users are few: one call each).
    recordSet(
      'users',
      async (c) => {
        const list = await c.users();
        const details = await mapLimit(list, concurrency, async (u) => ({ ...u, ...(await c.user(u.id)) }));
        const found = new Set(details.map((d) => d.id));
        return [...details, ...list.filter((u) => !found.has(u.id))];
      },
      (u) => u.id,
    ),
    // The document lists every agent's memberships in one answer (no per-agent read): all are kept,
    // keyed by UCS user id; myQueueMemberships() picks the station's agent.
    recordSet('queue_memberships', (c) => c.agentQueues(), (a) => a.id),
    persons as PullResource<unknown, UcsClient>,
    companies as PullResource<unknown, UcsClient>,
    // Before the details: a first run's backlog of details (minutes at 500,000 persons) must not hold up the calls.
    calls as PullResource<unknown, UcsClient>,
    personDetails as PullResource<unknown, UcsClient>,
    companyDetails as PullResource<unknown, UcsClient>,
  ];
}

// ---- apply (synchronous, inside the engine's transaction) --------------------------------------

/** The details that came back; the rows of records gone from UCS are marked read (not asked again until listed anew or stale). */
function present<T>(r: UcsRepo, kind: CrmKind, items: readonly UcsDetailItem<T>[], now: number): T[] {
  const out: T[] = [];
  for (const it of items) {
    if (it.detail) out.push(it.detail);
    else r.markDetailsReadByUcsId(kind, it.ucsId, now);
  }
  return out;
}

/**
 * A list page: a row per person from its summary. An unchanged summary (same fingerprint) costs one
 * indexed read and no write; a changed or new one updates names and external id and leaves its
 * numbers, e-mail and company to the detail, which is now due.
 */
function applyPersonSummaries(r: UcsRepo, items: readonly UcsPersonSummary[], ctx: ApplyContext): void {
  for (const s of items) {
    const fp = summaryFingerprint(s);
    const known = r.summaryFp('person', String(s.id));
    if (known === fp) continue;
    const f = personSummaryToContact(s);
    const byUcs = known === undefined ? undefined : r.contactByUcsId(f.ucsPersonId);
    const byExt = f.externalId && byUcs?.external_id !== f.externalId ? (r.contactByExternalId(f.externalId) ?? r.contactById(f.externalId)) : undefined;
    const row = byUcs ?? byExt;
    if (row && ctx.isProtected(CONTACT_ENTITY, row.id)) {
      // Local work waits. A UCS-linked row: its detail is read next and records the conflict with
      // the whole remote person; the fingerprint stays old, so this repeats until the work is sent.
      if (byUcs) r.markDetailsDue('person', row.id);
      else ctx.conflict({ entity: CONTACT_ENTITY, entityId: row.id, remoteId: f.ucsPersonId, remoteData: s });
      continue;
    }
    const extFree = f.externalId !== null && (!byExt || byExt.id === row?.id || byExt.external_id !== f.externalId);
    const next: ContactRow & { updated_at: number } = {
      id: row?.id ?? newId(),
      external_id: extFree ? f.externalId : (row?.external_id ?? null),
      ucs_person_id: f.ucsPersonId,
      company_id: row?.company_id ?? null,
      company_role: row?.company_role ?? null,
      first_name: f.firstName,
      last_name: f.lastName,
      display_name: f.displayName ?? row?.display_name ?? f.externalId ?? `UCS person ${f.ucsPersonId}`,
      email: row?.email ?? null,
      updated_at: ctx.now,
    };
    if (!row) r.insertListedContact({ ...next, ucs_summary_fp: fp });
    else {
      if (!sameContact(row, next)) r.updateContact(next);
      r.setSummaryFp('person', row.id, fp);
      ctx.resolved(CONTACT_ENTITY, row.id);
    }
  }
}

/** A list page of companies: as persons, the switchboard and people come with the detail. */
function applyCompanySummaries(r: UcsRepo, items: readonly UcsCompanySummary[], ctx: ApplyContext): void {
  for (const c of items) {
    const fp = summaryFingerprint(c);
    const known = r.summaryFp('company', String(c.id));
    if (known === fp) continue;
    const f = companySummaryToRow(c);
    const byUcs = known === undefined ? undefined : r.companyByUcsId(f.ucsCompanyId);
    const byExt = f.externalId && byUcs?.external_id !== f.externalId ? (r.companyByExternalId(f.externalId) ?? r.companyById(f.externalId)) : undefined;
    const row = byUcs ?? byExt;
    if (row && ctx.isProtected(COMPANY_ENTITY, row.id)) {
      if (byUcs) r.markDetailsDue('company', row.id);
      else ctx.conflict({ entity: COMPANY_ENTITY, entityId: row.id, remoteId: f.ucsCompanyId, remoteData: c });
      continue;
    }
    if (!row) r.insertListedCompany({ ...newCompanyRow(row, f, byExt, ctx.now), ucs_summary_fp: fp });
    else {
      upsertCompanyRow(r, row, f, byExt, ctx);
      r.setSummaryFp('company', row.id, fp);
    }
  }
}

type CompanyKeys = { ucsCompanyId: string; externalId: string | null; name: string };

/** The row a company's UCS record makes of `row` (undefined: a new one). external_id is unique locally: never take one another row holds. */
function newCompanyRow(row: CompanyRow | undefined, f: CompanyKeys, byExt: CompanyRow | undefined, now: number): CompanyRow & { updated_at: number } {
  const extFree = f.externalId !== null && (!byExt || byExt.id === row?.id || byExt.external_id !== f.externalId);
  return { id: row?.id ?? newId(), name: f.name, ucs_company_id: f.ucsCompanyId, external_id: extFree ? f.externalId : (row?.external_id ?? null), updated_at: now };
}

function upsertCompanyRow(
  r: UcsRepo,
  row: CompanyRow | undefined,
  f: CompanyKeys,
  byExt: CompanyRow | undefined,
  ctx: ApplyContext,
): CompanyRow {
  const next = newCompanyRow(row, f, byExt, ctx.now);
  if (!row) r.insertCompany(next);
  else {
    if (row.name !== next.name || row.ucs_company_id !== next.ucs_company_id || row.external_id !== next.external_id) r.updateCompany(next);
    ctx.resolved(COMPANY_ENTITY, row.id);
  }
  return next;
}

function applyPersons(r: UcsRepo, items: readonly UcsPerson[], ctx: ApplyContext, country: CountryCode): void {
  const cache: PhoneCache = new Map();
  for (const p of items) {
    const f = personToContact(p);
    // By UCS id; else by external_id (our customer id, or the local id a pushed create sent).
    const byUcs = r.contactByUcsId(f.ucsPersonId);
    const byExt = f.externalId && byUcs?.external_id !== f.externalId ? (r.contactByExternalId(f.externalId) ?? r.contactById(f.externalId)) : undefined;
    const row = byUcs ?? byExt;
    if (row && ctx.isProtected(CONTACT_ENTITY, row.id)) {
      ctx.conflict({ entity: CONTACT_ENTITY, entityId: row.id, remoteId: f.ucsPersonId, remoteData: p });
      if (row.ucs_person_id === f.ucsPersonId) r.markDetailsHeld('person', row.id, ctx.now);
      continue;
    }
    let companyId = row?.company_id ?? null;
    let role = row?.company_role ?? null;
    if (f.companies) {
      const linked = f.companies.map((c) => ({ company: r.companyByUcsId(c.ucsCompanyId), role: c.role })).find((c) => c.company);
      if (linked?.company) {
        companyId = linked.company.id;
        role = linked.role;
      } else if (f.companies.length === 0 && row?.company_id && r.companyById(row.company_id)?.ucs_company_id) {
        // UCS says the person is in no company: drop a link that came from UCS, keep a local one.
        companyId = null;
        role = null;
      }
    }
    // external_id is unique locally: never take one another row holds.
    const extFree = f.externalId !== null && (!byExt || byExt.id === row?.id || byExt.external_id !== f.externalId);
    const next: ContactRow & { updated_at: number } = {
      id: row?.id ?? newId(),
      external_id: extFree ? f.externalId : (row?.external_id ?? null),
      ucs_person_id: f.ucsPersonId,
      company_id: companyId,
      company_role: role,
      first_name: f.firstName,
      last_name: f.lastName,
      display_name: f.displayName,
      email: f.email,
      updated_at: ctx.now,
    };
    if (!row) r.insertContact(next);
    else {
      if (!sameContact(row, next)) r.updateContact(next);
      ctx.resolved(CONTACT_ENTITY, row.id);
    }
    syncPhones(r, { contactId: next.id }, !row, f.phones, country, cache);
    r.markDetailsRead('person', next.id, ctx.now);
  }
}

/** Writes an owner's numbers only when they changed: a re-run neither parses nor writes them. */
function syncPhones(r: UcsRepo, owner: PhoneOwner, isNew: boolean, phones: readonly PhoneInput[], country: CountryCode, cache: PhoneCache): void {
  if (isNew) r.insertPhones(owner, phoneRows(phones, country, cache));
  else if (!samePhones(r.phonesOf(owner), phones)) r.replacePhones(owner, phoneRows(phones, country, cache));
}

const CONTACT_FIELDS = ['external_id', 'ucs_person_id', 'company_id', 'company_role', 'first_name', 'last_name', 'display_name', 'email'] as const;
const sameContact = (a: ContactRow, b: ContactRow): boolean => CONTACT_FIELDS.every((k) => a[k] === b[k]);

function applyCompanies(r: UcsRepo, items: readonly UcsCompany[], ctx: ApplyContext, country: CountryCode): void {
  const cache: PhoneCache = new Map();
  for (const c of items) {
    const f = companyToRow(c);
    const byUcs = r.companyByUcsId(f.ucsCompanyId);
    const byExt = f.externalId && byUcs?.external_id !== f.externalId ? (r.companyByExternalId(f.externalId) ?? r.companyById(f.externalId)) : undefined;
    const row = byUcs ?? byExt;
    if (row && ctx.isProtected(COMPANY_ENTITY, row.id)) {
      ctx.conflict({ entity: COMPANY_ENTITY, entityId: row.id, remoteId: f.ucsCompanyId, remoteData: c });
      if (row.ucs_company_id === f.ucsCompanyId) r.markDetailsHeld('company', row.id, ctx.now);
      continue;
    }
    const next = upsertCompanyRow(r, row, f, byExt, ctx);
    syncPhones(r, { companyId: next.id }, !row, f.phones, country, cache);
    // The company's people, with their role: the list is the whole truth for UCS-known contacts.
    const listed = new Set<string>();
    // A link held back by a contact's waiting work keeps the company's detail due, so it is read
    // again next run (and applied once the work is sent) rather than only when it comes round as stale.
    let held = false;
    for (const p of f.persons) {
      const contact = r.contactByUcsId(p.ucsPersonId);
      if (!contact) continue; // not listed (yet): the person's own detail links it
      listed.add(contact.id);
      if (contact.company_id === next.id && contact.company_role === p.role) continue;
      if (ctx.isProtected(CONTACT_ENTITY, contact.id)) {
        ctx.conflict({ entity: CONTACT_ENTITY, entityId: contact.id, remoteId: p.ucsPersonId, remoteData: { company: c.id, role: p.role } });
        held = true;
        continue;
      }
      r.linkContact(contact.id, next.id, p.role, ctx.now);
    }
    for (const contact of r.linkedContacts(next.id)) {
      if (listed.has(contact.id)) continue;
      if (ctx.isProtected(CONTACT_ENTITY, contact.id)) held = true;
      else r.linkContact(contact.id, null, null, ctx.now);
    }
    if (held) r.markDetailsHeld('company', next.id, ctx.now);
    else r.markDetailsRead('company', next.id, ctx.now);
  }
}

function applyCalls(r: UcsRepo, items: readonly UcsCallItem[], ctx: ApplyContext, country: CountryCode, timeZone: string): void {
  for (const it of items) {
    if (!r.callById(it.localId)) continue; // deleted locally meanwhile
    r.upsertRecord('calls', it.cdr.uniqueid, JSON.stringify(it.cdr), ctx.now);
    r.upsertRecord('call_metadata', it.cdr.uniqueid, JSON.stringify(it.cdr.metadata ?? {}), ctx.now);
    if (ctx.isProtected(CALL_ENTITY, it.localId)) {
      ctx.conflict({ entity: CALL_ENTITY, entityId: it.localId, remoteId: it.cdr.uniqueid, remoteData: it.cdr });
      continue;
    }
    const f = cdrToCall(it.cdr, country, timeZone);
    const match = f.numberRaw ? findByNumber(ctx.db, f.numberRaw, country).find((m) => m.exact && m.kind === 'contact' && !m.shared) : undefined;
    r.updateCall({ id: it.localId, status: f.status, answered_at: f.answeredAt, ended_at: f.endedAt, number_e164: f.numberE164, contact_id: match?.contactId ?? null });
    ctx.resolved(CALL_ENTITY, it.localId);
  }
}

/** The station agent's queue memberships as last pulled; [] when unknown. */
export function myQueueMemberships(db: Db, me: { ucsUserId: number } | { externalId: string }): { id: number; type?: number; priority?: number; suspended?: boolean }[] {
  type Agent = { id: number; external_id?: string | null; queues: { id: number; type?: number; priority?: number; suspended?: boolean }[] };
  if ('ucsUserId' in me) {
    const row = db.prepare(`SELECT data FROM remote_records WHERE remote = 'ucs' AND resource = 'queue_memberships' AND remote_id = ?`).get(String(me.ucsUserId)) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Agent).queues : [];
  }
  const row = db
    .prepare(`SELECT data FROM remote_records WHERE remote = 'ucs' AND resource = 'queue_memberships' AND json_extract(data, '$.external_id') = ?`)
    .get(me.externalId) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as Agent).queues : [];
}
