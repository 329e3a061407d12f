// All SQL of connections: one row per configured remote, no secrets.
import { z } from 'zod';
import { settingFieldSchema, type Remote, type SettingField } from '../../../src-preload/contract';
import type { Db } from '../db/database';

export interface ConnectionRow {
  remote: Remote;
  baseUrl: string;
  settings: Partial<Record<SettingField, string>>;
  source: 'settings' | 'config';
  updatedAt: number;
}

interface RawRow {
  remote: Remote;
  base_url: string;
  settings: string;
  source: 'settings' | 'config';
  updated_at: number;
}

const settingsJson = z.partialRecord(settingFieldSchema, z.string());

function toRow(r: RawRow): ConnectionRow {
  let settings: ConnectionRow['settings'] = {};
  try {
    const parsed = settingsJson.safeParse(JSON.parse(r.settings));
    if (parsed.success) settings = parsed.data;
  } catch {
    // A damaged blob reads as "fields missing": the screen then asks for them again.
  }
  return { remote: r.remote, baseUrl: r.base_url, settings, source: r.source, updatedAt: r.updated_at };
}

export class ConnectionsRepo {
  constructor(private readonly db: Db) {}

  all(): ConnectionRow[] {
    return (this.db.prepare('SELECT * FROM connections ORDER BY remote').all() as RawRow[]).map(toRow);
  }

  get(remote: Remote): ConnectionRow | undefined {
    const r = this.db.prepare('SELECT * FROM connections WHERE remote = ?').get(remote) as RawRow | undefined;
    return r ? toRow(r) : undefined;
  }

  upsert(row: ConnectionRow, by: string | null): void {
    this.db
      .prepare(
        `INSERT INTO connections (remote, base_url, settings, source, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(remote) DO UPDATE SET base_url = excluded.base_url, settings = excluded.settings, source = excluded.source,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(row.remote, row.baseUrl, JSON.stringify(row.settings), row.source, row.updatedAt, by);
  }

  delete(remote: Remote): void {
    this.db.prepare('DELETE FROM connections WHERE remote = ?').run(remote);
  }
}
