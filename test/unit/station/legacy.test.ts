// Migration 0007 and the users it finds: PINs hashed under the one station salt of 0001 keep
// working and move to a salt of their own on the next sign-in; nobody is locked out.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { allMigrations } from '../../../src-main/core/db/migrations';
import { hashPinSync } from '../../../src-main/core/station/pin';
import { StationService } from '../../../src-main/core/station/service';
import { tempDir } from '../../helpers/tmp';

let dir: string;
let cleanup: () => void;
let db: Db;
const clock = { now: () => 5_000_000 };
const STATION_SALT = 'c3RhdGlvbi13aWRlLXNhbHQ=';

/** A database as the previous version left it: schema 5, users hashed under the station's salt. */
async function legacyDatabase(file: string): Promise<void> {
  const old = await openDatabase({ file, migrations: allMigrations.filter((m) => m.version <= 5) });
  old.raw.prepare(`INSERT INTO stations (id, name, pin_salt, created_at, updated_at) VALUES ('st', 'Old bench', ?, 1, 1)`).run(STATION_SALT);
  const add = old.raw.prepare(`INSERT INTO users (id, station_id, name, role, pin_hash, active, created_at, updated_at) VALUES (?, 'st', ?, ?, ?, ?, 1, 1)`);
  add.run('u-jana', 'Jana', 'supervisor', hashPinSync('9999', STATION_SALT), 1);
  add.run('u-petra', 'Petra', 'packer', hashPinSync('1111', STATION_SALT), 1);
  add.run('u-old', 'Olga', 'packer', hashPinSync('3333', STATION_SALT), 0);
  old.close();
}

const userRow = (id: string) => db.raw.prepare(`SELECT pin_hash, pin_salt, badge_hash FROM users WHERE id = ?`).get(id) as { pin_hash: string; pin_salt: string | null; badge_hash: string | null };

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  const file = path.join(dir, 'dockside.sqlite');
  await legacyDatabase(file);
  db = await openDatabase({ file });
});
afterEach(() => {
  db.close();
  cleanup();
});

describe('migration 0007_station_security', () => {
  it('adds the per-user salt, badge and failure columns and keeps every user as they were', () => {
    expect(db.schemaVersion).toBeGreaterThanOrEqual(7);
    const cols = (db.raw.prepare(`PRAGMA table_info(users)`).all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['pin_salt', 'badge_hash', 'badge_issued_at', 'last_signin_at']));
    const failureCols = (db.raw.prepare(`PRAGMA table_info(signin_failures)`).all() as { name: string }[]).map((c) => c.name);
    expect(failureCols).toEqual(['id', 'station_id', 'at', 'kind']);
    expect(userRow('u-jana')).toEqual({ pin_hash: hashPinSync('9999', STATION_SALT), pin_salt: null, badge_hash: null });
  });

  it('legacy users still sign in, and move to a salt of their own on that sign-in', async () => {
    const station = new StationService({ db, clock, stationId: StationService.ensureStation(db, clock, 'x') });
    expect(station.state().stationId).toBe('st');
    // The old 4-digit supervisor PIN keeps working: the 6-digit rule applies when a PIN is set.
    expect((await station.signIn({ pin: '9999' })).currentUser).toMatchObject({ name: 'Jana', role: 'supervisor' });
    const jana = userRow('u-jana');
    expect(jana.pin_salt).not.toBeNull();
    expect(jana.pin_hash).toBe(hashPinSync('9999', jana.pin_salt!));
    expect(jana.pin_hash).not.toBe(hashPinSync('9999', STATION_SALT));
    // Re-hashed users and not-yet-re-hashed users sign in side by side.
    expect((await station.signIn({ pin: '1111' })).currentUser?.name).toBe('Petra');
    expect((await station.signIn({ pin: '9999' })).currentUser?.name).toBe('Jana');
    expect(userRow('u-petra').pin_salt).not.toBeNull();
    // A deactivated legacy user is still checked for PIN uniqueness.
    await expect(station.createUser({ name: 'Eva', role: 'packer', pin: '3333' }, null)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(userRow('u-old').pin_salt).toBeNull();
  });
});
