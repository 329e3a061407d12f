// A migration test's store: a fresh temp folder per test, the store file in it opened with the
// migrations up to a chosen version, and every store a test opened closed after it.
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { allMigrations } from '../../../src-main/core/db/migrations';
import { tempDir } from '../../helpers/tmp';

export interface MigrationStore {
  /** This test's temp folder. */
  readonly dir: string;
  /** `<dir>/dockside.sqlite`. */
  readonly file: string;
  /** Opens `file` (default the store file) with every migration up to `version`. */
  openAt(version: number, file?: string): Promise<Db>;
}

/** Call at the top of a test file: registers the per-test folder and the closing of what was opened. */
export function useMigrationStore(): MigrationStore {
  let dir = '';
  let cleanup = (): void => {};
  const opened: Db[] = [];
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
    cleanup();
  });
  const storeFile = (): string => path.join(dir, 'dockside.sqlite');
  return {
    get dir() {
      return dir;
    },
    get file() {
      return storeFile();
    },
    async openAt(version, file = storeFile()) {
      const db = await openDatabase({ file, migrations: allMigrations.filter((m) => m.version <= version) });
      opened.push(db);
      return db;
    },
  };
}

export const tables = (db: Db): string[] =>
  (db.raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
export const columns = (db: Db, table: string): string[] => (db.raw.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
