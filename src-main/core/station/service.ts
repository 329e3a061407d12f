import type { StationState, User } from '../../../src-preload/contract';
import type { Db } from '../db/database';
import type { Clock } from '../platform/ports';
import { AppError, conflict, notFound } from '../rpc/errors';
import type { CallerUser } from '../rpc/dispatcher';
import { newId } from '../util/ids';
import { hashPin, newPinSalt } from './pin';

interface UserRow {
  id: string;
  name: string;
  role: User['role'];
  active: number;
}

const toUser = (r: UserRow): User => ({ id: r.id, name: r.name, role: r.role, active: r.active === 1 });

/** After this many wrong PINs in a row, sign-in pauses (a scanner can type PINs fast too). */
const MAX_FAILURES = 5;
const LOCKOUT_MS = 30_000;

/**
 * The station, its users and who is signed in. The session lives in memory: after a restart the
 * bench asks for a PIN again, which is what a shared workstation should do.
 */
export class StationService {
  private current: string | null = null;
  private failures = 0;
  private lockedUntil = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly stationId: string,
  ) {}

  /** The row of this station, created on first start with a default name. */
  static ensureStation(db: Db, clock: Clock, defaultName: string): string {
    const row = db.prepare(`SELECT id FROM stations ORDER BY created_at LIMIT 1`).get() as { id: string } | undefined;
    if (row) return row.id;
    const id = newId();
    const now = clock.now();
    db.prepare(`INSERT INTO stations (id, name, pin_salt, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`).run(
      id,
      defaultName,
      newPinSalt(),
      now,
      now,
    );
    return id;
  }

  state(): StationState {
    const station = this.db.prepare(`SELECT id, name FROM stations WHERE id = ?`).get(this.stationId) as { id: string; name: string };
    const users = (
      this.db.prepare(`SELECT id, name, role, active FROM users WHERE station_id = ? ORDER BY name`).all(this.stationId) as UserRow[]
    ).map(toUser);
    const current = users.find((u) => u.id === this.current && u.active) ?? null;
    const needsSetup = !users.some((u) => u.role === 'supervisor' && u.active);
    return { stationId: station.id, name: station.name, currentUser: current, users, needsSetup };
  }

  currentCaller(): CallerUser | null {
    const u = this.state().currentUser;
    return u ? { id: u.id, role: u.role } : null;
  }

  rename(name: string, by: string | null): StationState {
    this.db.tx(() => {
      this.db.prepare(`UPDATE stations SET name = ?, updated_at = ? WHERE id = ?`).run(name, this.clock.now(), this.stationId);
      this.audit(by, 'station.rename', 'station', this.stationId, { name });
    });
    return this.state();
  }

  setup(input: { stationName: string; name: string; pin: string }): StationState {
    const user = this.db.tx(() => {
      if (!this.state().needsSetup) throw conflict('This station is already set up');
      this.db.prepare(`UPDATE stations SET name = ?, updated_at = ? WHERE id = ?`).run(input.stationName, this.clock.now(), this.stationId);
      return this.insertUser({ name: input.name, role: 'supervisor', pin: input.pin }, null);
    });
    this.current = user.id;
    return this.state();
  }

  createUser(input: { name: string; role: User['role']; pin: string }, by: string | null): User {
    return this.db.tx(() => this.insertUser(input, by));
  }

  updateUser(input: { id: string; name?: string; role?: User['role']; pin?: string; active?: boolean }, by: string | null): User {
    return this.db.tx(() => {
      const row = this.db.prepare(`SELECT id, name, role, active FROM users WHERE id = ? AND station_id = ?`).get(input.id, this.stationId) as UserRow | undefined;
      if (!row) throw notFound('User');
      const next = {
        name: input.name ?? row.name,
        role: input.role ?? row.role,
        active: input.active ?? row.active === 1,
      };
      const losesLastSupervisor =
        row.role === 'supervisor' && row.active === 1 && (next.role !== 'supervisor' || !next.active) && this.activeSupervisors() <= 1;
      if (losesLastSupervisor) throw conflict('The station needs at least one active supervisor');
      if (input.pin) this.assertPinFree(input.pin, row.id);
      this.db
        .prepare(
          `UPDATE users SET name = ?, role = ?, active = ?, pin_hash = COALESCE(?, pin_hash), updated_at = ? WHERE id = ?`,
        )
        .run(next.name, next.role, next.active ? 1 : 0, input.pin ? this.hash(input.pin) : null, this.clock.now(), row.id);
      this.audit(by, 'user.update', 'user', row.id, { name: next.name, role: next.role, active: next.active, pinChanged: !!input.pin });
      if (!next.active && this.current === row.id) this.current = null;
      return { id: row.id, ...next };
    });
  }

  signIn(pin: string): StationState {
    const now = this.clock.now();
    if (now < this.lockedUntil) {
      const retryAfterSeconds = Math.ceil((this.lockedUntil - now) / 1000);
      throw new AppError('UNAUTHORIZED', `Too many wrong PINs. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
    const row = this.db
      .prepare(`SELECT id, name, role, active FROM users WHERE station_id = ? AND pin_hash = ? AND active = 1`)
      .get(this.stationId, this.hash(pin)) as UserRow | undefined;
    if (!row) {
      this.failures += 1;
      if (this.failures >= MAX_FAILURES) {
        this.lockedUntil = now + LOCKOUT_MS;
        this.failures = 0;
      }
      this.audit(null, 'signin.failed', 'station', this.stationId, null);
      throw new AppError('UNAUTHORIZED', 'Unknown PIN');
    }
    this.failures = 0;
    const previous = this.current;
    this.current = row.id;
    this.audit(row.id, previous && previous !== row.id ? 'signin.switch' : 'signin', 'user', row.id, previous ? { from: previous } : null);
    return this.state();
  }

  signOut(): StationState {
    if (this.current) this.audit(this.current, 'signout', 'user', this.current, null);
    this.current = null;
    return this.state();
  }

  private insertUser(input: { name: string; role: User['role']; pin: string }, by: string | null): User {
    this.assertPinFree(input.pin, null);
    const id = newId();
    const now = this.clock.now();
    this.db
      .prepare(`INSERT INTO users (id, station_id, name, role, pin_hash, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`)
      .run(id, this.stationId, input.name, input.role, this.hash(input.pin), now, now);
    this.audit(by ?? id, 'user.create', 'user', id, { name: input.name, role: input.role });
    return { id, name: input.name, role: input.role, active: true };
  }

  private assertPinFree(pin: string, exceptUserId: string | null): void {
    const row = this.db.prepare(`SELECT id FROM users WHERE station_id = ? AND pin_hash = ?`).get(this.stationId, this.hash(pin)) as { id: string } | undefined;
    if (row && row.id !== exceptUserId) throw conflict('Another user already has this PIN', { field: 'pin' });
  }

  private activeSupervisors(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM users WHERE station_id = ? AND role = 'supervisor' AND active = 1`).get(this.stationId) as { n: number }).n;
  }

  private saltCache: string | null = null;
  private hash(pin: string): string {
    this.saltCache ??= (this.db.prepare(`SELECT pin_salt FROM stations WHERE id = ?`).get(this.stationId) as { pin_salt: string }).pin_salt;
    return hashPin(pin, this.saltCache);
  }

  private audit(userId: string | null, action: string, entity: string, entityId: string, details: unknown): void {
    this.db
      .prepare(`INSERT INTO audit_log (at, station_id, user_id, action, entity, entity_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(this.clock.now(), this.stationId, userId, action, entity, entityId, details == null ? null : JSON.stringify(details));
  }
}
