/**
 * Seeded pseudo-random numbers for the demo data generator.
 *
 * - `seedToInt` turns a user seed (number or string) into a 32-bit integer.
 * - `mulberry32` is the well-known 32-bit PRNG by Tommy Ettinger (public domain).
 * - `rngFor(seed, domain, index)` derives an independent generator for entity `index` of
 *   kind `domain`, so entity i can be computed without generating 0..i-1 (lazy, O(1) access).
 */

/** 32-bit FNV-1a over UTF-16 code units, then finalised with a murmur3 fmix. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h >>> 0);
}

/** murmur3 32-bit finaliser: a good avalanche for integer mixing. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function seedToInt(seed: number | string | undefined): number {
  if (seed === undefined) return 20240807;
  if (typeof seed === 'number' && Number.isFinite(seed)) return Math.trunc(seed) >>> 0;
  const s = String(seed);
  if (/^\d+$/.test(s) && s.length < 10) return Number(s) >>> 0;
  return hashString(s);
}

/** mulberry32: returns a function producing floats in [0, 1). */
export function mulberry32(a: number): () => number {
  let state = a >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Small convenience wrapper around mulberry32. */
export class Rng {
  private readonly f: () => number;
  constructor(seed: number) {
    this.f = mulberry32(seed);
  }
  /** float in [0, 1) */
  next(): number {
    return this.f();
  }
  /** integer in [min, max] (inclusive) */
  int(min: number, max: number): number {
    return min + Math.floor(this.f() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.f() < p;
  }
  pick<T>(arr: readonly T[]): T {
    if (arr.length === 0) throw new Error('pick from empty array');
    return arr[Math.floor(this.f() * arr.length)] as T;
  }
  /** weighted pick: [[value, weight], ...] */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.f() * total;
    for (const [v, w] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.f() * 10));
    return s;
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.f() * 16).toString(16);
    return s;
  }
  alnum(n: number): string {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let s = '';
    for (let i = 0; i < n; i++) s += chars[Math.floor(this.f() * chars.length)];
    return s;
  }
}

/** Independent generator for entity `index` of kind `domain` under `seed`. */
const domainHashes = new Map<string, number>();
function domainHash(domain: string): number {
  let h = domainHashes.get(domain);
  if (h === undefined) {
    h = hashString(domain);
    if (domainHashes.size < 4096) domainHashes.set(domain, h);
  }
  return h;
}

export function rngFor(seed: number, domain: string, index: number): Rng {
  const h = fmix32((domainHash(domain) ^ seed) >>> 0);
  // mix the index in two halves so indexes above 2^32 still differ
  const lo = index >>> 0;
  const hi = Math.floor(index / 4294967296) >>> 0;
  return new Rng(fmix32((h + Math.imul(lo, 0x9e3779b1) + fmix32(hi ^ 0x5bd1e995)) >>> 0));
}

/** A single deterministic float in [0,1) for (seed, domain, index) without building an Rng. */
export function unitFor(seed: number, domain: string, index: number): number {
  return rngFor(seed, domain, index).next();
}
