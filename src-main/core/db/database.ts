// The SQLite facade: one connection opened in main, statements cached, transactions synchronous.
// Keeping all access behind this class is what lets the store move to a worker later.
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import { allMigrations } from './migrations';
import { runMigrations, type Migration } from './migrate';

export type Statement = BetterSqlite3.Statement<unknown[], unknown>;

export class Db {
  private readonly statements = new Map<string, Statement>();

  constructor(
    readonly raw: BetterSqlite3.Database,
    readonly file: string,
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
    return this.raw.inTransaction ? wrapped() : wrapped.immediate();
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
  if (opts.file !== ':memory:') fs.mkdirSync(path.dirname(opts.file), { recursive: true });
  const raw = new BetterSqlite3(opts.file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    applyPragmas(raw);
    const db = new Db(raw, opts.file);
    await runMigrations(db, opts.migrations ?? allMigrations, {
      backupDir: opts.backupDir ?? path.join(path.dirname(opts.file), 'backups'),
      logger,
      now: opts.now ?? Date.now,
    });
    return db;
  } catch (err) {
    raw.close();
    throw err;
  }
}

function applyPragmas(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
}
