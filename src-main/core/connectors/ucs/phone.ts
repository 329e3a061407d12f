// Phone numbers as µCRM holds them — typed by people in mixed formats (`+420 601 123 456`,
// `601123456`, `00420601123456`, `(020) 123 4567`, `06-12345678`) — turned into index keys:
// E.164 plus national digit forms, so a caller ID matches whichever way the contact was typed.
// Pure: the local phone index (later) calls it per contact and per incoming number.
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js';

export type { CountryCode };

export interface NormalisedPhone {
  /** `+420601123456` */
  e164: string;
  /** ISO country, when the number says (or the default decides) which. */
  country: CountryCode | undefined;
  /** National significant number, digits only: `601123456`, `612345678`. */
  nationalNumber: string;
  /** National display form: `601 123 456`, `06 12345678`. */
  national: string;
}

/**
 * A number in any of the usual forms, read with `defaultCountry` for numbers without a country
 * code (`00` + code counts as a country code). Undefined when it cannot be a phone number.
 * A valid reading wins; failing that a possible one (right length): CRM data holds numbers the
 * metadata does not know yet, and a missed caller match is worse than an extra key.
 */
export function normalisePhone(raw: string, defaultCountry: CountryCode): NormalisedPhone | undefined {
  const cleaned = raw.trim();
  if (!/\d/.test(cleaned)) return undefined;
  const n = parsePhoneNumberFromString(cleaned, defaultCountry);
  if (n?.isValid()) return shape(n);
  // A PBX writes an outside number with its line prefix `0` (the seed's pilot number `0776000001`
  // for +420 776 000 001); in countries without a trunk `0` that reading is the valid one.
  const digits = cleaned.replace(/[^\d+]/g, '');
  if (/^0[1-9]/.test(digits)) {
    const unprefixed = parsePhoneNumberFromString(digits.slice(1), defaultCountry);
    if (unprefixed?.isValid()) return shape(unprefixed);
  }
  return n?.isPossible() ? shape(n) : undefined;
}

function shape(n: PhoneNumber): NormalisedPhone {
  return { e164: n.number, country: n.country, nationalNumber: String(n.nationalNumber), national: n.formatNational() };
}

/**
 * The keys a contact is indexed under (and an incoming number is looked up by): its E.164, its
 * national significant number, and the national form with its trunk prefix (`0612345678`), all
 * digits-only except the E.164's `+`. Unparseable input still yields its bare digits, so two
 * identically-typed odd numbers (short internal extensions, `1800`) still meet.
 */
export function phoneKeys(raw: string, defaultCountry: CountryCode): string[] {
  const keys = new Set<string>();
  const p = normalisePhone(raw, defaultCountry);
  if (p) {
    keys.add(p.e164);
    keys.add(p.nationalNumber);
    const nationalDigits = p.national.replace(/\D/g, '');
    if (nationalDigits) keys.add(nationalDigits);
  } else {
    const digits = raw.replace(/\D/g, '');
    if (digits) keys.add(digits);
  }
  return [...keys];
}

/** The best single key for an incoming caller ID: its E.164 when it parses, else its digits. */
export function callerKey(raw: string, defaultCountry: CountryCode): string | undefined {
  return normalisePhone(raw, defaultCountry)?.e164 ?? (raw.replace(/\D/g, '') || undefined);
}
