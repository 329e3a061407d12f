// Db.relaxed: job bookkeeping commits without its own fsync, and the store's durable level is
// always back afterwards — even when the bookkeeping throws — so a user's next write is FULL again.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { tempDir } from '../../helpers/tmp';

let dir: string;
let cleanup: () => void;
let db: Db;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  db = await openDatabase({ file: path.join(dir, 'dockside.sqlite') });
  db.raw.exec('CREATE TABLE t (v INTEGER)');
});
afterEach(() => {
  db.close();
  cleanup();
});

const level = () => db.raw.pragma('synchronous', { simple: true });

describe('Db.relaxed', () => {
  it('runs with synchronous=NORMAL and restores FULL after, also when fn throws', () => {
    expect(level()).toBe(2);
    const seen = db.relaxed(() => {
      db.prepare('INSERT INTO t VALUES (1)').run();
      return level();
    });
    expect(seen).toBe(1);
    expect(level()).toBe(2);
    expect(() => db.relaxed(() => { throw new Error('boom'); })).toThrow('boom');
    expect(level()).toBe(2);
    expect(db.raw.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
  });

  it('inside a transaction changes nothing: the enclosing commit decides', () => {
    db.tx(() => {
      expect(db.relaxed(() => level())).toBe(2);
    });
    expect(level()).toBe(2);
  });
});
