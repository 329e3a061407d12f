// Printer records and the station → printer role assignments (tables from migration 0005).
import type { Db } from '../../db/database';
import { printerOptionsSchema, type PrinterOptions, type PrinterRole } from '../schemas';
import { parsePrinterUri } from '../drivers/registry';

export interface PrinterRecord {
  id: string;
  name: string;
  uri: string;
  kind: 'tcp' | 'dir' | 'os' | 'afosto';
  options: PrinterOptions;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: string;
  name: string;
  uri: string;
  kind: PrinterRecord['kind'];
  options: string;
  created_at: number;
  updated_at: number;
}

function toRecord(r: Row): PrinterRecord {
  let raw: unknown = {};
  try {
    raw = JSON.parse(r.options);
  } catch {
    // A damaged options blob falls back to defaults rather than hiding the printer.
  }
  const parsed = printerOptionsSchema.safeParse(raw);
  return {
    id: r.id,
    name: r.name,
    uri: r.uri,
    kind: r.kind,
    options: parsed.success ? parsed.data : printerOptionsSchema.parse({}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class PrinterStore {
  constructor(private readonly db: Db) {}

  list(): PrinterRecord[] {
    return (this.db.prepare('SELECT * FROM printers ORDER BY name COLLATE NOCASE, id').all() as Row[]).map(toRecord);
  }

  get(id: string): PrinterRecord | undefined {
    const r = this.db.prepare('SELECT * FROM printers WHERE id = ?').get(id) as Row | undefined;
    return r ? toRecord(r) : undefined;
  }

  upsert(p: { id: string; name: string; uri: string; options: PrinterOptions }, now: number): PrinterRecord {
    const kind = parsePrinterUri(p.uri).kind;
    this.db
      .prepare(
        `INSERT INTO printers (id, name, uri, kind, options, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, uri = excluded.uri, kind = excluded.kind,
           options = excluded.options, updated_at = excluded.updated_at`,
      )
      .run(p.id, p.name, p.uri, kind, JSON.stringify(p.options), now, now);
    return this.get(p.id) as PrinterRecord;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM printers WHERE id = ?').run(id).changes > 0;
  }

  assignRole(stationId: string, role: PrinterRole, printerId: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO printer_roles (station_id, role, printer_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(station_id, role) DO UPDATE SET printer_id = excluded.printer_id, updated_at = excluded.updated_at`,
      )
      .run(stationId, role, printerId, now);
  }

  roles(stationId: string): Partial<Record<PrinterRole, string>> {
    const rows = this.db.prepare('SELECT role, printer_id FROM printer_roles WHERE station_id = ?').all(stationId) as {
      role: PrinterRole;
      printer_id: string;
    }[];
    return Object.fromEntries(rows.map((r) => [r.role, r.printer_id]));
  }
}
