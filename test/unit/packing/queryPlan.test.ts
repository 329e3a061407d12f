// A scan must feel instant with 100k products and 1M order lines: every statement packing runs
// (the lookups of the scan path, the reads that build the screen, the writes) is searched through
// an index. SQLite's plan says "SCAN <table>" (no index) when a statement would read a whole table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackingRepo } from '../../../src-main/core/packing/repo';
import { createTestCore, type TestCore } from '../../helpers/core';
import { addShipment, MUG, TEA } from './fixture';

let t: TestCore;
beforeAll(async () => {
  t = await createTestCore({ logLevel: 'warn', sync: { autoStart: false } });
  addShipment(t.core, 'ORD-1', [
    [MUG, 2],
    [TEA, 1],
  ]);
});
afterAll(() => t.dispose());

function plan(sql: string): string[] {
  // no ANALYZE: with statistics of a few rows SQLite rightly scans; without, it plans for big tables
  const explain = sql.trim();
  const params = (explain.match(/\?/g) ?? []).length;
  const rows = t.core.db.raw.prepare(`EXPLAIN QUERY PLAN ${explain}`).all(...Array<null>(params).fill(null)) as { detail: string }[];
  return rows.map((r) => r.detail);
}

describe('packing statements use indexes', () => {
  const repo = () => new PackingRepo(t.core.db, 'station');
  it('no statement reads a whole table', () => {
    const statements = repo().statements();
    expect(Object.keys(statements).length).toBeGreaterThan(30);
    const scans: Record<string, string[]> = {};
    for (const [name, sql] of Object.entries(statements)) {
      const full = plan(sql).filter((d) => /^SCAN \S+$/.test(d.trim()) || /^SCAN \S+ AS \S+$/.test(d.trim()));
      if (full.length) scans[name] = full;
    }
    expect(scans).toEqual({});
  });

  it('the scan path looks products, shipments and units up by their indexes', () => {
    const s = repo().statements();
    expect(plan(s.productByCode!).join('\n')).toMatch(/SEARCH b USING (INDEX|PRIMARY KEY)/);
    expect(plan(s.productBySku!).join('\n')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_products/);
    expect(plan(s.orderByNumber!).join('\n')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_orders/);
    expect(plan(s.shipmentsOfOrder!).join('\n')).toMatch(/USING (COVERING )?INDEX shipments_order/);
    expect(plan(s.units!).join('\n')).toMatch(/SEARCH su USING INDEX shipment_units_shipment/);
    expect(plan(s.packed!).join('\n')).toMatch(/SEARCH pu USING INDEX pack_units_shipment/);
    expect(plan(s.parcels!).join('\n')).toMatch(/SEARCH pp USING INDEX pack_parcels_shipment/);
    expect(plan(s.lastClosed!).join('\n')).toMatch(/pack_parcels_closed/);
  });
});
