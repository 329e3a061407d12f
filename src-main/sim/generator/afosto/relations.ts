/** Relations: contacts (persons) and organisations (companies) with their addresses and phone numbers. */
import { genCompany, genPerson, type DemoAddress } from '../entities';
import { shortHash, uuidFor } from '../ids';
import type { DemoPhone } from '../phone';
import { rngFor } from '../prng';
import type { Json } from './json';

export function relAddress(seed: number, index: number, a: DemoAddress, createdAt: string): Json {
  return {
    id: uuidFor(seed, 'address', index),
    country_code: a.country,
    administrative_area: '',
    locality: a.city,
    dependent_locality: '',
    postal_code: a.postalCode,
    sorting_code: '',
    address_line_1: `${a.street} ${a.houseNumber}${a.houseNumberSuffix}`,
    address_line_2: '',
    thoroughfare: a.street,
    premise_number: a.houseNumber,
    premise_number_suffix: a.houseNumberSuffix,
    organisation: a.organisation ?? '',
    given_name: a.givenName,
    additional_name: '',
    family_name: a.familyName,
    created_at: createdAt,
  };
}

export function relPhone(seed: number, index: number, p: DemoPhone, createdAt: string): Json {
  return {
    id: uuidFor(seed, 'phone', index),
    country_code: p.country,
    number: p.e164,
    national: p.national,
    type: p.type,
    created_at: createdAt,
  };
}

/** address indexes: person i home = 4i; order-specific shipping = 4*(1e9)+order; company = 2e9+c */
export const ADDRESS_BASE_ORDER = 4_000_000_000;
export const ADDRESS_BASE_COMPANY = 2_000_000_000;
export const PHONE_BASE_COMPANY = 3_000_000_000;

export function afostoOrganisation(seed: number, c: number): Json {
  const co = genCompany(seed, c);
  return {
    id: co.id,
    version: shortHash(`${co.id}:1`),
    name: co.name,
    file_id: null,
    coc_number: co.cocNumber,
    account_manager: '',
    administration: { email: co.email },
    tags: [],
    metadata: {},
    registrations: [{ country_code: co.country, number: co.cocNumber, verification: { is_pending: false, is_valid: true, country_code: co.country, name: co.name, type: 'coc', metadata: {}, verified_at: co.createdAt } }],
    payment_settings: {
      post_payment: { spending_limit: 500000, current_due_amount: 0, due_after: 14, iban: [] },
      invoice: { is_expected_through_post_mail: false, is_expected_through_email: true, is_expected_at_delivery: false },
    },
    phone_numbers: { primary: relPhone(seed, PHONE_BASE_COMPANY + c, co.switchboard, co.createdAt), secondary: [] },
    billing: { primary: relAddress(seed, ADDRESS_BASE_COMPANY + c, co.address, co.createdAt), secondary: [] },
    shipping: { primary: relAddress(seed, ADDRESS_BASE_COMPANY + c, co.address, co.createdAt), secondary: [] },
    created_at: co.createdAt,
    updated_at: co.createdAt,
    deleted_at: null,
  };
}

export function afostoContact(seed: number, i: number): Json {
  const p = genPerson(seed, i);
  const phones = p.phones.map((ph, k) => relPhone(seed, i * 8 + k, ph, p.createdAt));
  const addr = relAddress(seed, 4 * i, p.address, p.createdAt);
  return {
    id: p.id,
    version: shortHash(`${p.id}:1`),
    email: p.email,
    is_guest: rngFor(seed, 'guest', i).chance(0.1),
    audience: 'default',
    tags: p.vip ? ['vip'] : [],
    given_name: p.givenName,
    additional_name: p.additionalName ?? '',
    family_name: p.familyName,
    organisations: { primary: p.companyIndex === null ? null : afostoOrganisation(seed, p.companyIndex), secondary: [] },
    billing: { primary: addr, secondary: [] },
    shipping: { primary: addr, secondary: [] },
    phone_numbers: { primary: phones[0] ?? null, secondary: phones.slice(1) },
    metadata: { customer_number: p.customerNumber },
    created_at: p.createdAt,
    updated_at: p.createdAt,
    deleted_at: null,
  };
}
