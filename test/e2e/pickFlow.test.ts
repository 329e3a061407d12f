// Issue 10, point 8: a full batch pick in web mode in Chromium, against the Afosto simulator in
// process (demo data through the real pull), driven by simulated scanner bursts only: the packer's
// badge, CMD:PICK, the list number, positions and products (a wrong position and a wrong product
// among them), CMD:UNDO, CMD:SHORT twice (short, not found) and the rest of the walk to the end.
// The station is offline while picking. Asserted: the screen (answer, expected position, tote),
// the station's SQLite file (read-only), the outbox, and, once back online and synced, the
// simulator's shipments and list.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PickLine } from '../../src-preload/contract';
import { afostoOps, arrangeBench, barcodeOf, pushAll, shooter, simAfosto, type Bench } from './flowBench';
import { closeFlowBrowser, startFlowStation, type FlowStation } from './flowStation';
import { scannerFor, type Scanner } from './scanner';

let st: FlowStation | undefined;
let bench: Bench | undefined;
afterEach(async () => {
  await bench?.scale.stop();
  await st?.close();
  st = undefined;
  bench = undefined;
});
afterAll(closeFlowBrowser);

const feedback = (page: Page) => page.getByTestId('pick-feedback');

/** Scans a code and waits for the answer to it (a new sequence number), which must be `code`. */
async function scanExpect(page: Page, scanner: Scanner, raw: string, code: string): Promise<string> {
  const before = await feedback(page).getAttribute('data-seq');
  await scanner.scan(raw);
  await expect.poll(() => feedback(page).getAttribute('data-seq'), { timeout: 10_000 }).not.toBe(before);
  expect(await feedback(page).getAttribute('data-code'), `answer to ${raw}`).toBe(code);
  return (await feedback(page).textContent()) ?? '';
}

