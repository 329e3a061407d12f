// Migration 0015: homs_orders keeps HOMS's code and our ref unique, lets HOMS's own ext_code
// repeat (HOMS does not keep it unique), and refuses a state HOMS does not have.
import { expect, it } from 'vitest';
import { openTestDb } from './helpers';

it('homs_orders: code and ref unique, ext_code may repeat, state checked', async () => {
  const db = await openTestDb(':memory:');
  try {
    expect(db.schemaVersion).toBeGreaterThanOrEqual(15);
    const ins = db.raw.prepare(
      `INSERT INTO homs_orders (id, code, ref, ext_code, order_type_code, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'support_request', ?, 1, 1)`,
    );
    ins.run('a', 'ORD-1', null, 'X', 'to_execute');
    ins.run('b', 'ORD-2', null, 'X', 'done'); // the same ext_code on two HOMS orders
    ins.run('c', null, 'r-1', 'r-1', 'to_execute');
    ins.run('d', null, null, null, 'in_progress'); // neither code nor ref (nulls do not collide)
    ins.run('e', null, null, null, 'in_progress');
    expect(() => ins.run('f', 'ORD-1', null, null, 'done')).toThrow(/UNIQUE/);
    expect(() => ins.run('g', null, 'r-1', null, 'done')).toThrow(/UNIQUE/);
    expect(() => ins.run('h', 'ORD-9', null, null, 'flying')).toThrow(/CHECK/);
    expect(db.raw.prepare('SELECT data, archived FROM homs_orders WHERE id = ?').get('a')).toEqual({ data: '{}', archived: 0 });
  } finally {
    db.close();
  }
});
