import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StationState } from '../../../src-preload/contract';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { DEMO_USERS, seedDemoStation } from '../../../src-main/core/station/demo';
import { LOCKOUT } from '../../../src-main/core/station/domain';
import { hashBadge, hashPinSync } from '../../../src-main/core/station/pin';
import { StationService } from '../../../src-main/core/station/service';
import { tempDir } from '../../helpers/tmp';

let dir: string;
let file: string;
let cleanup: () => void;
let db: Db;
let now = 0;
const clock = { now: () => now };
let station: StationService;
let changes: StationState[];

async function open(): Promise<StationService> {
  db = await openDatabase({ file });
  changes = [];
  return new StationService({ db, clock, stationId: StationService.ensureStation(db, clock, 'Bench'), onChanged: (s) => changes.push(s) });
}

/** The failure an async call rejected with (or a marker when it did not reject). */
async function failure(p: Promise<unknown>): Promise<{ code?: string; message?: string; details?: unknown }> {
  return p.then(
    () => ({ code: 'RESOLVED' }),
    (e: { code?: string; message?: string; details?: unknown }) => e,
  );
}

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  file = path.join(dir, 'dockside.sqlite');
  now = 1_000_000;
  station = await open();
  await station.setup({ stationName: 'Bench 1', name: 'Jana', pin: '999999' });
});
afterEach(() => {
  db.close();
  cleanup();
});

