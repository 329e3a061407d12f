// UCS records → the station's rows, and nothing else: no I/O, no clock, no ids. The repo writes
// what these return; the pull and push modules decide when.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isSupportedCountry } from 'libphonenumber-js';
import { normalisePhone, type CountryCode } from './phone';
import { CONTACT_TYPE, type UcsCall, type UcsCompany, type UcsCompanySummary, type UcsPerson, type UcsPersonSummary } from './schemas';

/** The station's default country for national numbers: CZ when unset or not a country libphonenumber knows. */
export function stationCountry(c: string | undefined): CountryCode {
  return c && isSupportedCountry(c) ? c : 'CZ';
}

/** One stored number with every key the phone index finds it by. */
export interface PhoneRow {
  raw: string;
  /** E.164 when it parses, else its bare digits (contact_phones.e164 is NOT NULL). */
  e164: string;
  kind: string | null;
  /** exact: the number's own E.164 (or, unparseable, its full digit string); else a national form. */
  keys: { key: string; exact: boolean }[];
}

/** A number as typed, before it is parsed: what a re-run compares, so unchanged numbers are never re-parsed. */
export interface PhoneInput {
  raw: string;
  kind: string | null;
}

export interface ContactFields {
  ucsPersonId: string;
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  email: string | null;
  /** Phone-type contacts holding at least one digit, in the person's order. */
  phones: PhoneInput[];
  /** From the person's own `companies` when it has the shape {company_id, role} (the document leaves it open); null = not told. */
  companies: { ucsCompanyId: string; role: string | null }[] | null;
}

export interface CompanyFields {
  ucsCompanyId: string;
  externalId: string | null;
  name: string;
  /** The switchboard, read from the free `data` object (`phone`, `telefon`, …): the document has no company contacts. */
  phones: PhoneInput[];
  persons: { ucsPersonId: string; role: string | null }[];
}

export type CallStatus = 'ringing' | 'answered' | 'ended' | 'missed';

export interface CallFields {
  uniqueid: string;
  direction: 'inbound' | 'outbound';
  /** The outside party: the caller of an inbound call, the callee of an outbound one. */
  numberRaw: string;
  numberE164: string | null;
  status: CallStatus;
  startedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  metadata: Record<string, unknown>;
}

/** The seed writes `null` and the string "null" into names, and pads them with spaces. */
export function cleanText(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' || t === 'null' ? null : t;
}

/** Memo of raw number → row for one chunk: switchboards repeat across a company's people. */
export type PhoneCache = Map<string, PhoneRow | null>;

const HAS_DIGIT = /\d/;

/** Whether the stored numbers are exactly these (same raw text and label, same order). */
export function samePhones(stored: readonly PhoneInput[], next: readonly PhoneInput[]): boolean {
  return stored.length === next.length && stored.every((e, i) => e.raw === next[i]!.raw && e.kind === next[i]!.kind);
}

/** The rows (with index keys) of numbers as typed. */
export function phoneRows(inputs: readonly PhoneInput[], defaultCountry: CountryCode, cache?: PhoneCache): PhoneRow[] {
  const out: PhoneRow[] = [];
  for (const i of inputs) {
    const row = phoneRow(i.raw, i.kind, defaultCountry, cache);
    if (row) out.push(row);
  }
  return out;
}

/** A number as the index stores it; undefined when it holds no digit at all. */
export function phoneRow(raw: string, kind: string | null, defaultCountry: CountryCode, cache?: PhoneCache): PhoneRow | undefined {
  const memo = cache?.get(raw);
  if (memo !== undefined) return memo === null ? undefined : { ...memo, kind };
  const row = computePhoneRow(raw, kind, defaultCountry);
  cache?.set(raw, row ?? null);
  return row;
}

function computePhoneRow(raw: string, kind: string | null, defaultCountry: CountryCode): PhoneRow | undefined {
  const p = normalisePhone(raw, defaultCountry);
  if (!p) {
    const digits = raw.replace(/\D/g, '');
    return digits ? { raw, e164: digits, kind, keys: [{ key: digits, exact: true }] } : undefined;
  }
  const keys = new Map<string, boolean>([[p.e164, true]]);
  keys.set(p.nationalNumber, keys.get(p.nationalNumber) ?? false);
  const nationalDigits = p.national.replace(/\D/g, '');
  if (nationalDigits) keys.set(nationalDigits, keys.get(nationalDigits) ?? false);
  return { raw, e164: p.e164, kind, keys: [...keys].map(([key, exact]) => ({ key, exact })) };
}

const personCompaniesSchema = z.array(z.looseObject({ company_id: z.number().int(), role: z.string().nullable().optional() }));

