import { describe, expect, it } from 'vitest';
import { badgeCodeSchema } from '../../../src-preload/contract';
import {
  badgeCodeFrom,
  delayAfter,
  LOCKOUT,
  lockoutRemainingMs,
  losesLastSupervisor,
  pinProblem,
  updatePinProblem,
} from '../../../src-main/core/station/domain';

describe('station rules', () => {
  it('supervisor PINs need six digits; other roles four', () => {
    expect(pinProblem('supervisor', '1234')).toMatch(/6 to 8 digits/);
    expect(pinProblem('supervisor', '123456')).toBeNull();
    expect(pinProblem('packer', '1234')).toBeNull();
    expect(updatePinProblem('packer', 'supervisor', undefined)).toMatch(/new PIN/);
    expect(updatePinProblem('packer', 'supervisor', '1234')).toMatch(/6 to 8/);
    expect(updatePinProblem('supervisor', 'supervisor', undefined)).toBeNull();
    expect(updatePinProblem('supervisor', 'packer', '1234')).toBeNull();
  });

  it('the last active supervisor cannot be demoted or deactivated', () => {
    const sup = { role: 'supervisor' as const, active: true };
    expect(losesLastSupervisor(sup, { role: 'packer', active: true }, 1)).toBe(true);
    expect(losesLastSupervisor(sup, { role: 'supervisor', active: false }, 1)).toBe(true);
    expect(losesLastSupervisor(sup, { role: 'packer', active: true }, 2)).toBe(false);
    expect(losesLastSupervisor({ role: 'packer', active: true }, { role: 'agent', active: false }, 1)).toBe(false);
  });

  it('the pause grows from 30 s by doubling to a 15 min cap', () => {
    expect([1, 4, 5, 6, 7, 9, 10, 50].map((n) => delayAfter(n) / 1000)).toEqual([0, 0, 30, 60, 120, 480, 900, 900]);
  });

  it('the pause counts from the last failure within the window, and never exceeds its delay', () => {
    const t = 10 * LOCKOUT.windowMs;
    const five = [t - 4000, t - 3000, t - 2000, t - 1000, t];
    expect(lockoutRemainingMs(five, t)).toBe(30_000);
    expect(lockoutRemainingMs(five, t + 29_999)).toBe(1);
    expect(lockoutRemainingMs(five, t + 30_000)).toBe(0);
    expect(lockoutRemainingMs(five.slice(1), t)).toBe(0);
    // Failures older than the window no longer count.
    expect(lockoutRemainingMs(five, t + LOCKOUT.windowMs - 4000)).toBe(0);
    // The clock set back a day: still at most the 30 s pause, not a day and 30 s.
    expect(lockoutRemainingMs(five, t - 86_400_000)).toBe(30_000);
  });

  it('badge codes are BADGE: and 26 base32 characters, using all 32 symbols', () => {
    const all = badgeCodeFrom(Uint8Array.from({ length: 26 }, (_, i) => i * 9));
    expect(badgeCodeSchema.safeParse(all).success).toBe(true);
    expect(badgeCodeFrom(new Uint8Array(26))).toBe(`BADGE:${'A'.repeat(26)}`);
    expect(badgeCodeFrom(new Uint8Array(26).fill(31))).toBe(`BADGE:${'7'.repeat(26)}`);
    expect(() => badgeCodeFrom(new Uint8Array(10))).toThrow();
  });
});
