// StationService: the station capability behind the contract. Composes the pure rules (domain.ts),
// the station's SQL (repo.ts) and PIN hashing (pin.ts); holds the session in memory, so after a
// restart the bench asks for a PIN again, which is what a shared workstation should do.
import { availableParallelism } from 'node:os';
import type {
  ParsedInput,
  PrinterInfo,
  PrintJobInfo,
  PrintRequest,
  SignInFailure,
  SignInInput,
  StationState,
  User,
} from '../../../src-preload/contract';
import type { Db } from '../db/database';
import type { Clock } from '../platform/ports';
import type { CallerUser } from '../rpc/dispatcher';
import { AppError, conflict, invalid, notFound } from '../rpc/errors';
import { newId } from '../util/ids';
import {
  LOCKOUT,
  losesLastSupervisor,
  lockoutRemainingMs,
  needsSetup,
  pinProblem,
  toRetrySeconds,
  updatePinProblem,
  type LockoutPolicy,
} from './domain';
import { hashBadge, hashPin, newBadgeCode, newPinSalt, sameHash } from './pin';
import { StationRepo, type FailureKind, type PinCredential } from './repo';

/** What the station needs from printing to print a badge: PrintService's public surface. */
export interface BadgePrinting {
  listPrinters(): { printers: readonly Pick<PrinterInfo, 'id' | 'options'>[]; roles: { label: string } };
  print(input: PrintRequest): Promise<PrintJobInfo>;
}

export interface StationServiceDeps {
  db: Db;
  clock: Clock;
  stationId: string;
  /** Called after every change of users or of who is signed in (app.ts emits `station.changed`). */
  onChanged?: (state: StationState) => void;
  printing?: BadgePrinting;
  lockout?: LockoutPolicy;
}

type SetupInput = ParsedInput<'station.setup'>;
type CreateUserInput = ParsedInput<'station.createUser'>;
type UpdateUserInput = ParsedInput<'station.updateUser'>;
type BadgeLang = ParsedInput<'station.printBadge'>['lang'];

/**
 * scrypt runs on libuv's threadpool (4 threads by default) and is CPU-bound: more lanes than cores
 * only delay the first answer, which matters because the likeliest user is tried first.
 */
const HASH_LANES = Math.max(1, Math.min(4, availableParallelism()));

export class StationService {
  private readonly repo: StationRepo;
  private readonly lockout: LockoutPolicy;
  private current: string | null = null;
  /** Sign-ins and PIN changes run one at a time (see serially). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: StationServiceDeps) {
    this.repo = new StationRepo(deps.db, deps.stationId);
    this.lockout = deps.lockout ?? LOCKOUT;
  }

  /** The row of this station, created on first start with a default name. */
  static ensureStation(db: Db, clock: Clock, defaultName: string): string {
    return StationRepo.ensureStation(db, clock.now(), defaultName, newPinSalt());
  }

  state(): StationState {
    const users = this.repo.users();
    const current = users.find((u) => u.id === this.current && u.active) ?? null;
    return { stationId: this.repo.stationId, name: this.repo.stationName(), currentUser: current, users, needsSetup: needsSetup(users) };
  }

  currentCaller(): CallerUser | null {
    const u = this.state().currentUser;
    return u ? { id: u.id, role: u.role } : null;
  }

  rename(name: string, by: string | null): StationState {
    const now = this.now();
    this.repo.tx(() => {
      this.repo.renameStation(name, now);
      this.repo.audit(by, 'station.rename', 'station', this.repo.stationId, { name }, now);
    });
    return this.changed();
  }

  setup(input: SetupInput): Promise<StationState> {
    return this.serially(async () => {
      if (!this.state().needsSetup) throw conflict('This station is already set up');
      const user = await this.addUser({ name: input.name, role: 'supervisor', pin: input.pin }, null, (now) =>
        this.repo.renameStation(input.stationName, now),
      );
      this.current = user.id;
      return this.changed();
    });
  }

  createUser(input: CreateUserInput, by: string | null): Promise<User> {
    return this.serially(async () => {
      const user = await this.addUser(input, by);
      this.changed();
      return user;
    });
  }

  updateUser(input: UpdateUserInput, by: string | null): Promise<User> {
    return this.serially(async () => {
      const before = this.repo.user(input.id);
      if (!before) throw notFound('User');
      const next: User = {
        id: before.id,
        name: input.name ?? before.name,
        role: input.role ?? before.role,
        active: input.active ?? before.active,
      };
      const problem = updatePinProblem(before.role, next.role, input.pin);
      if (problem) throw invalid(problem, [{ path: 'pin', message: problem }]);
      if (losesLastSupervisor(before, next, this.repo.activeSupervisors())) throw conflict('The station needs at least one active supervisor');
      const pin = input.pin === undefined ? null : await this.newPinHash(input.pin, before.id);
      const now = this.now();
      this.repo.tx(() => {
        this.repo.updateUser(next, now);
        if (pin) this.repo.setPin(next.id, pin.hash, pin.salt, now);
        // A deactivated user's badge is void; coming back means a new badge.
        if (!next.active) this.repo.setBadge(next.id, null, now);
        this.repo.audit(by, 'user.update', 'user', next.id, { name: next.name, role: next.role, active: next.active, pinChanged: !!pin }, now);
      });
      if (!next.active && this.current === next.id) this.current = null;
      this.changed();
      return next;
    });
  }

