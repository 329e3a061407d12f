// Pack evidence: a photo of an open parcel, kept with the parcel on this station. The JPEG goes to
// the data folder first (written under a temporary name, flushed, renamed), then its row; a row
// therefore never names a file that is not whole. A crash between the two leaves at most an
// unlisted file behind, never a listed photo without bytes.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EVIDENCE_MAX_BYTES, type ParcelPhoto } from '../../../src-preload/contract';
import type { Db } from '../db/database';
import { ensurePrivateDir } from '../db/privateFiles';
import type { Clock } from '../platform/ports';
import { invalid, notFound } from '../rpc/errors';
import { newId } from '../util/ids';
import { jpegInfo } from './domain';
import { EvidenceRepo, type PhotoRow } from './repo';

export const PHOTO_DIR = 'parcel-photos';

export interface EvidenceServiceDeps {
  db: Db;
  clock: Clock;
  stationId: string;
  dataDir: string;
}

function publicPhoto(row: PhotoRow): ParcelPhoto {
  const { file: _file, stationId: _station, ...photo } = row;
  return photo;
}

export class EvidenceService {
  private readonly repo: EvidenceRepo;

  constructor(private readonly deps: EvidenceServiceDeps) {
    this.repo = new EvidenceRepo(deps.db);
  }

  async add(input: { parcelId: string; jpegBase64: string }, userId: string | null): Promise<ParcelPhoto> {
    const bytes = Buffer.from(input.jpegBase64, 'base64');
    if (bytes.length > EVIDENCE_MAX_BYTES) throw invalid('The photo is too large', [{ path: 'jpegBase64', message: 'larger than 2 MB' }]);
    const info = jpegInfo(bytes);
    if (!info) throw invalid('The photo is not a whole JPEG', [{ path: 'jpegBase64', message: 'not a JPEG' }]);
    if (!this.repo.parcelExists(input.parcelId)) throw notFound('Parcel', { parcelId: input.parcelId });

    const id = newId();
    const takenAt = this.deps.clock.now();
    // One folder per month keeps any one folder to a few thousand files.
    const month = new Date(takenAt).toISOString().slice(0, 7);
    const file = path.posix.join(PHOTO_DIR, month, `${id}.jpg`);
    const target = path.join(this.deps.dataDir, file);
    ensurePrivateDir(path.dirname(target));
    const temp = `${target}.part`;
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);

    const row: PhotoRow = {
      id,
      parcelId: input.parcelId,
      stationId: this.deps.stationId,
      takenAt,
      takenBy: userId,
      file,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      width: info.width,
      height: info.height,
    };
    try {
      this.repo.insert(row);
    } catch (e) {
      await fs.rm(target, { force: true });
      throw e;
    }
    return publicPhoto(row);
  }

  list(parcelId: string): ParcelPhoto[] {
    return this.repo.list(parcelId).map(publicPhoto);
  }

  async get(id: string): Promise<ParcelPhoto & { jpegBase64: string }> {
    const row = this.repo.get(id);
    if (!row) throw notFound('Photo', { id });
    // A row whose file was removed by hand answers NOT_FOUND, not an internal error.
    const bytes = await fs.readFile(path.join(this.deps.dataDir, row.file)).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' ? notFound('Photo', { id }) : e;
    });
    return { ...publicPhoto(row), jpegBase64: bytes.toString('base64') };
  }

  /** Where a photo's bytes are (tests, support). */
  fileOf(id: string): string | null {
    const row = this.repo.get(id);
    return row ? path.join(this.deps.dataDir, row.file) : null;
  }
}
