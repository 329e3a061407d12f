/** Warehouse locations and shipping methods (fixed tables). */
import { ANCHOR_MS, iso, uuidFor } from '../ids';
import { ADDRESS_BASE_COMPANY } from './relations';
import type { Json } from './json';

export const LOCATIONS = [
  { name: 'Sklad Praha-Hostivař', city: 'Praha' },
  { name: 'Magazijn Tilburg', city: 'Tilburg' },
];

export function afostoLocation(seed: number, i: number): Json {
  const l = LOCATIONS[i] ?? LOCATIONS[0]!;
  return {
    id: uuidFor(seed, 'location', i),
    name: l.name,
    reference: uuidFor(seed, 'location', 1000 + i),
    address_id: uuidFor(seed, 'address', ADDRESS_BASE_COMPANY - 10 + i),
    is_disabled: false,
    created_at: iso(ANCHOR_MS - 1000 * 86400_000),
    updated_at: iso(ANCHOR_MS - 1000 * 86400_000),
  };
}

export const METHODS: readonly (readonly [carrier: string, name: string, countries: readonly string[]])[] = [
  ['ppl', 'PPL', ['CZ', 'SK']],
  ['zasilkovna', 'Zásilkovna', ['CZ']],
  ['dpd', 'DPD', ['CZ', 'SK', 'DE', 'NL']],
  ['ceska_posta', 'Česká pošta', ['CZ']],
  ['packeta', 'Packeta', ['SK']],
  ['gls', 'GLS', ['SK', 'DE']],
  ['dhl', 'DHL', ['DE', 'NL']],
  ['hermes', 'Hermes', ['DE']],
  ['postnl', 'PostNL', ['NL']],
];

export function methodIndexByName(name: string): number {
  const i = METHODS.findIndex((m) => m[1] === name);
  return i < 0 ? 2 : i;
}

export function afostoMethod(seed: number, i: number): Json {
  const [code, name, countries] = METHODS[i]!;
  return {
    id: uuidFor(seed, 'method', i),
    carrier_code: code,
    name,
    label: name,
    description: `${name} – doručení na adresu`,
    max_weight: 31500,
    countries: countries.map((c, k) => ({ code: c, amount: 499 + k * 100 })),
    delivery_during: 'daytime',
    is_configured: true,
    is_same_day: false,
    is_sunday: false,
    is_carrier_location: code === 'zasilkovna' || code === 'packeta',
    is_neighbour_allowed: code === 'postnl' || code === 'dhl',
    provider_method_id: `${code}-std`,
    provider: 'default',
    is_enabled: true,
    priority: 100,
  };
}
