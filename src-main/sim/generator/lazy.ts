/**
 * Lazy, random-access collections: entity i is computed on demand from (seed, i).
 * Nothing is generated up front, so a 500k-entity collection costs nothing until read.
 * Every call to get(i) returns a fresh object (callers may mutate it freely).
 */
export interface LazyList<T> {
  readonly count: number;
  /** entity at position i (0-based); throws RangeError outside [0, count) */
  get(i: number): T;
  /** entities [offset, offset+limit) clipped to the collection */
  slice(offset: number, limit: number): T[];
  [Symbol.iterator](): Iterator<T>;
}

export function lazyList<T>(count: number, gen: (i: number) => T): LazyList<T> {
  const get = (i: number): T => {
    if (!Number.isInteger(i) || i < 0 || i >= count) throw new RangeError(`index ${i} outside 0..${count - 1}`);
    return gen(i);
  };
  return {
    count,
    get,
    slice(offset: number, limit: number): T[] {
      const out: T[] = [];
      const end = Math.min(count, Math.max(0, offset) + Math.max(0, limit));
      for (let i = Math.max(0, offset); i < end; i++) out.push(gen(i));
      return out;
    },
    *[Symbol.iterator]() {
      for (let i = 0; i < count; i++) yield gen(i);
    },
  };
}

/** Map a lazy list through a function (still lazy). */
export function mapLazy<A, B>(list: LazyList<A>, f: (a: A, i: number) => B): LazyList<B> {
  return lazyList(list.count, (i) => f(list.get(i), i));
}