  /**
   * Sign in or switch user by PIN or badge. A failure never touches the current session (a
   * mistyped PIN on the switch-user pad leaves the signed-in user signed in).
   */
  signIn(input: SignInInput): Promise<StationState> {
    return this.serially(() => this.trySignIn(input));
  }

  signOut(): StationState {
    if (!this.current) return this.state();
    this.repo.audit(this.current, 'signout', 'user', this.current, null, this.now());
    this.current = null;
    return this.changed();
  }

  /** A new badge for an active user; the previous one stops working. Only the code's hash is kept. */
  issueBadge(userId: string, by: string | null): { code: string } {
    this.activeUser(userId);
    const code = newBadgeCode();
    this.storeBadge(userId, code, by);
    return { code };
  }

  /** Issue a badge and print it on the station's label printer. The old badge stays valid if printing is refused. */
  async printBadge(userId: string, lang: BadgeLang, by: string | null): Promise<PrintJobInfo> {
    const printing = this.deps.printing;
    if (!printing) throw new AppError('UNAVAILABLE', 'This station cannot print');
    const user = this.activeUser(userId);
    const { printers, roles } = printing.listPrinters();
    const printer = printers.find((p) => p.id === roles.label);
    const code = newBadgeCode();
    const job = await printing.print({
      printerRole: 'label',
      request: {
        template: 'badge',
        data: {
          name: user.name,
          role: user.role,
          stationName: this.repo.stationName(),
          code,
          lang,
          ...(printer ? { dpi: printer.options.dpi, size: printer.options.labelSize } : {}),
        },
      },
    });
    this.storeBadge(userId, code, by);
    return job;
  }

  /**
   * Whose PIN or badge this is, without signing anyone in (a supervisor's override at a packer's
   * bench). Wrong credentials count toward the same lockout as sign-in, so an override prompt is
   * no way around it. Answers the active user, or throws UNAUTHORIZED with SignInFailure details.
   */
  identify(input: SignInInput): Promise<User> {
    return this.serially(async () => {
      const waitMs = this.lockoutRemaining(this.now());
      if (waitMs > 0) throw signInFailed('locked', waitMs);
      const kind: FailureKind = 'pin' in input ? 'pin' : 'badge';
      const userId =
        'pin' in input
          ? ((await this.findPinOwner(input.pin, this.repo.pinCredentials({ activeOnly: true })))?.userId ?? null)
          : (this.repo.activeUserByBadge(hashBadge(input.badge))?.id ?? null);
      const user = userId ? this.repo.user(userId) : undefined;
      if (user) return user;
      const now = this.now();
      this.repo.tx(() => {
        this.repo.addFailure(kind, now);
        this.repo.pruneFailures(now - this.lockout.windowMs);
        this.repo.audit(null, 'identify.failed', 'station', this.repo.stationId, { kind }, now);
      });
      throw signInFailed(kind === 'pin' ? 'wrong_pin' : 'wrong_badge', this.lockoutRemaining(now));
    });
  }

  /** One row of this station's audit log; inside a caller's transaction it commits with it. */
  audit(userId: string | null, action: string, entity: string, entityId: string, details: unknown): void {
    this.repo.audit(userId, action, entity, entityId, details, this.now());
  }

  // ---- internals ---------------------------------------------------------------------------------

  private async trySignIn(input: SignInInput): Promise<StationState> {
    const waitMs = this.lockoutRemaining(this.now());
    if (waitMs > 0) throw signInFailed('locked', waitMs);

    const kind: FailureKind = 'pin' in input ? 'pin' : 'badge';
    let userId: string | null;
    let rehash: { hash: string; salt: string } | null = null;
    if ('pin' in input) {
      const hit = await this.findPinOwner(input.pin, this.repo.pinCredentials({ activeOnly: true }));
      userId = hit?.userId ?? null;
      // A user still under the station-wide salt (before migration 0007) moves to their own salt now.
      if (hit && hit.salt === null) {
        const salt = newPinSalt();
        rehash = { salt, hash: await hashPin(input.pin, salt) };
      }
    } else {
      userId = this.repo.activeUserByBadge(hashBadge(input.badge))?.id ?? null;
    }

    const now = this.now();
    if (!userId) {
      this.repo.tx(() => {
        this.repo.addFailure(kind, now);
        this.repo.pruneFailures(now - this.lockout.windowMs);
        this.repo.audit(null, 'signin.failed', 'station', this.repo.stationId, { kind }, now);
      });
      throw signInFailed(kind === 'pin' ? 'wrong_pin' : 'wrong_badge', this.lockoutRemaining(now));
    }

    const previous = this.current;
    const id = userId;
    this.repo.tx(() => {
      if (rehash) this.repo.setPin(id, rehash.hash, rehash.salt, now);
      this.repo.markSignedIn(id, now);
      const action = previous && previous !== id ? 'signin.switch' : 'signin';
      this.repo.audit(id, action, 'user', id, { method: kind, ...(previous ? { from: previous } : {}) }, now);
    });
    this.current = id;
    return this.changed();
  }

