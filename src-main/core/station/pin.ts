// Hashing of PINs and badge codes. A PIN is 4–8 digits: a convenience lock for a shared bench,
// not a password, so what protects it is the online lockout (domain.ts) and, for a copied
// database, scrypt under a salt per user: each user's PIN must be cracked on its own.
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { badgeCodeFrom, BADGE_TOKEN_LENGTH } from './domain';

// N = 2^14, r = 8: 16 MB and ~25 ms per hash here. Unchanged from the station-salt scheme, so a
// legacy hash (migration 0001) verifies with the same parameters.
const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_BYTES = 32;

export function newPinSalt(): string {
  return randomBytes(16).toString('base64');
}

/** scrypt on libuv's threadpool, so trying several users' salts runs in parallel and main stays responsive. */
export function hashPin(pin: string, salt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_BYTES, PARAMS, (err, key) => (err ? reject(err) : resolve(key.toString('base64'))));
  });
}

/** The same hash, blocking (tests and tools only). */
export function hashPinSync(pin: string, salt: string): string {
  return scryptSync(pin, salt, KEY_BYTES, PARAMS).toString('base64');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64');
  const y = Buffer.from(b, 'base64');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A new random badge code (`BADGE:` + 130 random bits). */
export function newBadgeCode(): string {
  return badgeCodeFrom(randomBytes(BADGE_TOKEN_LENGTH));
}

/** A badge code is 130 random bits, so one SHA-256 suffices: there is nothing to brute-force. */
export function hashBadge(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('base64');
}
