// Migration 20 (bench_devices): the station's scale and the photos kept with parcels, on a store
// that went through every earlier migration with a parcel in it.
import { describe, expect, it } from 'vitest';
import { columns, tables, useMigrationStore } from './helpers';

const store = useMigrationStore();
const { openAt } = store;

describe('migration 20: bench_devices', () => {
  it('adds station_scales and parcel_photos to a store with parcels; a parcel’s photos go with it', async () => {
    const before = await openAt(17, store.file);
    before.raw.exec(`
      INSERT INTO stations (id, name, pin_salt, created_at, updated_at) VALUES ('st', 'Bench', 'salt', 0, 0);
      INSERT INTO orders (id, number, status, updated_at) VALUES ('o1', '1001', 'open', 0);
      INSERT INTO parcels (id, order_id, seq, status, created_at, updated_at) VALUES ('p1', 'o1', 1, 'open', 0, 0);
    `);
    before.close();

    const db = await openAt(20, store.file);
    expect(db.schemaVersion).toBe(20);
    expect(tables(db)).toEqual(expect.arrayContaining(['station_scales', 'parcel_photos']));
    expect(columns(db, 'parcel_photos')).toEqual(['id', 'parcel_id', 'station_id', 'user_id', 'taken_at', 'file', 'bytes', 'sha256', 'width', 'height']);

    db.raw.exec(`INSERT INTO station_scales (station_id, kind, host, port, updated_at) VALUES ('st', 'mt-sics', '10.0.0.9', 4001, 0)`);
    expect(() => db.raw.exec(`INSERT INTO station_scales (station_id, kind, host, port, updated_at) VALUES ('st', 'mt-sics', 'x', 1, 0)`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.raw.exec(`UPDATE station_scales SET port = 70000`)).toThrow(/CHECK/);
    expect(() => db.raw.exec(`UPDATE station_scales SET kind = 'serial'`)).toThrow(/CHECK/);

    const photo = db.raw.prepare(
      `INSERT INTO parcel_photos (id, parcel_id, station_id, user_id, taken_at, file, bytes, sha256, width, height) VALUES (?, ?, 'st', NULL, 0, 'f.jpg', 10, 'x', 1, 1)`,
    );
    photo.run('ph1', 'p1');
    expect(() => photo.run('ph2', 'nope')).toThrow(/FOREIGN KEY/);
    db.raw.exec(`DELETE FROM parcels WHERE id = 'p1'`);
    expect(db.raw.prepare('SELECT COUNT(*) AS n FROM parcel_photos').get()).toEqual({ n: 0 });
  });
});