describe('Pick in Chromium over web mode, scanner-driven, against the simulator', () => {
  it('picks what is left of a batch list to the end: a wrong position and a wrong product refused, an undo, a short pick; every unit reaches Afosto once', { timeout: 240_000 }, async () => {
    st = await startFlowStation({ sim: true, viewport: { width: 1920, height: 1080 } });
    bench = await arrangeBench(st);
    const { page } = st;
    const db = st.readStore();

    // A batch list in progress (Afosto has some of its units handled already): three shipments or
    // more (three totes), five lines or more still to pick, every line with a position.
    await st.api.call('station.signIn', { badge: bench.packerBadge });
    const { lists } = await st.api.call('picking.list', {});
    const candidates = [];
    for (const l of lists.filter((x) => x.shipments >= 3)) {
      const v = await st.api.call('picking.open', { listId: l.id });
      if (v.lines.filter((x) => x.remaining > 0).length >= 5 && v.lines.every((x) => x.position !== null)) candidates.push(v);
    }
    const list = candidates.sort((x, y) => x.progress.remaining - y.progress.remaining)[0];
    if (!list) throw new Error(`no batch list with five lines to pick among ${lists.length}`);
    await st.api.call('station.signOut', {});
    // The walk: the lines still to pick, in walking order.
    const L = list.lines.filter((l) => l.remaining > 0) as [PickLine, PickLine, PickLine, ...PickLine[]];
    const code = (l: PickLine) => barcodeOf(db, l.sku);
    const shot = shooter('pick');
    st.connectivity.set(false); // picking offline: the ops wait in the outbox

    await st.open();
    const scanner = await scannerFor(page);
    await expect.poll(() => page.getByTestId('signin-pin').isVisible(), { timeout: 20_000 }).toBe(true);
    await scanner.scan(bench.packerBadge);
    await expect.poll(() => page.getByTestId('header-user').textContent(), { timeout: 10_000 }).toContain('Petra Nováková');
    await scanner.scan('CMD:PICK');
    await expect.poll(() => page.locator(`[data-testid="pick-list-row"][data-number="${list.number}"]`).count(), { timeout: 10_000 }).toBe(1);
    await shot(page, 'lists');

    // The list number opens the guided walk at its first position.
    await scanner.scan(list.number);
    await expect.poll(() => page.getByTestId('pick-current').getAttribute('data-step'), { timeout: 10_000 }).toBe('position');
    expect(await page.getByTestId('pick-current-position').textContent()).toContain(L[0].position);
    expect(await page.getByTestId('pick-line').count()).toBe(list.lines.length); // done lines stay listed
    await shot(page, 'walk-start');

    // Line 1: the wrong position is refused, naming the right one; then position, product → its tote.
    const wrongPosition = await scanExpect(page, scanner, L[1].position!, 'wrong_position');
    expect(wrongPosition).toContain(L[0].position);
    expect(await feedback(page).getAttribute('data-tone')).toBe('error');
    await shot(page, 'wrong-position');
    const pickLine = async (l: PickLine) => {
      await scanExpect(page, scanner, l.position!, 'position_ok');
      for (let u = 0; u < l.remaining; u++) await scanExpect(page, scanner, code(l), 'picked');
      if (l !== L.at(-1)) expect(await page.getByTestId('pick-tote').getAttribute('data-tote')).toBe(l.tote);
    };
    await pickLine(L[0]);
    await shot(page, 'picked-tote');

    // Line 2: a product of another line is refused; the right one picked; undone; picked again.
    await scanExpect(page, scanner, L[1].position!, 'position_ok');
    const wrongProduct = await scanExpect(page, scanner, code(L[2]), 'wrong_product');
    expect(wrongProduct).toContain(L[1].sku);
    await shot(page, 'wrong-product');
    for (let u = 0; u < L[1].remaining; u++) await scanExpect(page, scanner, code(L[1]), 'picked');
    await scanExpect(page, scanner, 'CMD:UNDO', 'undone');
    expect(await page.locator(`[data-testid="pick-line"][data-line-id="${L[1].id}"]`).getAttribute('data-remaining')).toBe('1');
    await shot(page, 'undone');
    await scanExpect(page, scanner, code(L[1]), 'picked');

    // Line 3: not on the shelf. CMD:SHORT asks why; a second CMD:SHORT says "not found".
    await scanExpect(page, scanner, L[2].position!, 'position_ok');
    await scanner.scan('CMD:SHORT');
    await expect.poll(() => page.getByTestId('pick-short').isVisible()).toBe(true);
    await shot(page, 'short-asked');
    await scanExpect(page, scanner, 'CMD:SHORT', 'short_recorded');
    expect(await page.locator(`[data-testid="pick-line"][data-line-id="${L[2].id}"]`).getAttribute('data-remaining')).toBe('0');
    await shot(page, 'short-recorded');

    // The rest of the walk, to the end.
    for (const l of L.slice(3)) await pickLine(l);
    const total = L.reduce((n, l) => n + l.remaining, 0); // units this walk took
    const progress = page.getByTestId('pick-remaining');
    expect([await progress.getAttribute('data-picked'), await progress.getAttribute('data-short'), await progress.getAttribute('data-remaining')]).toEqual([
      String(list.progress.picked + total - L[2].remaining),
      String(list.progress.short + L[2].remaining),
      '0',
    ]);
    expect(await page.getByTestId('pick-current').getAttribute('data-step')).toBe('done');
    await shot(page, 'list-done');
    await scanner.detach();

    // --- the local store: every scan logged, the undo as a compensating row ------------------------
    const events = db.prepare(`SELECT id, raw, result, compensates, json_extract(details, '$.k') AS k FROM scan_events WHERE entity = 'pick_list' AND entity_id = ? ORDER BY seq`).all(list.id) as {
      id: string;
      raw: string;
      result: string;
      compensates: string | null;
      k: string | null;
    }[];
    expect(events.filter((e) => e.result === 'error').map((e) => e.raw)).toEqual([L[1].position, code(L[2])]);
    const undo = events.find((e) => e.result === 'undo')!;
    expect(undo.raw).toBe('CMD:UNDO');
    expect(events.find((e) => e.id === undo.compensates)).toMatchObject({ raw: code(L[1]), result: 'ok', k: 'pick' });
    expect(events.filter((e) => e.k === 'short')).toHaveLength(1);
    expect(events.filter((e) => e.k === 'pick' && e.result === 'ok')).toHaveLength(total - L[2].remaining + 1); // + the pick undone
    expect(db.prepare(`SELECT tote FROM pick_list_totes WHERE pick_list_id = ? ORDER BY tote`).all(list.id).length).toBe(list.shipments);

    // --- the outbox, written with the scans ------------------------------------------------------
    const units = db.prepare(`SELECT id, remote_id AS remote FROM pick_list_items WHERE pick_list_id = ?`).all(list.id) as { id: string; remote: string }[];
    const unitIds = new Set(units.map((u) => u.id));
    const ops = afostoOps(db).filter((o) => unitIds.has(o.entityId) || (o.entity === 'shipment' && o.entityId === L[2].shipmentId));
    expect(ops.every((o) => o.status === 'pending')).toBe(true);
    const progressOps = ops.filter((o) => o.operation === 'pick_item_progress');
    expect(progressOps).toHaveLength(total - L[2].remaining + 2); // each picked unit, plus the undo and its re-pick
    const l1ops = progressOps.filter((o) => (o.payload as { position?: string }).position === L[1].position || (o.payload as { handled: boolean }).handled === false);
    expect(l1ops.map((o) => (o.payload as { handled: boolean }).handled)).toEqual([true, false, true]);
    expect(ops.filter((o) => o.entity === 'shipment').map((o) => o.operation)).toEqual(['shipment_missing', 'shipment_backorders']);
    expect(ops.find((o) => o.operation === 'shipment_backorders')?.payload).toEqual({ lines: [expect.objectContaining({ sku: L[2].sku, quantity: L[2].remaining })] });

    // --- back online: the simulator has it, once ---------------------------------------------------
    await pushAll(st);
    const sim = await simAfosto(st);
    const remoteShipment = (id: string | null) => (db.prepare(`SELECT remote_id AS r FROM shipments WHERE id = ?`).get(id) as { r: string }).r;
    const simUnits = new Map(
      (sim.shipments.updated as { id: string; items: { sku: string; is_handled: boolean; is_missing: boolean }[] }[]).flatMap((s) => s.items.map((i) => [`${s.id}|${i.sku}`, i] as const)),
    );
    for (const l of L) {
      const u = simUnits.get(`${remoteShipment(l.shipmentId)}|${l.sku}`);
      expect(u, l.sku).toBeDefined();
      if (l === L[2]) expect(u!.is_missing, l.sku).toBe(true);
      else expect(u!.is_handled, l.sku).toBe(true);
    }
    const short = (sim.shipments.updated as { id: string; backorders: { sku: string }[] }[]).find((s) => s.id === remoteShipment(L[2].shipmentId));
    expect(short?.backorders.map((b) => b.sku)).toEqual([L[2].sku]);
    const simList = (sim.lists.updated as { number: string; is_finished: boolean }[]).find((x) => x.number === list.number);
    expect(simList?.is_finished).toBe(true);
    await shot(page, 'after-sync');
    expect(st.pageErrors, 'errors in the page').toEqual([]);
  });
});
