// Issue 7, point 11: a database written by a newer Dockside is refused before anything touches
// it: same bytes, and no journal, -wal or -shm file appears beside it.
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, storedSchemaVersion } from '../../../src-main/core/db/database';
import { DatabaseTooNewError } from '../../../src-main/core/db/migrate';
import { allMigrations } from '../../../src-main/core/db/migrations';
import { tempDir } from '../../helpers/tmp';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const NEWER = allMigrations.at(-1)!.version + 7;
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A database as a newer Dockside would leave it, closed cleanly in the given journal mode. */
function newerDatabase(journalMode: 'DELETE' | 'WAL'): string {
  const file = path.join(dir, 'dockside.sqlite');
  const raw = new BetterSqlite3(file);
  raw.pragma(`journal_mode = ${journalMode}`);
  raw.pragma('synchronous = NORMAL');
  raw.exec(`CREATE TABLE from_the_future (x TEXT); INSERT INTO from_the_future VALUES ('keep me')`);
  raw.pragma(`user_version = ${NEWER}`);
  raw.close();
  fs.chmodSync(file, 0o644); // also proves permissions are not "tightened" on a refused file
  return file;
}

describe.each(['DELETE', 'WAL'] as const)('a newer database in %s journal mode', (mode) => {
  it('is refused and left byte-for-byte untouched, with no file created beside it', async () => {
    const file = newerDatabase(mode);
    const before = { hash: sha256(file), files: fs.readdirSync(dir).sort(), mode: fs.statSync(file).mode, mtime: fs.statSync(file).mtimeMs };
    expect(before.files).toEqual(['dockside.sqlite']);

    const err = await openDatabase({ file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseTooNewError);
    expect(err).toMatchObject({ found: NEWER, supported: allMigrations.at(-1)!.version });
    expect((err as Error).message).toMatch(/The file was not changed/);

    expect(sha256(file)).toBe(before.hash);
    expect(fs.readdirSync(dir).sort()).toEqual(before.files);
    expect(fs.statSync(file).mode).toBe(before.mode);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtime);
  });
});

describe('reading the stored version', () => {
  it('is null for a missing or empty file, and reads a WAL file whose -wal holds the newest commit', async () => {
    const file = path.join(dir, 'dockside.sqlite');
    expect(storedSchemaVersion(file)).toBeNull();
    fs.writeFileSync(file, '');
    expect(storedSchemaVersion(file)).toBeNull();
    fs.rmSync(file);

    // A crash leaves the version change only in the -wal: the header alone would say 0.
    const writer = new BetterSqlite3(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE t (x)');
    writer.pragma(`user_version = ${NEWER}`);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    expect(storedSchemaVersion(file)).toBe(NEWER);
    await expect(openDatabase({ file })).rejects.toBeInstanceOf(DatabaseTooNewError);
    writer.close();
  });

  it('refuses a newer database left with a hot journal (crash mid-write) without rolling it back', async () => {
    const src = path.join(dir, 'src');
    fs.mkdirSync(src);
    const writer = new BetterSqlite3(path.join(src, 'dockside.sqlite'));
    writer.pragma('journal_mode = DELETE');
    writer.pragma('cache_size = 10'); // spill the unfinished write into the file, as a crash leaves it
    writer.exec('CREATE TABLE t (x TEXT)');
    writer.pragma(`user_version = ${NEWER}`);
    writer.exec('BEGIN');
    const insert = writer.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 3000; i++) insert.run('x'.repeat(200));
    // Copying the pair mid-transaction is what a power cut leaves behind.
    const file = path.join(dir, 'dockside.sqlite');
    fs.copyFileSync(path.join(src, 'dockside.sqlite'), file);
    fs.copyFileSync(path.join(src, 'dockside.sqlite-journal'), `${file}-journal`);
    writer.close();
    const before = [sha256(file), sha256(`${file}-journal`)];

    await expect(openDatabase({ file })).rejects.toBeInstanceOf(DatabaseTooNewError);
    expect([sha256(file), sha256(`${file}-journal`)]).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['dockside.sqlite', 'dockside.sqlite-journal', 'src']);
  });

  it('opens an older database read-write and migrates it as before', async () => {
    const file = path.join(dir, 'dockside.sqlite');
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const db = await openDatabase({ file });
    expect(db.schemaVersion).toBe(allMigrations.at(-1)!.version);
    expect(db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});
