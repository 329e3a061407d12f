// SQLite implementation of SerialRangeStore over the sscc_ranges table (migration 0005).
// `take` is one UPDATE … RETURNING, so two callers can never receive the same serial.
import type { Database } from 'better-sqlite3';
import type { SerialRange, SerialRangeStore } from './sscc';

interface Row {
  station_id: string;
  company_prefix: string;
  extension_digit: number;
  first_serial: string;
  last_serial: string;
  next_serial: string;
}

const toRange = (r: Row): SerialRange => ({
  stationId: r.station_id,
  companyPrefix: r.company_prefix,
  extension: r.extension_digit,
  first: BigInt(r.first_serial),
  last: BigInt(r.last_serial),
  next: BigInt(r.next_serial),
});

// Serials are stored as zero-padded TEXT so they compare correctly beyond 2^53.
const pad = (n: bigint): string => n.toString().padStart(16, '0');

export class SqliteSerialRangeStore implements SerialRangeStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  assign(range: Omit<SerialRange, 'next'>): void {
    if (range.last < range.first) throw new Error('serial range is empty');
    this.db
      .prepare(
        `INSERT INTO sscc_ranges (station_id, company_prefix, extension_digit, first_serial, last_serial, next_serial, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(station_id) DO UPDATE SET company_prefix = excluded.company_prefix,
           extension_digit = excluded.extension_digit, first_serial = excluded.first_serial,
           last_serial = excluded.last_serial,
           next_serial = CASE WHEN sscc_ranges.company_prefix = excluded.company_prefix
             AND sscc_ranges.next_serial BETWEEN excluded.first_serial AND excluded.last_serial
             THEN sscc_ranges.next_serial ELSE excluded.first_serial END,
           updated_at = excluded.updated_at`,
      )
      .run(range.stationId, range.companyPrefix, range.extension, pad(range.first), pad(range.last), pad(range.first), this.now());
  }

  get(stationId: string): SerialRange | undefined {
    const row = this.db.prepare('SELECT * FROM sscc_ranges WHERE station_id = ?').get(stationId) as Row | undefined;
    return row ? toRange(row) : undefined;
  }

  take(stationId: string): { extension: number; companyPrefix: string; serial: bigint } {
    const tx = this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM sscc_ranges WHERE station_id = ?').get(stationId) as Row | undefined;
      if (!row) throw new Error(`no SSCC serial range assigned to station ${stationId}`);
      const r = toRange(row);
      if (r.next > r.last) throw new Error(`SSCC serial range of station ${stationId} is exhausted`);
      this.db
        .prepare('UPDATE sscc_ranges SET next_serial = ?, updated_at = ? WHERE station_id = ? AND next_serial = ?')
        .run(pad(r.next + 1n), this.now(), stationId, row.next_serial);
      return { extension: r.extension, companyPrefix: r.companyPrefix, serial: r.next };
    });
    return tx.immediate();
  }
}
