/**
 * A mutable view over a lazy generated collection: created, updated and deleted entities live in
 * an overlay; everything else is computed on demand from the generator. Positions are "physical
 * indexes": base entities 0..baseCount-1, then created entities in creation order.
 */
export interface OverlayOptions<T> {
  /** number of generated (base) entities */
  baseCount: number;
  /** generator for physical index i; must accept indexes >= baseCount only if `make` is not used */
  gen: (i: number) => T;
  /** id → physical index (or null). Must work for created entities too (ids encode the index). */
  indexOf: (id: string) => number | null;
  /** optional: base entities that do not exist (sparse collections), e.g. new orders without parcels */
  exists?: (i: number) => boolean;
  /** memoise generated base entities (for collections that are scanned often); reads are cloned */
  cacheBase?: boolean;
}

export interface OverlayChanges<T> {
  created: T[];
  updated: T[];
  deleted: string[];
}

export class OverlayCollection<T> {
  readonly baseCount: number;
  private readonly gen: (i: number) => T;
  private readonly idx: (id: string) => number | null;
  private readonly exists: (i: number) => boolean;
  private readonly stored = new Map<number, T>();
  private readonly updatedBase = new Set<number>();
  private readonly deletedIds = new Map<number, string>();
  private deletedSorted: number[] = [];
  private next: number;
  private readonly cache: (T | undefined)[] | null;

  constructor(o: OverlayOptions<T>) {
    this.baseCount = o.baseCount;
    this.cache = o.cacheBase ? [] : null;
    this.gen = o.gen;
    this.idx = o.indexOf;
    this.exists = o.exists ?? (() => true);
    this.next = o.baseCount;
  }

  /** number of live entities (sparse bases must use SparseOverlay instead) */
  get size(): number {
    return this.next - this.deletedSorted.length;
  }

  /** next physical index a create() will use */
  get nextIndex(): number {
    return this.next;
  }

  indexOf(id: string): number | null {
    const i = this.idx(id);
    if (i === null || i < 0 || i >= this.next || this.deletedIds.has(i)) return null;
    if (i < this.baseCount && !this.stored.has(i) && !this.exists(i)) return null;
    return i;
  }

  getAt(i: number): T | undefined {
    if (i < 0 || i >= this.next || this.deletedIds.has(i)) return undefined;
    const s = this.stored.get(i);
    if (s !== undefined) return structuredClone(s);
    if (i >= this.baseCount || !this.exists(i)) return undefined;
    return this.cache ? structuredClone(this.raw(i)) : this.gen(i);
  }

  /** base entity without cloning (cached when cacheBase); never mutate the result */
  private raw(i: number): T {
    if (!this.cache) return this.gen(i);
    let e = this.cache[i];
    if (e === undefined) {
      e = this.gen(i);
      this.cache[i] = e;
    }
    return e;
  }

  /** iterate live entities read-only (no cloning); stop early by returning false */
  scan(fn: (e: T, index: number) => boolean | void): void {
    for (let p = 0; p < this.next; p++) {
      if (this.deletedIds.has(p)) continue;
      let e = this.stored.get(p);
      if (e === undefined) {
        if (p >= this.baseCount || !this.exists(p)) continue;
        e = this.raw(p);
      }
      if (fn(e, p) === false) return;
    }
  }

  get(id: string): T | undefined {
    const i = this.indexOf(id);
    return i === null ? undefined : this.getAt(i);
  }

  has(id: string): boolean {
    return this.indexOf(id) !== null;
  }

  /** create a new entity at the next physical index */
  create(make: (index: number) => T): T {
    const i = this.next++;
    const e = make(i);
    this.stored.set(i, structuredClone(e));
    return e;
  }

  /** replace the entity stored at index i (must exist) */
  putAt(i: number, e: T): void {
    if (i < this.baseCount) this.updatedBase.add(i);
    this.stored.set(i, structuredClone(e));
  }

  /** read-modify-write; returns the new entity or undefined when not found */
  update(id: string, fn: (e: T) => T | void): T | undefined {
    const i = this.indexOf(id);
    if (i === null) return undefined;
    const cur = this.getAt(i) as T;
    const res = fn(cur);
    const next = (res === undefined ? cur : res) as T;
    this.putAt(i, next);
    return structuredClone(next);
  }

  remove(id: string): boolean {
    const i = this.indexOf(id);
    if (i === null) return false;
    this.stored.delete(i);
    this.updatedBase.delete(i);
    this.deletedIds.set(i, id);
    // keep sorted for offset arithmetic
    let lo = 0;
    let hi = this.deletedSorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.deletedSorted[mid] as number) < i) lo = mid + 1;
      else hi = mid;
    }
    this.deletedSorted.splice(lo, 0, i);
    return true;
  }

  private deletedLE(p: number): number {
    let lo = 0;
    let hi = this.deletedSorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.deletedSorted[mid] as number) <= p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** physical index of the live entity at logical position `pos` (0-based, ascending) */
  physical(pos: number): number {
    let p = pos;
    for (;;) {
      const np = pos + this.deletedLE(p);
      if (np === p) break;
      p = np;
    }
    while (this.deletedIds.has(p)) p++;
    return p;
  }

  /** live entities at logical positions [offset, offset+limit), ascending */
  list(offset: number, limit: number): T[] {
    const out: T[] = [];
    if (limit <= 0 || offset >= this.size) return out;
    let p = this.physical(Math.max(0, offset));
    while (out.length < limit && p < this.next) {
      if (!this.deletedIds.has(p)) {
        const e = this.getAt(p);
        if (e !== undefined) out.push(e);
      }
      p++;
    }
    return out;
  }

  /** live entities newest first (descending physical index) */
  listDesc(offset: number, limit: number): T[] {
    const out: T[] = [];
    const size = this.size;
    if (limit <= 0 || offset >= size) return out;
    let p = this.physical(size - 1 - Math.max(0, offset));
    while (out.length < limit && p >= 0) {
      if (!this.deletedIds.has(p)) {
        const e = this.getAt(p);
        if (e !== undefined) out.push(e);
      }
      p--;
    }
    return out;
  }

  *entries(): Generator<[number, T]> {
    for (let p = 0; p < this.next; p++) {
      if (this.deletedIds.has(p)) continue;
      const e = this.getAt(p);
      if (e !== undefined) yield [p, e];
    }
  }

  *values(): Generator<T> {
    for (const [, e] of this.entries()) yield e;
  }

  /** only the overlay (created + updated); cheap even for huge collections */
  *touched(): Generator<[number, T]> {
    for (const [i, e] of this.stored) yield [i, structuredClone(e)];
  }

  changes(): OverlayChanges<T> {
    const created: T[] = [];
    const updated: T[] = [];
    for (const [i, e] of this.stored) {
      if (i >= this.baseCount) created.push(structuredClone(e));
      else if (this.updatedBase.has(i)) updated.push(structuredClone(e));
    }
    return { created, updated, deleted: [...this.deletedIds.values()] };
  }
}

/** Binary search in an ascending Int32Array; returns the position or -1. */
export function searchSorted(arr: Int32Array, v: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((arr[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo < arr.length && arr[lo] === v ? lo : -1;
}
