// All SQL of the evidence capability: parcel_photos (and whether a parcel exists to keep one with).
import type { ParcelPhoto } from '../../../src-preload/contract';
import type { Db, Statement } from '../db/database';

export interface PhotoRow extends ParcelPhoto {
  file: string;
  stationId: string;
}

interface RawRow {
  id: string;
  parcel_id: string;
  station_id: string;
  user_id: string | null;
  taken_at: number;
  file: string;
  bytes: number;
  sha256: string;
  width: number;
  height: number;
}

const COLUMNS = 'id, parcel_id, station_id, user_id, taken_at, file, bytes, sha256, width, height';

function toPhoto(r: RawRow): PhotoRow {
  return {
    id: r.id,
    parcelId: r.parcel_id,
    stationId: r.station_id,
    takenAt: r.taken_at,
    takenBy: r.user_id,
    file: r.file,
    bytes: r.bytes,
    sha256: r.sha256,
    width: r.width,
    height: r.height,
  };
}

export class EvidenceRepo {
  private readonly parcelStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly listStmt: Statement;
  private readonly getStmt: Statement;

  constructor(db: Db) {
    this.parcelStmt = db.prepare('SELECT 1 FROM parcels WHERE id = ?');
    this.insertStmt = db.prepare(`INSERT INTO parcel_photos (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.listStmt = db.prepare(`SELECT ${COLUMNS} FROM parcel_photos WHERE parcel_id = ? ORDER BY taken_at, id`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM parcel_photos WHERE id = ?`);
  }

  parcelExists(parcelId: string): boolean {
    return this.parcelStmt.get(parcelId) !== undefined;
  }

  insert(p: PhotoRow): void {
    this.insertStmt.run(p.id, p.parcelId, p.stationId, p.takenBy, p.takenAt, p.file, p.bytes, p.sha256, p.width, p.height);
  }

  list(parcelId: string): PhotoRow[] {
    return (this.listStmt.all(parcelId) as RawRow[]).map(toPhoto);
  }

  get(id: string): PhotoRow | null {
    const r = this.getStmt.get(id) as RawRow | undefined;
    return r ? toPhoto(r) : null;
  }
}
