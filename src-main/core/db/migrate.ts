import type BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/logger';
import type { Db } from './database';
import { createPrivateFile, ensurePrivateDir } from './privateFiles';

/** One numbered schema step. `up` runs inside a transaction; it must not await. */
export interface Migration {
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}

export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The database ${file} was written by a newer Dockside (schema ${found}; this version knows up to ${supported}). ` +
        'Install the newer Dockside again, or move the file away to start empty. The file was not changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version < 1) throw new Error(`Migration ${m.name}: bad version ${m.version}`);
    const prev = migrations[i - 1];
    if (prev && m.version <= prev.version) {
      throw new Error(`Migrations out of order: ${prev.version} ${prev.name} then ${m.version} ${m.name}`);
    }
  });
}

const KEEP_BACKUPS = 5;

export async function runMigrations(
  db: Db,
  migrations: readonly Migration[],
  opts: { backupDir: string; logger: Logger; now: () => number },
): Promise<void> {
  checkMigrationList(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.schemaVersion;
  if (current > latest) throw new DatabaseTooNewError(db.file, current, latest);
  const todo = migrations.filter((m) => m.version > current);
  if (todo.length === 0) return;

  // Back up a database that holds data before changing its shape; a fresh file has nothing to lose.
  if (current > 0 && db.file !== ':memory:') {
    ensurePrivateDir(opts.backupDir);
    const stamp = new Date(opts.now()).toISOString().replace(/[:.]/g, '-');
    const target = path.join(opts.backupDir, `dockside-v${current}-${stamp}.sqlite`);
    createPrivateFile(target); // the copy is as private as the original
    await db.raw.backup(target);
    opts.logger.info('database backed up before migrating', { target, from: current, to: latest });
    pruneBackups(opts.backupDir);
  }

  for (const m of todo) {
    db.raw
      .transaction(() => {
        m.up(db.raw);
        db.raw.pragma(`user_version = ${m.version}`);
      })
      .immediate();
    opts.logger.info('migration applied', { version: m.version, name: m.name });
  }
}

function pruneBackups(dir: string): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^dockside-v\d+-.*\.sqlite$/.test(f))
    .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(KEEP_BACKUPS)) fs.rmSync(path.join(dir, f), { force: true });
}
