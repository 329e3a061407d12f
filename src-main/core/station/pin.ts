import { randomBytes, scryptSync } from 'node:crypto';

// One salt per station (see migration 0001). scrypt keeps an offline guess of a copied
// database slow-ish; a 4–8 digit PIN is a convenience lock for a shared bench, not a password.
const PARAMS = { N: 16384, r: 8, p: 1 } as const;

export function newPinSalt(): string {
  return randomBytes(16).toString('base64');
}

export function hashPin(pin: string, salt: string): string {
  return scryptSync(pin, salt, 32, PARAMS).toString('base64');
}
