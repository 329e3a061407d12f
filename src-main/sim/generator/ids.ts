/**
 * Deterministic identifiers that encode (kind, index), so an id can be turned back into the
 * index of the entity it names without any lookup table (lazy access for large datasets).
 */
import { fmix32, hashString } from './prng';

/** Kind codes; stable, never renumber. */
export const KIND = {
  order: 0x01,
  orderItem: 0x02,
  shipment: 0x03,
  shipmentItem: 0x04,
  parcel: 0x05,
  list: 0x06,
  claim: 0x07,
  claimItem: 0x08,
  contact: 0x09,
  address: 0x0a,
  phone: 0x0b,
  organisation: 0x0c,
  location: 0x0d,
  method: 0x0e,
  hub: 0x0f,
  printer: 0x10,
  job: 0x11,
  inventory: 0x12,
  task: 0x13,
  file: 0x14,
  version: 0x15,
  channel: 0x16,
  ucTask: 0x20,
  otActivity: 0x30,
  otContact: 0x31,
} as const;
export type Kind = keyof typeof KIND;

function h(seed: number, kind: number, index: number, salt: number): number {
  return fmix32((seed ^ Math.imul(kind + 1, 0x27d4eb2d) ^ Math.imul(salt, 0x165667b1) ^ fmix32(index >>> 0)) >>> 0);
}

function hex(n: number, len: number): string {
  return (n >>> 0).toString(16).padStart(8, '0').slice(-len);
}

/** RFC-4122-shaped (version 4 layout) UUID whose last group is the index. */
export function uuidFor(seed: number, kind: Kind, index: number): string {
  const k = KIND[kind];
  const a = h(seed, k, index, 1);
  const b = h(seed, k, index, 2);
  const c = h(seed, k, index, 3);
  return `${hex(a, 8)}-${hex(b, 4)}-4${hex(c, 3)}-${(0x8000 | k).toString(16)}-${index.toString(16).padStart(12, '0')}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-([89ab][0-9a-f]{3})-([0-9a-f]{12})$/;

/** Inverse of uuidFor: the index, or null if `id` is not a generated id of that kind and seed. */
export function indexFromUuid(seed: number, kind: Kind, id: string): number | null {
  const m = UUID_RE.exec(id);
  if (!m) return null;
  if (parseInt(m[1] as string, 16) !== (0x8000 | KIND[kind])) return null;
  const index = parseInt(m[2] as string, 16);
  return uuidFor(seed, kind, index) === id ? index : null;
}

/** 24-hex Mongo-style id (Opentaps) encoding the index. */
export function hex24For(seed: number, kind: Kind, index: number): string {
  const k = KIND[kind];
  const ts = 0x5166b967 + index * 37; // plausible 2013+ object-id timestamp
  return `${hex(ts, 8)}${k.toString(16).padStart(2, '0')}${hex(h(seed, k, index, 4), 4)}${index.toString(16).padStart(10, '0')}`;
}

export function indexFromHex24(seed: number, kind: Kind, id: string): number | null {
  if (!/^[0-9a-f]{24}$/.test(id)) return null;
  const index = parseInt(id.slice(14), 16);
  return hex24For(seed, kind, index) === id ? index : null;
}

/** Opaque short token derived from a string (e.g. contact versions). */
export function shortHash(s: string): string {
  return hashString(s).toString(16).padStart(8, '0');
}

/** Demo time anchor: entity timestamps are computed from it, never from the wall clock. */
export const ANCHOR_MS = Date.UTC(2025, 0, 6, 7, 0, 0);

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
