// The station's rules, free of I/O: who may hold which PIN, when sign-in pauses after wrong
// guesses, and that a station always keeps an active supervisor.
import { BADGE_PREFIX, SUPERVISOR_PIN_MIN_DIGITS, type Role, type User } from '../../../src-preload/contract';

// ---- PINs --------------------------------------------------------------------------------------

/**
 * Why `pin` may not be the PIN of a user who will have `role`, or null. Supervisors need at least
 * six digits: their PIN opens user management, so it must survive a long online guessing campaign.
 */
export function pinProblem(role: Role, pin: string): string | null {
  if (role === 'supervisor' && pin.length < SUPERVISOR_PIN_MIN_DIGITS) return 'A supervisor needs a PIN of 6 to 8 digits';
  return null;
}

/**
 * For an update: becoming supervisor needs a new PIN (the old one may be 4 digits), and a new PIN
 * must suit the role the user ends up with. Existing supervisors keep a shorter PIN they already
 * have (from before this rule) until it is changed, so nobody is locked out by an upgrade.
 */
export function updatePinProblem(before: Role, after: Role, newPin: string | undefined): string | null {
  if (newPin !== undefined) return pinProblem(after, newPin);
  if (after === 'supervisor' && before !== 'supervisor') return 'A new supervisor needs a new PIN of 6 to 8 digits';
  return null;
}

// ---- supervisors -------------------------------------------------------------------------------

export function needsSetup(users: readonly Pick<User, 'role' | 'active'>[]): boolean {
  return !users.some((u) => u.role === 'supervisor' && u.active);
}

/** True when the change would leave the station without an active supervisor. */
export function losesLastSupervisor(
  before: Pick<User, 'role' | 'active'>,
  after: Pick<User, 'role' | 'active'>,
  activeSupervisors: number,
): boolean {
  const wasActiveSupervisor = before.role === 'supervisor' && before.active;
  const staysActiveSupervisor = after.role === 'supervisor' && after.active;
  return wasActiveSupervisor && !staysActiveSupervisor && activeSupervisors <= 1;
}

// ---- lockout -----------------------------------------------------------------------------------

export interface LockoutPolicy {
  /** Failures within the window that cost nothing (typos happen). */
  freeFailures: number;
  /** Pause after the first failure beyond the free ones; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A failure counts for this long, then it is forgotten. */
  windowMs: number;
}

/**
 * Failures are counted per station and forgotten only with time (a sliding window), never because
 * someone signed in. A success proves one PIN, which says nothing about the PIN being guessed: if a
 * success reset the count, a packer could guess four times, sign in with their own PIN, and repeat
 * for ever (how the supervisor's PIN was found in eight minutes). So a success by X clears nothing,
 * and the count is the same whichever PIN or badge the guesses were aimed at.
 *
 * With these numbers a patient guesser gets about 9 guesses an hour (≈ 220 a day, simulated): a
 * 6-digit supervisor PIN then takes years, and a bench where someone mistypes now and then never
 * notices (5 free per hour, then 30 s, 60 s, 2 min … up to 15 min).
 */
export const LOCKOUT: LockoutPolicy = {
  freeFailures: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 60 * 60_000,
};

/** The pause that follows the failure which brought the window's count to `failures`. */
export function delayAfter(failures: number, policy: LockoutPolicy = LOCKOUT): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.baseDelayMs * 2 ** (failures - policy.freeFailures), policy.maxDelayMs);
}

/** How long sign-in stays paused from `now` (0: open), given the station's failure times. */
export function lockoutRemainingMs(failureTimes: readonly number[], now: number, policy: LockoutPolicy = LOCKOUT): number {
  const recent = failureTimes.filter((t) => t > now - policy.windowMs);
  const delay = delayAfter(recent.length, policy);
  if (delay === 0) return 0;
  const last = Math.max(...recent);
  // A clock set back must not turn a 30 s pause into days: never more than the delay itself.
  return Math.max(0, Math.min(last + delay - now, delay));
}

export const toRetrySeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

// ---- badges ------------------------------------------------------------------------------------

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const BADGE_TOKEN_LENGTH = 26;

/** `BADGE:` + 26 base32 characters (130 bits) from 26 random bytes (5 bits of each; 256 % 32 = 0, so unbiased). */
export function badgeCodeFrom(randomBytes: Uint8Array): string {
  if (randomBytes.length < BADGE_TOKEN_LENGTH) throw new Error(`a badge needs ${BADGE_TOKEN_LENGTH} random bytes`);
  let token = '';
  for (let i = 0; i < BADGE_TOKEN_LENGTH; i++) token += BASE32[randomBytes[i]! & 31];
  return BADGE_PREFIX + token;
}
