// Caller ID → who is calling, for screen-pop. Stored numbers carry every key they answer to
// (phone_keys: E.164 and national digit forms, see mappers.phoneRow); an incoming number is turned
// into its own keys and found with ONE indexed query, whatever form the PBX sends
// (+420 777 123 456, 00420777123456, 777123456, 777-123-456, 0777123456 with a line prefix).
import type { Db } from '../../db/database';
import { phoneRows, samePhones, stationCountry, type PhoneInput } from './mappers';
import { UcsRepo, type PhoneOwner } from './repo';
import { normalisePhone, type CountryCode } from './phone';

export interface PhoneMatch {
  /** 'contact': a person's number; 'company': a company's switchboard. */
  kind: 'contact' | 'company';
  contactId: string | null;
  companyId: string | null;
  /** The person's display name, or the company's name. */
  name: string;
  companyName: string | null;
  /** The person's role in the company ("majitel"), when known. */
  role: string | null;
  /** The number as stored, and its label ("mobil", "kancelář", "switchboard"). */
  number: string;
  label: string | null;
  /** True: the same number (its E.164, or the same digits when it does not parse). False: only a national form matched (a likely, not certain, match). */
  exact: boolean;
  /** An exact match that more than one person or company holds (a shared switchboard). */
  shared: boolean;
}

/** The keys an incoming number is looked up by, its exact one first; at most 4 (the query's slots). */
export function lookupKeys(raw: string, defaultCountry: CountryCode): { exact: string; keys: string[] } | undefined {
  const digits = raw.replace(/\D/g, '');
  const p = normalisePhone(raw, defaultCountry);
  if (!p) return digits ? { exact: digits, keys: [digits] } : undefined;
  const keys = new Set([p.e164, p.nationalNumber, p.national.replace(/\D/g, ''), digits]);
  keys.delete('');
  return { exact: p.e164, keys: [...keys].slice(0, 4) };
}

interface Row {
  key: string;
  exact: number;
  contact_id: string | null;
  company_id: string | null;
  raw: string;
  kind: string | null;
  contact_name: string | null;
  role: string | null;
  company_name: string | null;
}

/** The lookup (exported for its query-plan test). Parameters: four keys, then the exact E.164. */
export const PHONE_LOOKUP_SQL = `
  SELECT k.key, k.exact, p.contact_id, COALESCE(p.company_id, c.company_id) AS company_id, p.raw, p.kind, c.display_name AS contact_name, c.company_role AS role,
         co.name AS company_name
  FROM phone_keys k
  JOIN contact_phones p ON p.id = k.phone_id
  LEFT JOIN contacts c ON c.id = p.contact_id
  LEFT JOIN companies co ON co.id = COALESCE(p.company_id, c.company_id)
  WHERE k.key IN (?, ?, ?, ?)
  UNION ALL
  -- Numbers written by other code without index keys are still found by their E.164.
  SELECT p.e164, 1, p.contact_id, COALESCE(p.company_id, c.company_id), p.raw, p.kind, c.display_name, c.company_role, co.name
  FROM contact_phones p
  LEFT JOIN contacts c ON c.id = p.contact_id
  LEFT JOIN companies co ON co.id = COALESCE(p.company_id, c.company_id)
  WHERE p.e164 = ? AND NOT EXISTS (SELECT 1 FROM phone_keys k2 WHERE k2.phone_id = p.id)`;

/**
 * Who holds this number: people and company switchboards, exact matches first, then people
 * before companies, then by name. Empty when nobody does (or the input has no digits).
 */
export function findByNumber(db: Db, raw: string, defaultCountry: CountryCode | string = 'CZ'): PhoneMatch[] {
  const q = lookupKeys(raw, stationCountry(defaultCountry));
  if (!q) return [];
  const k = q.keys;
  const rows = db.prepare(PHONE_LOOKUP_SQL).all(k[0], k[1] ?? k[0], k[2] ?? k[0], k[3] ?? k[0], q.exact) as Row[];
  const byOwner = new Map<string, PhoneMatch>();
  for (const r of rows) {
    const exact = r.exact === 1 && r.key === q.exact;
    const owner = r.contact_id !== null ? `c:${r.contact_id}` : `o:${r.company_id}`;
    const prev = byOwner.get(owner);
    if (prev && (prev.exact || !exact)) continue;
    byOwner.set(owner, {
      kind: r.contact_id !== null ? 'contact' : 'company',
      contactId: r.contact_id,
      companyId: r.company_id ?? null,
      name: r.contact_id !== null ? (r.contact_name ?? '') : (r.company_name ?? ''),
      companyName: r.company_name,
      role: r.contact_id !== null ? r.role : null,
      number: r.raw,
      label: r.kind,
      exact,
      shared: false,
    });
  }
  const out = [...byOwner.values()];
  const exactOwners = out.filter((m) => m.exact).length;
  for (const m of out) m.shared = m.exact && exactOwners > 1;
  return out.sort((a, b) => Number(b.exact) - Number(a.exact) || (a.kind === b.kind ? 0 : a.kind === 'contact' ? -1 : 1) || a.name.localeCompare(b.name));
}

/**
 * For code that edits numbers locally (a contact form, a call's "save caller"): replaces an
 * owner's numbers together with their index keys, so findByNumber finds them in every form.
 * Runs in the caller's transaction when there is one; writes nothing if the numbers are unchanged.
 */
export function writePhones(db: Db, owner: PhoneOwner, phones: readonly PhoneInput[], defaultCountry?: string): void {
  const repo = new UcsRepo(db);
  const keep = phones.filter((p) => /\d/.test(p.raw));
  db.tx(() => {
    if (!samePhones(repo.phonesOf(owner), keep)) repo.replacePhones(owner, phoneRows(keep, stationCountry(defaultCountry)));
  });
}
