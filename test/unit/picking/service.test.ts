// The guided pick walk on pick lists the real Afosto connector pulled from the simulator, on a real
// SQLite file: every scan is a scan_events row and, in the same transaction, the Afosto ops the
// connector pushes. The outbox is never started here: exactly the offline case — ops wait.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PickListView, PickStepResult } from '../../../src-preload/contract';
import { gs1CheckDigit } from '../../../src-preload/scanning';
import { AFOSTO_OPS } from '../../../src-main/core/connectors/afosto/push';
import { AfostoRepo } from '../../../src-main/core/connectors/afosto/repo';
import { PICK_SQL, SCAN_PATH } from '../../../src-main/core/picking/repo';
import { afostoOps, harness, pullFromSimulator, scanEvents, type PickHarness, type Pulled } from './fixture';

let pulled: Pulled;
let h: PickHarness;
beforeAll(async () => {
  pulled = await pullFromSimulator();
}, 120_000);
afterAll(() => pulled.cleanup());
beforeEach(async () => {
  h = await harness(pulled);
});
afterEach(() => h.close());

const USER = 'user-petra';
const listId = (number: string): string => (h.db.prepare('SELECT id FROM pick_lists WHERE number = ?').get(number) as { id: string }).id;
/** The code a scanner reads off the product: its EAN-13 when it has one, else its SKU label. */
const codeOf = (sku: string): string =>
  (h.db.prepare(`SELECT b.code FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE p.sku = ? ORDER BY b.kind = 'ean13' DESC, b.code LIMIT 1`).get(sku) as { code: string } | undefined)?.code ?? sku;
const scan = (id: string, raw: string): PickStepResult => h.picking.scan(id, raw, USER);
const current = (v: PickListView) => v.lines.find((l) => l.id === v.expect?.lineId)!;

/** Picks the whole list the right way, one scan per unit; returns every answer. */
function walk(id: string): PickStepResult[] {
  const out: PickStepResult[] = [];
  let v = h.picking.open(id);
  while (v.expect) {
    const line = current(v);
    if (v.expect.step === 'position') out.push(scan(id, line.position!));
    else out.push(scan(id, codeOf(line.sku)));
    v = out.at(-1)!.view;
  }
  return out;
}

