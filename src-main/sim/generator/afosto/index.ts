/**
 * Afosto wire-shaped demo entities (field names as in the Afosto API reference, seed 002).
 * Everything is a pure function of (seed, index) and of the neutral entities in entities.ts.
 */
export * from './claims';
export * from './json';
export * from './lists';
export * from './locations';
export * from './orders';
export * from './parcels';
export * from './printHubs';
export * from './relations';
export * from './shipments';
export * from './stock';
export * from './units';
