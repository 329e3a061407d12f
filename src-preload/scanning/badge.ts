// Badge codes: `BADGE:` + a random 26-character base32 token (A–Z, 2–7). A scanned badge signs its
// user in like their PIN; the token is a credential, so it is never shown or logged in full.

export const BADGE_PREFIX = 'BADGE:';
export const BADGE_TOKEN_LENGTH = 26;
const BADGE = /^BADGE:([A-Z2-7]{26})$/;

/** The token of a well-formed badge code, or null. */
export function badgeTokenOf(code: string): string | null {
  return BADGE.exec(code)?.[1] ?? null;
}

export function isBadgeCode(code: string): boolean {
  return BADGE.test(code);
}