describe('station service', () => {
  it('creates the station row once', () => {
    expect(StationService.ensureStation(db, clock, 'Other')).toBe(station.state().stationId);
    expect(station.state().name).toBe('Bench 1');
  });

  it('stores no PIN in clear, audits sign-ins and switches, and emits station.changed itself', async () => {
    await station.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, null);
    station.signOut();
    changes.length = 0;
    expect((await station.signIn({ pin: '1111' })).currentUser?.name).toBe('Petra');
    expect((await station.signIn({ pin: '999999' })).currentUser?.name).toBe('Jana');
    expect(changes.map((s) => s.currentUser?.name)).toEqual(['Petra', 'Jana']);
    await failure(station.signIn({ pin: '0000' }));
    expect(changes).toHaveLength(2); // a failed sign-in changes nothing
    const hashes = (db.raw.prepare(`SELECT pin_hash FROM users`).all() as { pin_hash: string }[]).map((r) => r.pin_hash);
    expect(hashes.some((h) => h.includes('1111') || h.includes('999999'))).toBe(false);
    const actions = (db.raw.prepare(`SELECT action FROM audit_log ORDER BY id`).all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'signout', 'signin', 'signin.switch', 'signin.failed']));
  });

  it('gives every user their own salt, so a copied database and one salt no longer crack every PIN', async () => {
    await station.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, null);
    await station.createUser({ name: 'Adam', role: 'agent', pin: '2222' }, null);
    const rows = db.raw.prepare(`SELECT pin_hash, pin_salt FROM users`).all() as { pin_hash: string; pin_salt: string | null }[];
    const salts = rows.map((r) => r.pin_salt);
    expect(salts.every((s) => typeof s === 'string' && s.length >= 16)).toBe(true);
    expect(new Set(salts).size).toBe(rows.length);
    // The same PIN hashes differently under each user's salt: one dictionary per user, not one for all.
    const [a, b] = salts as string[];
    expect(hashPinSync('1111', a!)).not.toBe(hashPinSync('1111', b!));
    // The station-wide salt of the old scheme reproduces nobody's hash any more.
    const stationSalt = (db.raw.prepare(`SELECT pin_salt FROM stations`).get() as { pin_salt: string }).pin_salt;
    const byStationSalt = ['999999', '1111', '2222'].map((p) => hashPinSync(p, stationSalt));
    expect(rows.some((r) => byStationSalt.includes(r.pin_hash))).toBe(false);
  });

  it('pauses sign-in after five wrong PINs and answers with typed details', async () => {
    for (let i = 0; i < 4; i++) expect(await failure(station.signIn({ pin: '0000' }))).toMatchObject({ code: 'UNAUTHORIZED', message: 'Unknown PIN', details: { reason: 'wrong_pin' } });
    // The fifth wrong PIN says at once that sign-in is now paused.
    expect(await failure(station.signIn({ pin: '0000' }))).toMatchObject({ details: { reason: 'wrong_pin', retryAfterSeconds: 30 } });
    // While paused, even the right PIN is refused without being checked.
    now += 10_000;
    expect(await failure(station.signIn({ pin: '999999' }))).toMatchObject({ code: 'UNAUTHORIZED', details: { reason: 'locked', retryAfterSeconds: 20 } });
    now += 20_001;
    expect((await station.signIn({ pin: '999999' })).currentUser?.name).toBe('Jana');
  });

  it('doubles the pause with each further failure, up to a cap', async () => {
    const pauses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const e = await failure(station.signIn({ pin: '0000' }));
      const wait = (e.details as { retryAfterSeconds?: number }).retryAfterSeconds ?? 0;
      pauses.push(wait);
      now += wait * 1000 + 1;
    }
    expect(pauses).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('a packer signing in with their own PIN between guesses does not reset the count (the attack locks)', async () => {
    await station.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, null);
    const guesses = ['000000', '111111', '222222', '333333', '444444', '555555', '666666', '777777'];
    const answers: string[] = [];
    for (let i = 0; i < guesses.length; i++) {
      answers.push(((await failure(station.signIn({ pin: guesses[i]! }))).details as { reason: string }).reason);
      // After every four guesses, a sign-in with her own PIN (the old attack's reset).
      if (i % 4 === 3) await failure(station.signIn({ pin: '1111' }));
      now += 1000;
    }
    expect(answers.slice(0, 5)).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin']);
    expect(answers.slice(5)).toEqual(['locked', 'locked', 'locked']);
  });

  it('a burst of parallel guesses is counted one by one: at most five are even tried', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => failure(station.signIn({ pin: String(100000 + i) }))));
    const reasons = results.map((r) => (r.details as { reason: string }).reason);
    expect(reasons.filter((r) => r === 'wrong_pin')).toHaveLength(5);
    expect(reasons.filter((r) => r === 'locked')).toHaveLength(7);
  });

  it('keeps a lockout across a restart (failures live in the database)', async () => {
    for (let i = 0; i < 5; i++) await failure(station.signIn({ pin: '0000' }));
    now += 30_001;
    expect(await failure(station.signIn({ pin: '0000' }))).toMatchObject({ details: { reason: 'wrong_pin', retryAfterSeconds: 60 } });
    db.close();
    station = await open();
    expect(await failure(station.signIn({ pin: '999999' }))).toMatchObject({ details: { reason: 'locked', retryAfterSeconds: 60 } });
    now += 60_001;
    expect((await station.signIn({ pin: '999999' })).currentUser?.name).toBe('Jana');
  });

  it('forgets failures only with time: after the window, five guesses are free again', async () => {
    for (let i = 0; i < 5; i++) await failure(station.signIn({ pin: '0000' }));
    now += LOCKOUT.windowMs + 1;
    for (let i = 0; i < 4; i++) expect(await failure(station.signIn({ pin: '0000' }))).toMatchObject({ details: { reason: 'wrong_pin' } });
    expect((await failure(station.signIn({ pin: '0000' }))).details).toEqual({ reason: 'wrong_pin', retryAfterSeconds: 30 });
    // Old rows are pruned, so the table does not grow with every typo.
    expect((db.raw.prepare(`SELECT COUNT(*) AS n FROM signin_failures`).get() as { n: number }).n).toBe(5);
  });

  it('supervisor PINs have at least six digits', async () => {
    const jana = station.state().users[0]!;
    expect(await failure(station.createUser({ name: 'Karel', role: 'supervisor', pin: '8888' }, jana.id))).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'pin' }],
    });
    const petra = await station.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, jana.id);
    // Promoting needs a new supervisor PIN; a PIN change of a supervisor must be long enough too.
    expect(await failure(station.updateUser({ id: petra.id, role: 'supervisor' }, jana.id))).toMatchObject({ code: 'VALIDATION', details: [{ path: 'pin' }] });
    expect(await failure(station.updateUser({ id: jana.id, pin: '4321' }, jana.id))).toMatchObject({ code: 'VALIDATION', details: [{ path: 'pin' }] });
    expect(await station.updateUser({ id: petra.id, role: 'supervisor', pin: '246810' }, jana.id)).toMatchObject({ role: 'supervisor' });
    expect((await station.signIn({ pin: '246810' })).currentUser?.name).toBe('Petra');
  });

  it('never leaves the station without an active supervisor', async () => {
    const jana = station.state().users[0]!;
    expect(await failure(station.updateUser({ id: jana.id, role: 'packer' }, jana.id))).toMatchObject({ code: 'CONFLICT', message: /at least one active supervisor/ });
    expect(await failure(station.updateUser({ id: jana.id, active: false }, jana.id))).toMatchObject({ code: 'CONFLICT' });
    await station.createUser({ name: 'Karel', role: 'supervisor', pin: '888888' }, jana.id);
    expect((await station.updateUser({ id: jana.id, role: 'packer' }, jana.id)).role).toBe('packer');
  });

  it('a deactivated user cannot sign in, is signed out, and their badge stops working', async () => {
    const petra = await station.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, null);
    const { code } = station.issueBadge(petra.id, null);
    await station.signIn({ pin: '1111' });
    await station.updateUser({ id: petra.id, active: false }, null);
    expect(station.state().currentUser).toBeNull();
    expect(await failure(station.signIn({ pin: '1111' }))).toMatchObject({ message: 'Unknown PIN' });
    await station.updateUser({ id: petra.id, active: true }, null);
    expect(await failure(station.signIn({ badge: code }))).toMatchObject({ details: { reason: 'wrong_badge' } });
  });

  it('two users can never share a PIN, a deactivated one included', async () => {
    const petra = await station.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, null);
    const adam = await station.createUser({ name: 'Adam', role: 'agent', pin: '2222' }, null);
    expect(await failure(station.createUser({ name: 'Dup', role: 'agent', pin: '1111' }, null))).toMatchObject({ code: 'CONFLICT', details: { field: 'pin' } });
    expect(await failure(station.updateUser({ id: petra.id, pin: '999999' }, null))).toMatchObject({ code: 'CONFLICT' });
    await station.updateUser({ id: adam.id, active: false }, null);
    expect(await failure(station.createUser({ name: 'Eva', role: 'packer', pin: '2222' }, null))).toMatchObject({ code: 'CONFLICT' });
    // Two requests racing for the same PIN: exactly one wins.
    const raced = await Promise.all([
      failure(station.createUser({ name: 'X', role: 'packer', pin: '5555' }, null)),
      failure(station.createUser({ name: 'Y', role: 'packer', pin: '5555' }, null)),
    ]);
    expect(raced.map((r) => r.code).sort()).toEqual(['CONFLICT', 'RESOLVED']);
    await station.updateUser({ id: petra.id, pin: '4321' }, null);
    expect((await station.signIn({ pin: '4321' })).currentUser?.name).toBe('Petra');
  });

  it('signs in by badge; a new badge revokes the old; only the badge’s hash is stored', async () => {
    const petra = await station.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, null);
    station.signOut();
    const first = station.issueBadge(petra.id, null).code;
    expect(first).toMatch(/^BADGE:[A-Z2-7]{26}$/);
    expect((await station.signIn({ badge: first })).currentUser?.name).toBe('Petra');
    const second = station.issueBadge(petra.id, null).code;
    expect(second).not.toBe(first);
    expect(await failure(station.signIn({ badge: first }))).toMatchObject({ code: 'UNAUTHORIZED', message: 'Unknown badge', details: { reason: 'wrong_badge' } });
    expect((await station.signIn({ badge: second })).currentUser?.name).toBe('Petra');
    const stored = db.raw.prepare(`SELECT badge_hash FROM users WHERE id = ?`).get(petra.id) as { badge_hash: string };
    expect(stored.badge_hash).toBe(hashBadge(second));
    const dump = JSON.stringify(db.raw.prepare(`SELECT * FROM users`).all()) + JSON.stringify(db.raw.prepare(`SELECT * FROM audit_log`).all());
    expect(dump).not.toContain(second.slice(6));
  });

  it('wrong badges count toward the same lockout as wrong PINs', async () => {
    for (let i = 0; i < 3; i++) await failure(station.signIn({ pin: '0000' }));
    await failure(station.signIn({ badge: `BADGE:${'A'.repeat(26)}` }));
    expect(await failure(station.signIn({ badge: `BADGE:${'B'.repeat(26)}` }))).toMatchObject({ details: { reason: 'wrong_badge', retryAfterSeconds: 30 } });
    expect(await failure(station.signIn({ pin: '999999' }))).toMatchObject({ details: { reason: 'locked' } });
  });

  it('a failed sign-in leaves the signed-in user signed in', async () => {
    await station.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, null);
    await station.signIn({ pin: '1111' });
    await failure(station.signIn({ pin: '0000' }));
    expect(station.state().currentUser?.name).toBe('Petra');
  });

  it('the demo seeds its people (supervisor PIN 999999) only on a station that needs setup', async () => {
    const t = tempDir();
    const fresh = await openDatabase({ file: path.join(t.dir, 'd.sqlite') });
    const demo = new StationService({ db: fresh, clock, stationId: StationService.ensureStation(fresh, clock, 'x') });
    await seedDemoStation(demo);
    expect(demo.state().users.map((u) => u.name).sort()).toEqual(DEMO_USERS.map((u) => u.name).sort());
    expect(demo.state().currentUser).toBeNull();
    expect((await demo.signIn({ pin: '999999' })).currentUser).toMatchObject({ name: 'Jana Svobodová', role: 'supervisor' });
    await seedDemoStation(demo);
    expect(demo.state().users).toHaveLength(DEMO_USERS.length);
    fresh.close();
    t.cleanup();
  });
});
