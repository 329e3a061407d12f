// The SQLite facade: one connection opened in main, statements cached, transactions synchronous.
// Keeping all access behind this class is what lets the store move to a worker later.
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import { allMigrations } from './migrations';
import { DatabaseTooNewError, runMigrations, type Migration } from './migrate';
import { createPrivateFile, ensurePrivateDir, tightenFile } from './privateFiles';

export type Statement = BetterSqlite3.Statement<unknown[], unknown>;

export class Db {
  private readonly statements = new Map<string, Statement>();
  private readonly committed: (() => void)[] = [];

  constructor(
    readonly raw: BetterSqlite3.Database,
    readonly file: string,
    private readonly onCallbackError: (err: unknown) => void = () => {},
  ) {}

  /** A cached prepared statement: preparing is far slower than running. */
  prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.raw.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * Runs fn in one IMMEDIATE transaction (nested calls become savepoints). fn must be
   * synchronous: an await inside would commit half a write and let another write interleave.
   */
  tx<T>(fn: () => T): T {
    const wrapped = this.raw.transaction(() => {
      const result = fn();
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        throw new Error('Db.tx callback returned a Promise: transactions must be synchronous');
      }
      return result;
    });
    if (this.raw.inTransaction) return wrapped();
    let result: T;
    try {
      result = wrapped.immediate();
    } catch (err) {
      this.committed.length = 0; // rolled back: nothing happened, nobody is told
      throw err;
    }
    for (const callback of this.committed.splice(0)) {
      try {
        callback();
      } catch (err) {
        // The write is durable; a listener's bug must not make the caller think it failed.
        this.onCallbackError(err);
      }
    }
    return result;
  }

  /**
   * Runs callback once the current outermost transaction opened with tx() has committed (at
   * once outside a transaction); a rollback drops it. How services announce a change only when it is real.
   * (A savepoint rolled back inside a committing transaction still runs its callbacks: callers
   * must treat them as "may have changed", e.g. recount.)
   */
  afterCommit(callback: () => void): void {
    if (this.raw.inTransaction) this.committed.push(callback);
    else callback();
  }

  /**
   * Runs fn (its own statements or tx) without an fsync of its own: synchronous=NORMAL for its
   * duration, in WAL mode only. Such a commit is atomic and survives a crash of the process; after
   * a power cut it may be lost until the next durable (FULL) commit, which carries it to disk. For
   * bookkeeping whose loss only repeats work that is safe to repeat (a job's claim or outcome, an
   * idempotency record), never for what a user did.
   */
  relaxed<T>(fn: () => T): T {
    const raw = this.raw;
    if (raw.inTransaction) return fn(); // the enclosing transaction decides
    const level = raw.pragma('synchronous', { simple: true }) as number;
    const relax = level > 1 && this.walMode();
    if (relax) raw.pragma('synchronous = NORMAL');
    try {
      return fn();
    } finally {
      if (relax) raw.pragma(`synchronous = ${level}`);
    }
  }

  private wal: boolean | undefined;
  private walMode(): boolean {
    this.wal ??= this.raw.pragma('journal_mode', { simple: true }) === 'wal';
    return this.wal;
  }

  get inTransaction(): boolean {
    return this.raw.inTransaction;
  }

  get schemaVersion(): number {
    return this.raw.pragma('user_version', { simple: true }) as number;
  }

  close(): void {
    if (this.raw.open) this.raw.close();
  }
}

export interface OpenOptions {
  /** Path of the database file, or ':memory:' for tests. */
  file: string;
  migrations?: readonly Migration[];
  /** Where pre-migration backups go (default: `<dir of file>/backups`). */
  backupDir?: string;
  logger?: Logger;
  now?: () => number;
  /** Path of a better-sqlite3 binary built for another ABI (Electron); default: the one in node_modules. */
  nativeBinding?: string;
}

export const DB_FILE_NAME = 'dockside.sqlite';

export async function openDatabase(opts: OpenOptions): Promise<Db> {
  const logger = opts.logger ?? silentLogger;
  const migrations = opts.migrations ?? allMigrations;
  const backupDir = opts.backupDir ?? path.join(path.dirname(opts.file), 'backups');
  const onDisk = opts.file !== ':memory:';
  if (onDisk) {
    // A database from a newer Dockside is refused before anything may write to it: no pragma,
    // no journal, not even a -wal/-shm beside it (issue 7, point 11).
    const latest = migrations.at(-1)?.version ?? 0;
    const found = storedSchemaVersion(opts.file, opts.nativeBinding);
    if (found !== null && found > latest) throw new DatabaseTooNewError(opts.file, found, latest);
    ensurePrivateDir(path.dirname(opts.file));
    createPrivateFile(opts.file);
    for (const suffix of SIDE_FILES) tightenFile(opts.file + suffix);
    tightenBackups(backupDir);
  }
  const raw = new BetterSqlite3(opts.file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    applyPragmas(raw);
    const db = new Db(raw, opts.file, (err) => logger.error('after-commit callback failed', { err }));
    await runMigrations(db, migrations, { backupDir, logger, now: opts.now ?? Date.now });
    // SQLite gives -wal/-shm the main file's mode; this catches ones an older version left open.
    if (onDisk) for (const suffix of SIDE_FILES) tightenFile(opts.file + suffix);
    return db;
  } catch (err) {
    raw.close();
    throw err;
  }
}

function tightenBackups(dir: string): void {
  if (!fs.existsSync(dir)) return;
  ensurePrivateDir(dir);
  for (const f of fs.readdirSync(dir)) tightenFile(path.join(dir, f));
}

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The user_version of an existing database, read without changing a byte: null when there is
 * no database yet (missing or empty file, or not SQLite: the real open then reports it).
 * A WAL-mode file without a -wal beside it holds every committed change, so its header is
 * authoritative; a read-only SQLite handle there would create -wal and -shm files. Otherwise
 * (rollback journal, or a -wal left by a crash) a read-only handle reads it the SQLite way.
 */
export function storedSchemaVersion(file: string, nativeBinding?: string): number | null {
  const header = Buffer.alloc(100);
  let read: number;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      read = fs.readSync(fd, header, 0, header.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (read < header.length || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return null;
  const walMode = header[18] === 2 && header[19] === 2;
  if (walMode && !fs.existsSync(`${file}-wal`)) return header.readUInt32BE(60);
  try {
    const ro = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      return ro.pragma('user_version', { simple: true }) as number;
    } finally {
      ro.close();
    }
  } catch (err) {
    // A hot journal or WAL needing recovery (a crash mid-write) cannot be read read-only. The
    // header then holds the committed version or the unfinished write's, which never lowers it.
    if (String((err as { code?: unknown }).code).startsWith('SQLITE_READONLY')) return header.readUInt32BE(60);
    throw err;
  }
}

function applyPragmas(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL');
  // FULL: a commit is on disk (WAL fsynced) before the caller hears of it, so a power cut at the
  // bench cannot lose the last scans (issue 7, point 13; cost measured in test/bench).
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // Deleted or overwritten content (an erased badge, a replaced PIN hash) is zeroed in its page
  // instead of lingering in free space for anyone who copies the file. FAST: no extra I/O.
  raw.pragma('secure_delete = FAST');
}