  private lockoutRemaining(now: number): number {
    return lockoutRemainingMs(this.repo.failuresSince(now - this.lockout.windowMs), now, this.lockout);
  }

  /** `alsoInTx` runs in the same transaction as the insert (setup names the station with it). */
  private async addUser(input: CreateUserInput, by: string | null, alsoInTx?: (now: number) => void): Promise<User> {
    const problem = pinProblem(input.role, input.pin);
    if (problem) throw invalid(problem, [{ path: 'pin', message: problem }]);
    const pin = await this.newPinHash(input.pin, null);
    const user: User = { id: newId(), name: input.name, role: input.role, active: true };
    const now = this.now();
    this.repo.tx(() => {
      alsoInTx?.(now);
      this.repo.insertUser({ id: user.id, name: user.name, role: user.role, pinHash: pin.hash, pinSalt: pin.salt }, now);
      this.repo.audit(by ?? user.id, 'user.create', 'user', user.id, { name: user.name, role: user.role }, now);
    });
    return user;
  }

  /** A fresh salt and hash for `pin`, once no other user (active or not) has it: a PIN alone must name one user. */
  private async newPinHash(pin: string, exceptUserId: string | null): Promise<{ hash: string; salt: string }> {
    const others = this.repo.pinCredentials({ activeOnly: false }).filter((c) => c.userId !== exceptUserId);
    if (await this.findPinOwner(pin, others)) throw conflict('Another user already has this PIN', { field: 'pin' });
    const salt = newPinSalt();
    return { salt, hash: await hashPin(pin, salt) };
  }

  /**
   * Whose PIN this is, if anyone's: with a salt per user the PIN must be hashed under each user's
   * salt in turn (legacy users share the station salt, so one hash covers them all). Runs
   * HASH_LANES hashes at a time and stops at the first match.
   */
  private async findPinOwner(pin: string, creds: readonly PinCredential[]): Promise<PinCredential | null> {
    const legacy = creds.filter((c) => c.salt === null);
    if (legacy.length > 0) {
      const hash = await hashPin(pin, this.repo.legacySalt());
      const hit = legacy.find((c) => sameHash(c.hash, hash));
      if (hit) return hit;
    }
    const salted = creds.filter((c): c is PinCredential & { salt: string } => c.salt !== null);
    let next = 0;
    let found: PinCredential | null = null;
    const lane = async (): Promise<void> => {
      while (!found && next < salted.length) {
        const c = salted[next++]!;
        if (sameHash(c.hash, await hashPin(pin, c.salt))) found ??= c;
      }
    };
    await Promise.all(Array.from({ length: Math.min(HASH_LANES, salted.length) }, lane));
    return found;
  }

  private activeUser(userId: string): User {
    const user = this.repo.user(userId);
    if (!user) throw notFound('User');
    if (!user.active) throw conflict('This user is deactivated', { reason: 'inactive' });
    return user;
  }

  private storeBadge(userId: string, code: string, by: string | null): void {
    const now = this.now();
    this.repo.tx(() => {
      this.repo.setBadge(userId, hashBadge(code), now);
      this.repo.audit(by, 'badge.issue', 'user', userId, null, now);
    });
  }

  /**
   * Runs fn after every earlier sign-in or PIN change has finished. Hashing is async, so without
   * this a burst of parallel guesses would all pass the lockout check before the first failure
   * is recorded, and two users could be given the same PIN at once.
   */
  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private changed(): StationState {
    const state = this.state();
    this.deps.onChanged?.(state);
    return state;
  }

  private now(): number {
    return this.deps.clock.now();
  }
}

function signInFailed(reason: SignInFailure['reason'], waitMs: number): AppError {
  const retryAfterSeconds = waitMs > 0 ? toRetrySeconds(waitMs) : undefined;
  const details: SignInFailure = { reason, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
  const message =
    reason === 'locked' ? `Too many failed sign-ins. Try again in ${retryAfterSeconds} s.` : reason === 'wrong_pin' ? 'Unknown PIN' : 'Unknown badge';
  return new AppError('UNAUTHORIZED', message, details);
}
