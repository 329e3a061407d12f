// Pack evidence through the contract on a real core and SQLite file: a photo is kept with its
// parcel (file in the data folder, row in the store), listed and read back byte for byte; what is
// not a JPEG, too large or for an unknown parcel is refused and leaves nothing behind.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES, type ParcelPhoto } from '../../../src-preload/contract';
import { openBench, type Bench } from '../scale/bench';
import { tinyJpeg } from './jpeg';

const open: Bench[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.dispose();
});

async function bench(): Promise<Bench> {
  const b = await openBench();
  open.push(b);
  const now = Date.now();
  b.core.db.prepare(`INSERT INTO orders (id, number, status, updated_at) VALUES ('o1', '1001', 'open', ?)`).run(now);
  b.core.db.prepare(`INSERT INTO parcels (id, order_id, seq, status, created_at, updated_at) VALUES ('p1', 'o1', 1, 'open', ?, ?), ('p2', 'o1', 2, 'open', ?, ?)`).run(now, now, now, now);
  return b;
}

function photoFiles(dir: string): string[] {
  const root = path.join(dir, 'parcel-photos');
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jpg') || f.endsWith('.part')) : [];
}

describe('evidence service', () => {
  it('keeps a photo with its parcel: file in the data folder, row in the store, listed and read back byte for byte', async () => {
    const b = await bench();
    await b.signIn('1111');
    const jpeg = tinyJpeg(1280, 720, 5000);
    const photo = await b.call<ParcelPhoto>('evidence.add', { parcelId: 'p1', jpegBase64: jpeg.toString('base64') });
    const petra = b.core.station.state().currentUser!.id;
    expect(photo).toMatchObject({ parcelId: 'p1', width: 1280, height: 720, bytes: jpeg.length, takenBy: petra });
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);

    const file = b.core.evidence.fileOf(photo.id)!;
    expect(file.startsWith(path.join(b.dir, 'parcel-photos'))).toBe(true);
    expect(fs.readFileSync(file).equals(jpeg)).toBe(true);
    expect(fs.statSync(file).mode & 0o077).toBe(0); // only this user reads parcel photos

    const second = await b.call<ParcelPhoto>('evidence.add', { parcelId: 'p1', jpegBase64: tinyJpeg(640, 480).toString('base64') });
    await b.call('evidence.add', { parcelId: 'p2', jpegBase64: tinyJpeg(10, 10).toString('base64') });
    await b.signIn('2222'); // anyone signed in may look
    const list = await b.call<{ photos: ParcelPhoto[] }>('evidence.list', { parcelId: 'p1' });
    expect(list.photos.map((p) => p.id)).toEqual([photo.id, second.id]);
    const got = await b.call<ParcelPhoto & { jpegBase64: string }>('evidence.get', { id: photo.id });
    expect(Buffer.from(got.jpegBase64, 'base64').equals(jpeg)).toBe(true);
    expect(photoFiles(b.dir)).toHaveLength(3);
  });

  it('lists a parcel’s photos through its index', async () => {
    const b = await bench();
    const plan = b.core.db.prepare('EXPLAIN QUERY PLAN SELECT id FROM parcel_photos WHERE parcel_id = ? ORDER BY taken_at, id').all('p1') as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/USING INDEX parcel_photos_parcel/);
  });

  it('refuses a photo that is not a JPEG, one over 2 MB, one for an unknown parcel, and one from an agent; nothing is left behind', async () => {
    const b = await bench();
    await b.signIn('1111');
    const notJpeg = await b.invoke('evidence.add', { parcelId: 'p1', jpegBase64: Buffer.from('not a photo at all').toString('base64') });
    expect(notJpeg).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const cut = tinyJpeg(100, 100);
    expect(await b.invoke('evidence.add', { parcelId: 'p1', jpegBase64: cut.subarray(0, cut.length - 4).toString('base64') })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const big = tinyJpeg(4000, 3000, EVIDENCE_MAX_BYTES);
    expect(await b.invoke('evidence.add', { parcelId: 'p1', jpegBase64: big.toString('base64') })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await b.invoke('evidence.add', { parcelId: 'nope', jpegBase64: tinyJpeg(8, 8).toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', details: { parcelId: 'nope' } },
    });
    expect(await b.invoke('evidence.get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await b.signIn('2222');
    expect(await b.invoke('evidence.add', { parcelId: 'p1', jpegBase64: tinyJpeg(8, 8).toString('base64') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(photoFiles(b.dir)).toEqual([]);
    expect(b.core.db.prepare('SELECT COUNT(*) AS n FROM parcel_photos').get()).toEqual({ n: 0 });
  });

  it('a photo whose file was removed by hand answers NOT_FOUND', async () => {
    const b = await bench();
    await b.signIn('1111');
    const photo = await b.call<ParcelPhoto>('evidence.add', { parcelId: 'p1', jpegBase64: tinyJpeg(8, 8).toString('base64') });
    fs.rmSync(b.core.evidence.fileOf(photo.id)!);
    expect(await b.invoke('evidence.get', { id: photo.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
