// The Pick screen on the real core, its pick lists pulled from the simulator by the real Afosto
// connector (a saved connection starts the pull), driven by simulated scanner bursts through the
// app-wide capture only: a list opened by scanning its number with a field focused, a batch walk
// with a wrong scan, an undo, a skip and a short pick — checked on screen, in the scan log and in
// the outbox — and a burst of ten scans counted exactly.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PICK_LIST_STATES, PICK_RESULTS, SHORT_REASONS, type PickListView } from '../../src-preload/contract';
import { demoRemotes } from '../../src-main/host/demo';
import { startSim, type RunningSim } from '../../src-main/sim/server';
import { cs, en } from '../../src-renderer/src/i18n';
import { renderApp } from './renderApp';
import { startCore, USERS, type UiCore } from './realCore';

const ERROR_HZ = 140;

let sim: RunningSim;
beforeEach(async () => {
  sim = await startSim({ port: 0, seed: 42 });
  // core runs in this DOM test's process: let happy-dom's fetch reach the simulator's loopback port
  (window as unknown as { happyDOM: { settings: { fetch: { disableSameOriginPolicy: boolean } } } }).happyDOM.settings.fetch.disableSameOriginPolicy = true;
});
afterEach(async () => {
  await sim.close();
});

/** A packer's bench whose Afosto connection points at the simulator; resolves once the pick lists are pulled. */
async function benchWithLists() {
  const ui = await startCore({ signedInPin: USERS.packer.pin });
  const app = await renderApp({ core: ui });
  await act(() => ui.core.connections.save({ remote: 'afosto', ...demoRemotes(sim).afosto }, null));
  await act(() => ui.core.sync.syncNow('afosto'));
  expect(count(ui, 'SELECT COUNT(*) AS n FROM pick_lists')).toBe(58);
  await waitFor(() => expect(screen.getAllByTestId('pick-list-row').length).toBe(10), { timeout: 10_000 });
  return { ui, app };
}

const count = (ui: UiCore, sql: string, ...args: unknown[]): number => (ui.core.db.prepare(sql).get(...args) as { n: number }).n;
const listId = (ui: UiCore, number: string) => (ui.core.db.prepare('SELECT id FROM pick_lists WHERE number = ?').get(number) as { id: string }).id;
const codeOf = (ui: UiCore, sku: string): string =>
  (ui.core.db.prepare(`SELECT b.code FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE p.sku = ? ORDER BY b.kind = 'ean13' DESC, b.code LIMIT 1`).get(sku) as { code: string } | undefined)?.code ?? sku;
const feedback = () => screen.getByTestId('pick-feedback');
const remaining = () => Number(screen.getByTestId('pick-remaining').dataset.remaining);

/** The right scans for a list, in order: each line's position (when it changes), then its product once per unit. */
function rightScans(ui: UiCore, view: PickListView): string[] {
  const out: string[] = [];
  let here: string | null = null;
  for (const l of view.lines) {
    if (l.position && l.position !== here) out.push(l.position);
    here = l.position;
    for (let k = 0; k < l.remaining; k++) out.push(codeOf(ui, l.sku));
  }
  return out;
}