describe('picking: the guided walk', () => {
  it('lists the pulled lists with filters by state, assignee, due date and text', () => {
    const all = h.picking.list({ state: 'all', assignee: 'any', due: 'any', text: '', limit: 200 });
    expect(all.lists).toHaveLength(58);
    expect(all.assignees).toEqual(['packer-anna', 'packer-jurgen', 'packer-sanne', 'packer-tomas']);
    const active = h.picking.list({ state: 'active', assignee: 'any', due: 'any', text: '', limit: 200 });
    expect(active.lists.map((l) => l.number)).toEqual(['L-000001', 'L-000002', 'L-000006', 'L-000015', 'L-000025', 'L-000040', 'L-000044', 'L-000050', 'L-000052', 'L-000057']);
    // half of L-000001's units are handled in Afosto already: they count as picked
    expect(active.lists[0]).toMatchObject({ number: 'L-000001', state: 'in_progress', assignee: 'packer-jurgen', shipments: 4, progress: { total: 8, picked: 4, remaining: 4 } });
    const jurgen = h.picking.list({ state: 'all', assignee: 'packer-jurgen', due: 'any', text: '', limit: 200 });
    expect(jurgen.lists.length).toBeGreaterThan(0);
    expect(jurgen.lists.every((l) => l.assignee === 'packer-jurgen')).toBe(true);
    // the simulator's lists were due in 2025: all overdue, none today
    expect(h.picking.list({ state: 'active', assignee: 'any', due: 'overdue', text: '', limit: 200 }).lists).toHaveLength(10);
    expect(h.picking.list({ state: 'active', assignee: 'any', due: 'today', text: '', limit: 200 }).lists).toHaveLength(0);
    // text: a list number, an order number, a SKU on it
    expect(h.picking.list({ state: 'all', assignee: 'any', due: 'any', text: 'L-000006', limit: 200 }).lists.map((l) => l.number)).toEqual(['L-000006']);
    expect(h.picking.list({ state: 'all', assignee: 'any', due: 'any', text: 'ODR-10000003', limit: 200 }).lists.map((l) => l.number)).toEqual(['L-000001']);
    const sku = h.picking.open(listId('L-000001')).lines[0]!.sku;
    expect(h.picking.list({ state: 'all', assignee: 'any', due: 'any', text: sku, limit: 200 }).lists.map((l) => l.number)).toContain('L-000001');
  });

  it('a full guided sequence: position, product, next — in walking order, with a pick op per unit', () => {
    const id = listId('L-000001');
    const v0 = h.picking.open(id);
    // the units Afosto says are handled are done already; the walk offers the rest
    expect(v0.progress).toEqual({ total: 8, picked: 4, short: 0, remaining: 4, linesLeft: 4 });
    const open = v0.lines.filter((l) => l.remaining > 0);
    expect(v0.lines.slice(0, open.length)).toEqual(open);
    const positions = open.map((l) => l.position!);
    expect(positions).toEqual([...positions].sort()); // A-… codes sort as they walk
    expect(v0.expect).toEqual({ lineId: open[0]!.id, step: 'position' });

    const answers = walk(id);
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(answers.filter((a) => a.code === 'position_ok')).toHaveLength(4);
    expect(answers.filter((a) => a.code === 'picked')).toHaveLength(4);
    const last = answers.at(-1)!;
    expect(last.view.expect).toBeNull();
    expect(last.view.progress).toEqual({ total: 8, picked: 8, short: 0, remaining: 0, linesLeft: 0 });

    const ops = afostoOps(h.db);
    expect(ops).toHaveLength(4);
    expect(ops.every((o) => o.operation === AFOSTO_OPS.pickProgress && o.entity === 'pick_list_item' && o.payload.handled === true)).toBe(true);
    // each op names an unhandled unit of its line and the position it was picked at
    const unhandled = h.db.prepare('SELECT i.id, p.code FROM pick_list_items i JOIN positions p ON p.id = i.position_id WHERE i.pick_list_id = ? AND i.remote_handled = 0').all(id) as { id: string; code: string }[];
    expect(ops.map((o) => o.entityId).sort()).toEqual(unhandled.map((u) => u.id).sort());
    for (const o of ops) expect(o.payload.position).toBe(unhandled.find((u) => u.id === o.entityId)!.code);

    const log = scanEvents(h.db, id);
    expect(log).toHaveLength(8);
    expect(log.every((e) => e.station_id === 'st-test' && e.user_id === USER && e.result === 'ok')).toBe(true);
    expect(log.filter((e) => e.read_as === 'position').map((e) => e.raw)).toEqual(positions);
    expect(log.filter((e) => e.read_as === 'product').reduce((n, e) => n + e.quantity, 0)).toBe(4);
    expect(h.changed.filter((x) => x === id)).toHaveLength(8);
    // a finished walk takes no more picks
    expect(scan(id, codeOf(v0.lines[0]!.sku))).toMatchObject({ ok: false, code: 'nothing_to_pick' });
  });

  it('a wrong position is refused naming the expected one; the refusal is logged, nothing is sent', () => {
    const id = listId('L-000001');
    const v = h.picking.open(id);
    const r = scan(id, v.lines[2]!.position!);
    expect(r).toMatchObject({ ok: false, code: 'wrong_position', readAs: v.lines[2]!.position, expected: { position: v.lines[0]!.position, sku: v.lines[0]!.sku } });
    expect(r.view.expect).toEqual(v.expect);
    expect(scan(id, 'NO-SUCH-CODE')).toMatchObject({ ok: false, code: 'unknown_code', expected: { position: v.lines[0]!.position } });
    const log = scanEvents(h.db, id);
    expect(log.map((e) => [e.result, e.read_as])).toEqual([
      ['error', 'position'],
      ['error', 'unknown'],
    ]);
    expect(afostoOps(h.db)).toEqual([]);
  });

  it('a product before its position, or the wrong product, is refused naming what was expected', () => {
    const id = listId('L-000001');
    const v = h.picking.open(id);
    const [first, other] = [v.lines[0]!, v.lines[3]!];
    expect(scan(id, codeOf(first.sku))).toMatchObject({ ok: false, code: 'position_expected', expected: { position: first.position } });
    expect(scan(id, first.position!)).toMatchObject({ ok: true, code: 'position_ok' });
    const wrong = scan(id, codeOf(other.sku));
    expect(wrong).toMatchObject({ ok: false, code: 'wrong_product', readAs: other.sku, expected: { sku: first.sku, name: first.name, position: first.position, remaining: 1 } });
    expect(wrong.view.progress.picked).toBe(v.progress.picked);
    expect(scan(id, codeOf(first.sku))).toMatchObject({ ok: true, code: 'picked', units: 1, tote: first.tote });
    expect(afostoOps(h.db)).toHaveLength(1);
  });

  it('GS1 with lot and expiry: the GTIN finds the product, lot and expiry travel with the pick; a case code counts its units', () => {
    const id = listId('L-000002');
    const v = h.picking.open(id);
    const line = v.lines.find((l) => l.remaining === 2)!;
    // walk to that line: skip what comes before
    while (h.picking.open(id).expect!.lineId !== line.id) h.picking.skip(id, USER);
    scan(id, line.position!);
    const ean = codeOf(line.sku);
    expect(ean).toMatch(/^\d{13}$/);
    const r = scan(id, `(01)0${ean}(17)271231(10)LOT-42`);
    expect(r).toMatchObject({ ok: true, code: 'picked', units: 1, lot: 'LOT-42', expiry: '2027-12-31', readAs: line.sku });
    const op = afostoOps(h.db).at(-1)!;
    expect(op.payload).toMatchObject({ handled: true, lotNumber: 'LOT-42', expiresAt: '2027-12-31', position: line.position });
    expect(scanEvents(h.db, id).at(-1)).toMatchObject({ read_as: 'gs1', quantity: 1 });

    // a case GTIN-14 of 6 is more than the one unit left: refused whole; a case of 1 more fits
    const productId = (h.db.prepare('SELECT id FROM products WHERE sku = ?').get(line.sku) as { id: string }).id;
    const caseOf6 = `1859000199999${gs1CheckDigit('1859000199999')}`;
    h.db.prepare(`INSERT INTO product_barcodes (code, product_id, kind, units) VALUES (?, ?, 'gtin14', 6)`).run(caseOf6, productId);
    expect(scan(id, `(01)${caseOf6}`)).toMatchObject({ ok: false, code: 'over_pick', expected: { remaining: 1 } });
    expect(h.picking.open(id).lines.find((l) => l.id === line.id)!.picked).toBe(1);
    scan(id, `(01)0${ean}`);

    // a case code of 2 on the other two-unit line: one scan, two units, two unit ops
    const other = v.lines.find((l) => l.remaining === 2 && l.id !== line.id)!;
    const otherId = (h.db.prepare('SELECT id FROM products WHERE sku = ?').get(other.sku) as { id: string }).id;
    const caseOf2 = `2859000199999${gs1CheckDigit('2859000199999')}`;
    h.db.prepare(`INSERT INTO product_barcodes (code, product_id, kind, units) VALUES (?, ?, 'gtin14', 2)`).run(caseOf2, otherId);
    while (h.picking.open(id).expect!.lineId !== other.id) h.picking.skip(id, USER);
    scan(id, other.position!);
    const before = afostoOps(h.db).length;
    expect(scan(id, `(01)${caseOf2}`)).toMatchObject({ ok: true, code: 'picked', units: 2, line: { picked: 2, remaining: 0 } });
    expect(afostoOps(h.db).length - before).toBe(2);
  });

  it('over-pick is refused: a scan or a typed count beyond what remains changes nothing', () => {
    const id = listId('L-000002');
    const v = h.picking.open(id);
    const line = v.lines[0]!;
    scan(id, line.position!);
    expect(h.picking.count(id, 1, USER)).toMatchObject({ ok: false, code: 'product_expected' });
    expect(scan(id, codeOf(line.sku))).toMatchObject({ ok: true, code: 'picked' });
    // the line is done; the same product again is the next line's business (a different product): wrong product
    expect(scan(id, codeOf(line.sku)).code).toBe('position_expected');
    const two = v.lines.find((l) => l.remaining === 2 && l.id !== line.id)!;
    while (h.picking.open(id).expect!.lineId !== two.id) h.picking.skip(id, USER);
    scan(id, two.position!);
    scan(id, codeOf(two.sku));
    expect(h.picking.count(id, 2, USER)).toMatchObject({ ok: false, code: 'over_pick', expected: { remaining: 1 } });
    expect(h.picking.count(id, 1, USER)).toMatchObject({ ok: true, code: 'picked', units: 1 });
    expect(afostoOps(h.db)).toHaveLength(3);
  });

  it('a short pick records missing and backorder for the shipment, with its reason', () => {
    const id = listId('L-000002');
    const v = h.picking.open(id);
    const line = v.lines.find((l) => l.remaining === 2)!;
    while (h.picking.open(id).expect!.lineId !== line.id) h.picking.skip(id, USER);
    scan(id, line.position!);
    scan(id, codeOf(line.sku));
    const r = h.picking.short(id, 'damaged', USER);
    expect(r).toMatchObject({ ok: true, code: 'short_recorded', units: 1, line: { id: line.id, picked: 1, short: 1, remaining: 0, shortReason: 'damaged' } });
    expect(r.view.progress.short).toBe(1);
    const ops = afostoOps(h.db).filter((o) => o.entity === 'shipment');
    const shortUnit = h.db.prepare(`SELECT su.id FROM shipment_units su JOIN pick_list_items i ON i.remote_id = su.remote_id WHERE i.id = ?`).get(
      (JSON.parse(scanEvents(h.db, id).at(-1)!.details) as { units: string[] }).units[0],
    ) as { id: string };
    expect(ops).toEqual([
      { entity: 'shipment', entityId: line.shipmentId, operation: AFOSTO_OPS.shipmentMissing, payload: { units: [{ unitId: shortUnit.id, missing: true }] } },
      { entity: 'shipment', entityId: line.shipmentId, operation: AFOSTO_OPS.shipmentBackorders, payload: { lines: [{ sku: line.sku, quantity: 1, description: line.name, position: line.position }] } },
    ]);
    expect(JSON.parse(scanEvents(h.db, id).at(-1)!.details)).toMatchObject({ k: 'short', reason: 'damaged' });
    // the summary counts it too
    expect(h.picking.list({ state: 'active', assignee: 'any', due: 'any', text: 'L-000002', limit: 10 }).lists[0]!.progress).toMatchObject({ picked: v.progress.picked + 1, short: 1, remaining: v.progress.remaining - 2 });
  });

  it('undo appends a compensating event and the compensating op: a pick, then a short pick', () => {
    const id = listId('L-000002');
    const v = h.picking.open(id);
    const line = v.lines.find((l) => l.remaining === 2)!;
    while (h.picking.open(id).expect!.lineId !== line.id) h.picking.skip(id, USER);
    scan(id, line.position!);
    const picked = scan(id, codeOf(line.sku));
    expect(picked.view.canUndo).toBe(true);
    const u = scan(id, 'CMD:UNDO');
    expect(u).toMatchObject({ ok: true, code: 'undone', units: 1, line: { id: line.id, picked: 0, remaining: 2 } });
    const log = scanEvents(h.db, id);
    const pickRow = log.at(-2)!;
    expect(log.at(-1)).toMatchObject({ result: 'undo', compensates: pickRow.id, quantity: -1, raw: 'CMD:UNDO', read_as: 'command' });
    const ops = afostoOps(h.db);
    expect(ops.slice(-2).map((o) => [o.entityId, o.payload.handled])).toEqual([
      [ops.at(-2)!.entityId, true],
      [ops.at(-2)!.entityId, false],
    ]);

    // short, then undo: missing flipped back and the backorder set sent again, now empty
    h.picking.short(id, 'not_found', USER);
    expect(h.picking.open(id).progress.short).toBe(2);
    const u2 = h.picking.undo(id, USER);
    expect(u2).toMatchObject({ ok: true, code: 'undone', units: 2 });
    expect(u2.view.progress).toMatchObject({ short: 0 });
    const last = afostoOps(h.db).slice(-2);
    expect(last[0]).toMatchObject({ operation: AFOSTO_OPS.shipmentMissing, payload: { units: [{ missing: false }, { missing: false }] } });
    expect(last[1]).toEqual({ entity: 'shipment', entityId: line.shipmentId, operation: AFOSTO_OPS.shipmentBackorders, payload: { lines: [] } });
    // the log is append-only: nothing was rewritten, undo is a row
    expect(() => h.db.prepare('DELETE FROM scan_events').run()).toThrow(/append-only/);
    // undo again takes back the position scan, then the skips; then nothing is left
    expect(h.picking.undo(id, USER).view.expect!.step).toBe('position');
    let n = 0;
    while (h.picking.undo(id, USER).ok) n++;
    expect(h.picking.undo(id, USER)).toMatchObject({ ok: false, code: 'nothing_to_undo' });
    expect(n).toBeGreaterThanOrEqual(1);
    expect(h.picking.open(id).expect!.lineId).toBe(v.lines[0]!.id);
  });

  it('skip moves the line to the end; scanning its position brings it back', () => {
    const id = listId('L-000001');
    const v = h.picking.open(id);
    const [a, b] = [v.lines[0]!, v.lines[1]!];
    const s = scan(id, 'CMD:SKIP');
    expect(s).toMatchObject({ ok: true, code: 'skipped', line: { id: a.id, skipped: true } });
    expect(s.view.expect).toEqual({ lineId: b.id, step: 'position' });
    expect(s.view.lines.filter((l) => l.remaining > 0).at(-1)!.id).toBe(a.id);
    // come back: scan the skipped line's position
    const back = scan(id, a.position!);
    expect(back).toMatchObject({ ok: true, code: 'came_back', line: { id: a.id, skipped: false } });
    expect(back.view.expect).toEqual({ lineId: a.id, step: 'product' });
    expect(scan(id, codeOf(a.sku))).toMatchObject({ ok: true, code: 'picked' });
    // skip everything: the skipped ones come round again in skip order
    const left = h.picking.open(id).lines.filter((l) => l.remaining > 0).map((l) => l.id);
    for (let k = 0; k < left.length; k++) h.picking.skip(id, USER);
    expect(h.picking.open(id).expect!.lineId).toBe(left[0]);
  });

  it('batch: one list over four shipments, each with a tote; every pick says which tote', () => {
    const id = listId('L-000015');
    const v = h.picking.open(id);
    expect(v.shipments).toBe(4);
    expect(v.totes.map((t) => t.tote)).toEqual(['T1', 'T2', 'T3', 'T4']);
    const orders = v.totes.map((t) => t.orderNumber!);
    expect(orders).toEqual([...orders].sort());
    const toteOf = new Map(v.totes.map((t) => [t.shipmentId, t.tote]));
    const picks = walk(id).filter((a) => a.code === 'picked');
    expect(picks).toHaveLength(v.progress.remaining);
    for (const p of picks) expect(p.tote).toBe(toteOf.get(p.line!.shipmentId!));
    expect(new Set(picks.map((p) => p.tote))).toEqual(new Set(v.lines.filter((l) => l.remaining > 0).map((l) => l.tote)));
    expect(new Set(picks.map((p) => p.tote)).size).toBeGreaterThan(1);
    // totes are fixed once given: the pack screen finds the shipment by them
    expect(h.db.prepare('SELECT tote, shipment_id AS s FROM pick_list_totes WHERE pick_list_id = ? ORDER BY tote').all(id)).toEqual(v.totes.map((t) => ({ tote: t.tote, s: t.shipmentId })));
    // …and a tote scanned at the bench (as printed, any case) names its shipment; other codes do not
    expect(h.picking.shipmentInTote('T2')).toBe(v.totes[1]!.shipmentId);
    expect(h.picking.shipmentInTote(' t4 ')).toBe(v.totes[3]!.shipmentId);
    expect(h.picking.shipmentInTote('T99')).toBeUndefined();
    expect(h.picking.shipmentInTote(orders[0]!)).toBeUndefined();
  });

  it('10 scans in a burst are counted exactly, and the 11th unit is refused', async () => {
    const id = listId('L-000001');
    // ten more units of one product at one position, as the Afosto pull writes units
    const afosto = new AfostoRepo(h.db);
    const first = h.picking.open(id).lines[0]!;
    const item = h.db.prepare('SELECT product_id, position_id FROM pick_list_items WHERE id = ?').get(first.id) as { product_id: string; position_id: string };
    h.db.tx(() => {
      for (let k = 0; k < 10; k++) afosto.insertPickItem(id, { lineId: null, productId: item.product_id, positionId: item.position_id, rank: 100 + k, remoteId: `burst-${k}` });
    });
    const v = h.picking.open(id);
    const line = v.lines.find((l) => l.quantity === 10)!;
    expect(line).toBeDefined();
    while (h.picking.open(id).expect!.lineId !== line.id) h.picking.skip(id, USER);
    scan(id, line.position!);
    const code = codeOf(line.sku);
    const burst = await Promise.all(Array.from({ length: 11 }, () => Promise.resolve().then(() => scan(id, code))));
    expect(burst.filter((r) => r.code === 'picked')).toHaveLength(10);
    expect(burst.at(-1)).toMatchObject({ ok: false });
    const after = h.picking.open(id).lines.find((l) => l.id === line.id)!;
    expect(after).toMatchObject({ picked: 10, remaining: 0 });
    expect(afostoOps(h.db).filter((o) => o.operation === AFOSTO_OPS.pickProgress)).toHaveLength(10);
    expect(scanEvents(h.db, id).filter((e) => e.read_as === 'product' && e.result === 'ok')).toHaveLength(10);
  });

  it('offline (no remote configured, outbox not running): the ops wait as pending rows beside their scan event', () => {
    const id = listId('L-000002');
    walk(id);
    const rows = h.db.prepare(`SELECT status, COUNT(*) AS n FROM jobs WHERE queue = 'push:afosto' GROUP BY status`).all();
    expect(rows).toEqual([{ status: 'pending', n: 8 }]); // L-000002: 12 units, 4 handled in Afosto
    expect(h.outbox.counts().pending).toBe(8);
  });

  it('finished lists are read-only', () => {
    const done = h.picking.list({ state: 'finished', assignee: 'any', due: 'any', text: '', limit: 1 }).lists[0]!;
    const v = h.picking.open(done.id);
    expect(v.expect).toBeNull();
    expect(scan(done.id, v.lines[0]!.position!)).toMatchObject({ ok: false, code: 'list_closed' });
    expect(afostoOps(h.db)).toEqual([]);
  });

  it('the scan path uses indexes only (EXPLAIN QUERY PLAN: no full table scan)', () => {
    const tableScans = (sql: string): string[] => {
      const plan = (h.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(sql.split('?').length - 1).fill('x')) as { detail: string }[]).map((r) => r.detail);
      return plan.filter((d) => /^SCAN /.test(d) && !/USING (COVERING )?INDEX/.test(d));
    };
    expect(tableScans('SELECT id FROM scan_events WHERE raw = ?')).toEqual(['SCAN scan_events']); // the check sees a scan
    for (const name of SCAN_PATH) expect(tableScans(PICK_SQL[name]), name).toEqual([]);
  });
});
