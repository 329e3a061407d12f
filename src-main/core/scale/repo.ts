// All SQL of the scale capability: station_scales (one row per station that has a scale).
import type { Db, Statement } from '../db/database';
import type { ScaleConfig } from '../../../src-preload/contract';

export class ScaleRepo {
  private readonly getStmt: Statement;
  private readonly putStmt: Statement;
  private readonly delStmt: Statement;

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT kind, host, port FROM station_scales WHERE station_id = ?');
    this.putStmt = db.prepare(
      `INSERT INTO station_scales (station_id, kind, host, port, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(station_id) DO UPDATE SET kind = excluded.kind, host = excluded.host, port = excluded.port, updated_at = excluded.updated_at`,
    );
    this.delStmt = db.prepare('DELETE FROM station_scales WHERE station_id = ?');
  }

  config(stationId: string): ScaleConfig {
    const row = this.getStmt.get(stationId) as { kind: 'mt-sics'; host: string; port: number } | undefined;
    return row ? { kind: row.kind, host: row.host, port: row.port } : { kind: 'none' };
  }

  save(stationId: string, config: ScaleConfig, now: number): void {
    if (config.kind === 'none') this.delStmt.run(stationId);
    else this.putStmt.run(stationId, config.kind, config.host, config.port, now);
  }
}
