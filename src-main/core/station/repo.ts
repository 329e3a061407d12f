// All SQL of the station capability: stations, users, signin_failures and audit_log. Nothing else
// touches these tables; callers get contract types (User) or the few credential fields they need.
import type { Role, User } from '../../../src-preload/contract';
import type { Db } from '../db/database';
import { newId } from '../util/ids';

interface UserRow {
  id: string;
  name: string;
  role: Role;
  active: number;
}

/** What it takes to check a PIN against one user. `salt` null: hashed under the station's salt (legacy). */
export interface PinCredential {
  userId: string;
  hash: string;
  salt: string | null;
}

export type FailureKind = 'pin' | 'badge';

const toUser = (r: UserRow): User => ({ id: r.id, name: r.name, role: r.role, active: r.active === 1 });

export class StationRepo {
  constructor(
    private readonly db: Db,
    readonly stationId: string,
  ) {}

  /** The first station row, created with a default name (and the legacy station salt column filled) when there is none. */
  static ensureStation(db: Db, now: number, defaultName: string, legacySalt: string): string {
    const row = db.prepare(`SELECT id FROM stations ORDER BY created_at LIMIT 1`).get() as { id: string } | undefined;
    if (row) return row.id;
    const id = newId();
    db.prepare(`INSERT INTO stations (id, name, pin_salt, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`).run(id, defaultName, legacySalt, now, now);
    return id;
  }

  tx<T>(fn: () => T): T {
    return this.db.tx(fn);
  }

  // ---- station ---------------------------------------------------------------------------------

  stationName(): string {
    return (this.db.prepare(`SELECT name FROM stations WHERE id = ?`).get(this.stationId) as { name: string }).name;
  }

  renameStation(name: string, now: number): void {
    this.db.prepare(`UPDATE stations SET name = ?, updated_at = ? WHERE id = ?`).run(name, now, this.stationId);
  }

  /** The station-wide salt of migration 0001, still needed to verify users not yet re-hashed. */
  legacySalt(): string {
    return (this.db.prepare(`SELECT pin_salt FROM stations WHERE id = ?`).get(this.stationId) as { pin_salt: string }).pin_salt;
  }

  // ---- users -----------------------------------------------------------------------------------

  users(): User[] {
    return (this.db.prepare(`SELECT id, name, role, active FROM users WHERE station_id = ? ORDER BY name`).all(this.stationId) as UserRow[]).map(toUser);
  }

  user(id: string): User | undefined {
    const row = this.db.prepare(`SELECT id, name, role, active FROM users WHERE id = ? AND station_id = ?`).get(id, this.stationId) as UserRow | undefined;
    return row ? toUser(row) : undefined;
  }

  activeSupervisors(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM users WHERE station_id = ? AND role = 'supervisor' AND active = 1`).get(this.stationId) as { n: number }).n;
  }

  insertUser(u: { id: string; name: string; role: Role; pinHash: string; pinSalt: string }, now: number): void {
    this.db
      .prepare(
        `INSERT INTO users (id, station_id, name, role, pin_hash, pin_salt, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(u.id, this.stationId, u.name, u.role, u.pinHash, u.pinSalt, now, now);
  }

  updateUser(u: User, now: number): void {
    this.db
      .prepare(`UPDATE users SET name = ?, role = ?, active = ?, updated_at = ? WHERE id = ? AND station_id = ?`)
      .run(u.name, u.role, u.active ? 1 : 0, now, u.id, this.stationId);
  }

  setPin(userId: string, hash: string, salt: string, now: number): void {
    this.db.prepare(`UPDATE users SET pin_hash = ?, pin_salt = ?, updated_at = ? WHERE id = ?`).run(hash, salt, now, userId);
  }

  /**
   * PIN hashes to compare a candidate with: `activeOnly` for sign-in, every user for the
   * uniqueness check (a deactivated user may come back). Most recent sign-in first, so a switch
   * back to a regular of this bench is found after one or two hashes.
   */
  pinCredentials(opts: { activeOnly: boolean }): PinCredential[] {
    const rows = this.db
      .prepare(
        `SELECT id, pin_hash, pin_salt FROM users WHERE station_id = ? AND (? = 0 OR active = 1)
         ORDER BY last_signin_at IS NULL, last_signin_at DESC, created_at`,
      )
      .all(this.stationId, opts.activeOnly ? 1 : 0) as { id: string; pin_hash: string; pin_salt: string | null }[];
    return rows.map((r) => ({ userId: r.id, hash: r.pin_hash, salt: r.pin_salt }));
  }

  markSignedIn(userId: string, now: number): void {
    this.db.prepare(`UPDATE users SET last_signin_at = ? WHERE id = ?`).run(now, userId);
  }

  // ---- badges ----------------------------------------------------------------------------------

  /** Replaces the user's badge (null revokes it). */
  setBadge(userId: string, hash: string | null, now: number): void {
    this.db
      .prepare(`UPDATE users SET badge_hash = ?, badge_issued_at = ?, updated_at = ? WHERE id = ? AND station_id = ?`)
      .run(hash, hash ? now : null, now, userId, this.stationId);
  }

  activeUserByBadge(hash: string): User | undefined {
    const row = this.db
      .prepare(`SELECT id, name, role, active FROM users WHERE station_id = ? AND badge_hash = ? AND active = 1`)
      .get(this.stationId, hash) as UserRow | undefined;
    return row ? toUser(row) : undefined;
  }

  // ---- failed sign-ins -------------------------------------------------------------------------

  addFailure(kind: FailureKind, now: number): void {
    this.db.prepare(`INSERT INTO signin_failures (station_id, at, kind) VALUES (?, ?, ?)`).run(this.stationId, now, kind);
  }

  /** Times of failures after `since` (older rows are of no further use and are pruned). */
  failuresSince(since: number): number[] {
    return (this.db.prepare(`SELECT at FROM signin_failures WHERE station_id = ? AND at > ? ORDER BY at`).all(this.stationId, since) as { at: number }[]).map(
      (r) => r.at,
    );
  }

  pruneFailures(before: number): void {
    this.db.prepare(`DELETE FROM signin_failures WHERE station_id = ? AND at <= ?`).run(this.stationId, before);
  }

  // ---- audit -----------------------------------------------------------------------------------

  audit(userId: string | null, action: string, entity: string, entityId: string, details: unknown, now: number): void {
    this.db
      .prepare(`INSERT INTO audit_log (at, station_id, user_id, action, entity, entity_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(now, this.stationId, userId, action, entity, entityId, details == null ? null : JSON.stringify(details));
  }
}