describe('Pick screen', () => {
  it('lists pulled lists with filters; a scanned list number opens it even with a field focused', async () => {
    const { app } = await benchWithLists();
    const rows = screen.getAllByTestId('pick-list-row');
    expect(rows.map((r) => r.dataset.number)).toEqual(['L-000001', 'L-000002', 'L-000006', 'L-000015', 'L-000025', 'L-000040', 'L-000044', 'L-000050', 'L-000052', 'L-000057']);
    expect(within(rows[0]!).getByText('packer-jurgen')).toBeTruthy();
    expect(within(rows[0]!).getByText('4 of 8 picked')).toBeTruthy(); // half handled in Afosto already

    fireEvent.change(screen.getByTestId('pick-filter-state'), { target: { value: 'all' } });
    await waitFor(() => expect(screen.getAllByTestId('pick-list-row')).toHaveLength(58));
    fireEvent.change(screen.getByTestId('pick-filter-assignee'), { target: { value: 'packer-anna' } });
    await waitFor(() => expect(screen.getAllByTestId('pick-list-row').every((r) => within(r).queryByText('packer-anna'))).toBe(true));
    fireEvent.change(screen.getByTestId('pick-filter-assignee'), { target: { value: 'any' } });

    // typed search: an order number finds its list
    const search = screen.getByTestId('pick-filter-text') as HTMLInputElement;
    search.focus();
    app.type('ODR-10000003');
    await waitFor(() => expect(screen.getAllByTestId('pick-list-row').map((r) => r.dataset.number)).toEqual(['L-000001']));

    // a scan with the search field focused opens the list; the field never received it
    app.scan('L-000001');
    await screen.findByTestId('pick-current');
    expect(search.value).toBe('ODR-10000003');
    expect(screen.getByTestId('pick-current').dataset.step).toBe('position');
    expect(within(screen.getByTestId('pick-current')).getByTestId('pick-current-position').textContent).toBe('A-02-09');
    expect(remaining()).toBe(4);
    // CMD:DONE goes back to the lists
    app.scan('CMD:DONE');
    await screen.findByTestId('pick-lists');

    // a list the filter hides still opens by its number; a code that is no list says so
    fireEvent.change(screen.getByTestId('pick-filter-due'), { target: { value: 'today' } });
    await screen.findByTestId('pick-lists-empty');
    app.scan('NOPE-1');
    await waitFor(() => expect(screen.getAllByTestId('toast').some((t) => t.textContent?.includes('No pick list NOPE-1 here.'))).toBe(true));
    app.scan('L-000006');
    await screen.findByTestId('pick-current');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('L-000006');
  }, 90_000);

  it('a batch walk by scanner only: wrong position, pick into the tote, undo, skip, short pick, to the end', async () => {
    const { ui, app } = await benchWithLists();
    const id = listId(ui, 'L-000001');
    app.scan('L-000001');
    await screen.findByTestId('pick-current');
    const view = ui.core.picking.open(id);
    const start = view.progress.remaining;
    const [first, , third] = view.lines;

    // wrong position: error tone, red, naming where to go
    const errorsBefore = app.audio.tones().filter((t) => t.frequency === ERROR_HZ).length;
    app.scan(third!.position!);
    await waitFor(() => expect(feedback().dataset.code).toBe('wrong_position'));
    expect(feedback().dataset.tone).toBe('error');
    expect(feedback().textContent).toBe(`Wrong position ${third!.position} — go to ${first!.position}`);
    await waitFor(() => expect(app.audio.tones().filter((t) => t.frequency === ERROR_HZ).length).toBeGreaterThan(errorsBefore));

    // right position, then the product: green, "+1 SKU", the tote in large type
    app.scan(first!.position!);
    await waitFor(() => expect(feedback().dataset.code).toBe('position_ok'));
    expect(screen.getByTestId('pick-current').dataset.step).toBe('product');
    app.scan(codeOf(ui, first!.sku));
    await waitFor(() => expect(feedback().dataset.code).toBe('picked'));
    expect(feedback().dataset.tone).toBe('ok');
    expect(feedback().textContent).toBe(`+1 ${first!.sku}`);
    expect(screen.getByTestId('pick-tote').dataset.tote).toBe(first!.tote);
    expect(within(screen.getByTestId('pick-tote')).getByText('Put in')).toBeTruthy();
    expect(remaining()).toBe(start - 1);

    // a wrong product names the one expected
    const second = ui.core.picking.open(id).lines[0]!;
    app.scan(second.position!);
    app.scan(codeOf(ui, third!.sku));
    await waitFor(() => expect(feedback().dataset.code).toBe('wrong_product'));
    expect(feedback().textContent).toBe(`Wrong product ${third!.sku} — expected ${second.sku} ${second.name}`);

    // undo takes back the last change (the position scan of the second line), then the pick
    app.scan('CMD:UNDO');
    await waitFor(() => expect(feedback().dataset.code).toBe('undone'));
    app.scan('CMD:UNDO');
    await waitFor(() => expect(remaining()).toBe(start));
    expect(count(ui, `SELECT COUNT(*) AS n FROM scan_events WHERE entity = 'pick_list' AND entity_id = ? AND result = 'undo'`, id)).toBe(2);
    const ops = () => ui.core.db.prepare(`SELECT json_extract(payload, '$.operation') AS op, json_extract(payload, '$.payload.handled') AS handled FROM jobs WHERE queue = 'push:afosto' ORDER BY seq`).all() as { op: string; handled: number | null }[];
    expect(ops().filter((o) => o.op === 'pick_item_progress').map((o) => o.handled)).toEqual([1, 0]);

    // skip the first line: the next one is asked for; its position brings the skipped one back later
    app.scan('CMD:SKIP');
    await waitFor(() => expect(feedback().dataset.code).toBe('skipped'));
    expect(screen.getByTestId('pick-current').dataset.lineId).toBe(second.id);

    // short pick by scanner: CMD:SHORT asks why, a second CMD:SHORT says "not found"
    app.scan(second.position!);
    app.scan('CMD:SHORT');
    await screen.findByTestId('pick-short');
    app.scan('CMD:SHORT');
    await waitFor(() => expect(feedback().dataset.code).toBe('short_recorded'));
    expect(screen.queryByTestId('pick-short')).toBeNull();
    expect(Number(screen.getByTestId('pick-remaining').dataset.short)).toBe(second.remaining);
    expect(ops().filter((o) => o.op === 'shipment_missing' || o.op === 'shipment_backorders').map((o) => o.op)).toEqual(['shipment_missing', 'shipment_backorders']);

    // the rest, the skipped line last: every scan the right one; the screen ends on "done"
    const codes = rightScans(ui, ui.core.picking.open(id));
    for (const c of codes) app.scan(c);
    await waitFor(() => expect(screen.getByTestId('pick-current').dataset.step).toBe('done'));
    expect(remaining()).toBe(0);
    expect(screen.getByTestId('pick-current').textContent).toContain('List done');
    // the count field had the focus all along, and not one scanned digit landed in it
    expect(document.activeElement).toBe(screen.getByTestId('pick-count'));
    expect((screen.getByTestId('pick-count') as HTMLInputElement).value).toBe('');
    // every scan is in the log with who and where; the app's packer is the user
    const packerId = (ui.core.db.prepare(`SELECT id FROM users WHERE name = ?`).get(USERS.packer.name) as { id: string }).id;
    expect(count(ui, `SELECT COUNT(*) AS n FROM scan_events WHERE entity = 'pick_list' AND entity_id = ? AND user_id IS NOT ?`, id, packerId)).toBe(0);
    // handled: the first pick, the one undone, and every unit after the short line
    expect(ops().filter((o) => o.op === 'pick_item_progress' && o.handled === 1)).toHaveLength(start + 1 - second.remaining);
  }, 90_000);

  it('ten scans in one burst are counted exactly, in order, with a button focused', async () => {
    const { ui, app } = await benchWithLists();
    const id = listId(ui, 'L-000044');
    app.scan('L-000044');
    await screen.findByTestId('pick-current');
    const before = ui.core.picking.open(id);
    const codes = rightScans(ui, before).slice(0, 10);
    const products = codes.filter((c) => /^\d+$/.test(c)).length;
    screen.getByTestId('pick-skip').focus();
    // ten scans back to back at scanner speed, nothing awaited in between
    for (const c of codes) app.scan(c, 2);
    await waitFor(() => expect(Number(feedback().dataset.seq)).toBe(10));
    expect(feedback().dataset.tone).toBe('ok');
    expect(Number(screen.getByTestId('pick-remaining').dataset.picked)).toBe(before.progress.picked + products);
    expect(count(ui, `SELECT COUNT(*) AS n FROM scan_events WHERE entity = 'pick_list' AND entity_id = ? AND result = 'ok'`, id)).toBe(10);
    // the focused Skip button was never pressed
    expect(count(ui, `SELECT COUNT(*) AS n FROM scan_events WHERE entity = 'pick_list' AND entity_id = ? AND raw LIKE 'KEY:%'`, id)).toBe(0);
  }, 90_000);

  it('keyboard only: F7 skips, a typed count adds units, F6 undoes, F8 then 2 records a damaged short pick', async () => {
    const { ui, app } = await benchWithLists();
    const id = listId(ui, 'L-000002');
    app.scan('L-000002');
    await screen.findByTestId('pick-current');
    const first = ui.core.picking.open(id).lines[0]!;
    app.key('F7');
    await waitFor(() => expect(feedback().dataset.code).toBe('skipped'));
    // next comes a line of two: scan its position and product once, type 1 more
    const two = ui.core.picking.open(id).lines[0]!;
    expect(two).toMatchObject({ quantity: 2, remaining: 2 });
    expect(two.id).not.toBe(first.id);
    expect(screen.getByTestId('pick-current').dataset.lineId).toBe(two.id);
    app.clock.now += 500; // the person's last key is not the start of the next scan
    app.scan(two.position!);
    app.scan(codeOf(ui, two.sku));
    await waitFor(() => expect(feedback().dataset.code).toBe('picked'));
    const field = screen.getByTestId('pick-count') as HTMLInputElement;
    field.focus();
    app.type('1');
    app.key('Enter');
    await waitFor(() => expect(feedback().textContent).toBe(`+1 ${two.sku}`));
    expect(ui.core.picking.open(id).lines.find((l) => l.id === two.id)!.picked).toBe(2);
    app.key('F6');
    await waitFor(() => expect(feedback().dataset.code).toBe('undone'));
    expect(ui.core.picking.open(id).lines.find((l) => l.id === two.id)!.picked).toBe(1);
    app.key('F8');
    await screen.findByTestId('pick-short');
    app.key('2');
    await waitFor(() => expect(feedback().dataset.code).toBe('short_recorded'));
    expect(field.value).toBe(''); // the reason key typed nothing
    expect(ui.core.picking.open(id).lines.find((l) => l.id === two.id)).toMatchObject({ picked: 1, short: 1, shortReason: 'damaged' });
    expect(JSON.parse((ui.core.db.prepare(`SELECT details FROM scan_events WHERE entity_id = ? ORDER BY seq DESC LIMIT 1`).get(id) as { details: string }).details)).toMatchObject({ k: 'short', reason: 'damaged' });
    app.key('Escape');
    await screen.findByTestId('pick-lists');
  }, 90_000);

  it('every result code, state and reason has its words in English and Czech', () => {
    for (const m of [en, cs]) {
      for (const c of PICK_RESULTS) expect(m.picking.results[c], c).toBeTruthy();
      for (const s of PICK_LIST_STATES) expect(m.picking.states[s], s).toBeTruthy();
      for (const r of SHORT_REASONS) expect(m.picking.reasons[r], r).toBeTruthy();
    }
  });
});
