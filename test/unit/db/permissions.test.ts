// Issue 7, point 10 (files): the database, its -wal/-shm, backups, the secret file and the key
// file are readable by the owner only; folders are 0700. Set at creation, tightened on open.
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/database';
import { allMigrations } from '../../../src-main/core/db/migrations';
import { preparePrivateDataDir } from '../../../src-main/host/paths';
import { fileSecretStore, KEY_FILE, SECRET_FILE } from '../../../src-main/host/secretStore';
import { filesBelow, tempDir } from '../../helpers/tmp';

let root: string;
let cleanup: () => void;
beforeEach(() => ({ dir: root, cleanup } = tempDir()));
afterEach(() => cleanup());

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('owner-only files', () => {
  it('creates the data folder, database, -wal and -shm owner-only even under a permissive umask', async () => {
    const dataDir = path.join(root, 'data', 'Dockside');
    const old = process.umask(0o002);
    try {
      const db = await openDatabase({ file: path.join(dataDir, 'dockside.sqlite') });
      db.raw.exec(`INSERT INTO orders (id, number, status, updated_at) VALUES ('o1', 'N-1', 'open', 0)`);
      expect(fs.readdirSync(dataDir).sort()).toEqual(['dockside.sqlite', 'dockside.sqlite-shm', 'dockside.sqlite-wal']);
      for (const f of fs.readdirSync(dataDir)) expect(modeOf(path.join(dataDir, f)), f).toBe(0o600);
      expect(modeOf(dataDir)).toBe(0o700);
      db.close();
    } finally {
      process.umask(old);
    }
  });

  it('tightens a looser database, its side files, the data folder and old backups on open; new backups are 0600 in a 0700 folder', async () => {
    const file = path.join(root, 'dockside.sqlite');
    (await openDatabase({ file, migrations: allMigrations.slice(0, 1) })).close();
    // As a previous version left them: world-readable everything, a backup from before.
    const backups = path.join(root, 'backups');
    fs.mkdirSync(backups, { mode: 0o755 });
    fs.writeFileSync(path.join(backups, 'dockside-v0-old.sqlite'), 'old', { mode: 0o644 });
    const raw = new BetterSqlite3(file);
    raw.pragma('wal_autocheckpoint = 0');
    raw.exec('CREATE TABLE scratch (x)'); // leaves a -wal behind while this handle stays open
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.chmodSync(f, 0o644);
    fs.chmodSync(root, 0o755);
    fs.chmodSync(backups, 0o755);

    const db = await openDatabase({ file }); // migrates from v1: makes a backup
    raw.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
    expect(modeOf(root)).toBe(0o700);
    expect(modeOf(backups)).toBe(0o700);
    const made = fs.readdirSync(backups);
    expect(made.filter((f) => f.startsWith('dockside-v1-'))).toHaveLength(1);
    for (const f of made) expect(modeOf(path.join(backups, f)), f).toBe(0o600);
    db.close();
  });

  it('web mode: data folder, secret file and key file are owner-only, and tightened if looser', async () => {
    const dataDir = preparePrivateDataDir(path.join(root, 'web'));
    expect(modeOf(dataDir)).toBe(0o700);
    const old = process.umask(0);
    try {
      await fileSecretStore(dataDir, {}).set('remote.ucs.clientSecret', 's3cret');
    } finally {
      process.umask(old);
    }
    for (const f of filesBelow(dataDir)) expect(modeOf(f), f).toBe(0o600);
    expect(fs.readdirSync(dataDir).sort()).toEqual([SECRET_FILE, KEY_FILE].sort());

    for (const f of [SECRET_FILE, KEY_FILE]) fs.chmodSync(path.join(dataDir, f), 0o644);
    fs.chmodSync(dataDir, 0o755);
    preparePrivateDataDir(dataDir);
    const store = fileSecretStore(dataDir, {});
    expect(modeOf(dataDir)).toBe(0o700);
    for (const f of [SECRET_FILE, KEY_FILE]) expect(modeOf(path.join(dataDir, f)), f).toBe(0o600);
    expect(await store.get('remote.ucs.clientSecret')).toBe('s3cret');
  });
});