export function personToContact(p: UcsPerson): ContactFields {
  const firstName = cleanText(p.firstname);
  const lastName = cleanText(p.lastname);
  const email = p.contacts.find((c) => c.type === CONTACT_TYPE.email && c.contact.trim())?.contact.trim() ?? null;
  const externalId = cleanText(p.external_id);
  const phones: PhoneInput[] = [];
  for (const c of p.contacts) if (c.type === CONTACT_TYPE.phone && HAS_DIGIT.test(c.contact)) phones.push({ raw: c.contact, kind: cleanText(c.label) });
  const linked = personCompaniesSchema.safeParse(p.companies);
  return {
    ucsPersonId: String(p.id),
    externalId,
    firstName,
    lastName,
    displayName: cleanText(p.displayname) ?? ([firstName, lastName].filter(Boolean).join(' ') || email || externalId || `UCS person ${p.id}`),
    email,
    phones,
    companies: linked.success ? linked.data.map((c) => ({ ucsCompanyId: String(c.company_id), role: cleanText(c.role) })) : null,
  };
}

/**
 * A list summary's fingerprint: equal fingerprints mean the summary did not change. Only list
 * summaries are compared with each other (never with a detail, whose shape a server may render
 * differently), so the whole summary counts, fields we do not read included.
 */
export function summaryFingerprint(s: UcsPersonSummary | UcsCompanySummary): string {
  return createHash('sha1').update(JSON.stringify(s)).digest('base64url').slice(0, 20);
}

/** What a person's list summary says (no numbers, e-mail or companies: the list has none). */
export interface PersonSummaryFields {
  ucsPersonId: string;
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  /** null when the summary names nobody: the detail's e-mail may, so a known row keeps its own. */
  displayName: string | null;
}

export function personSummaryToContact(p: UcsPersonSummary): PersonSummaryFields {
  const firstName = cleanText(p.firstname);
  const lastName = cleanText(p.lastname);
  return {
    ucsPersonId: String(p.id),
    externalId: cleanText(p.external_id),
    firstName,
    lastName,
    displayName: cleanText(p.displayname) ?? ([firstName, lastName].filter(Boolean).join(' ') || null),
  };
}

/** A company's row from its list summary (the switchboard and people come with the detail). */
export function companySummaryToRow(c: UcsCompanySummary): Omit<CompanyFields, 'phones' | 'persons'> {
  return { ucsCompanyId: String(c.id), externalId: cleanText(c.external_id), name: cleanText(c.name) ?? cleanText(c.external_id) ?? `UCS company ${c.id}` };
}

/** `data` keys that hold a company's own number (the document's `data` is free key/value). */
const SWITCHBOARD_KEY = /phone|tel|switchboard|ustredna|ústředna/i;

export function companyToRow(c: UcsCompany): CompanyFields {
  const phones: PhoneInput[] = [];
  for (const [k, v] of Object.entries(c.data ?? {})) if (SWITCHBOARD_KEY.test(k) && typeof v === 'string' && HAS_DIGIT.test(v)) phones.push({ raw: v, kind: 'switchboard' });
  return {
    ...companySummaryToRow(c),
    phones,
    persons: c.persons.map((p) => ({ ucsPersonId: String(p.person_id), role: cleanText(p.role) })),
  };
}

// ---- UCS dates: "YYYY-MM-DD HH:MM:SS", server local time without a zone ------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function offsetMs(timeZone: string, at: number): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** A UCS date in the server's zone (the document does not name it) as epoch ms; null when absent or unreadable. */
export function ucsDateToMs(s: string | null | undefined, timeZone: string): number | null {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(s.trim()) : null;
  if (!m) return null;
  const local = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  // Two passes: the offset at the first guess can differ from the offset at the answer near a DST switch.
  const first = local - offsetMs(timeZone, local);
  return local - offsetMs(timeZone, first);
}

/** A CDR as the station's call row. Direction from src_internal × dst_internal, as the document says. */
export function cdrToCall(c: UcsCall, defaultCountry: CountryCode, timeZone: string): CallFields {
  const inbound = !c.src_internal && c.dst_internal;
  const numberRaw = (inbound ? c.src_number : c.dst_number) ?? '';
  const connected = ucsDateToMs(c.connected, timeZone);
  const disconnected = ucsDateToMs(c.disconnected, timeZone);
  const status: CallStatus = disconnected !== null ? (connected !== null ? 'ended' : 'missed') : connected !== null ? 'answered' : 'ringing';
  return {
    uniqueid: c.uniqueid,
    direction: inbound ? 'inbound' : 'outbound',
    numberRaw,
    numberE164: numberRaw ? (normalisePhone(numberRaw, defaultCountry)?.e164 ?? null) : null,
    status,
    startedAt: ucsDateToMs(c.calldate, timeZone),
    answeredAt: connected,
    endedAt: disconnected,
    metadata: c.metadata ?? {},
  };
}
