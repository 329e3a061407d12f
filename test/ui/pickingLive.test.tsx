// The guided Pick screen while another station works the same list: its pick reaches this core
// through a pull from the simulator (real Afosto connector), core announces picking.changed once
// for the list, and the open screen reads it again — the walker's place (the position confirmed,
// the current line), the feedback and a half-typed count stay. Plus CMD:NEXT, which moves on like
// a skip (the line comes back at the end; never a short).
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AfostoClient } from '../../src-main/core/connectors/afosto/client';
import { demoRemotes } from '../../src-main/host/demo';
import { startSim, type RunningSim } from '../../src-main/sim/server';
import { renderApp } from './renderApp';
import { startCore, USERS, type UiCore } from './realCore';

let sim: RunningSim;
beforeEach(async () => {
  sim = await startSim({ port: 0, seed: 42 });
  (window as unknown as { happyDOM: { settings: { fetch: { disableSameOriginPolicy: boolean } } } }).happyDOM.settings.fetch.disableSameOriginPolicy = true;
});
afterEach(async () => {
  await sim.close();
});

async function bench() {
  const ui = await startCore({ signedInPin: USERS.packer.pin });
  const app = await renderApp({ core: ui });
  await act(() => ui.core.connections.save({ remote: 'afosto', ...demoRemotes(sim).afosto }, null));
  await act(() => ui.core.sync.syncNow('afosto'));
  await waitFor(() => expect(screen.getAllByTestId('pick-list-row').length).toBeGreaterThan(0), { timeout: 10_000 });
  return { ui, app };
}

const listId = (ui: UiCore, number: string) => (ui.core.db.prepare('SELECT id FROM pick_lists WHERE number = ?').get(number) as { id: string }).id;
const codeOf = (ui: UiCore, sku: string): string =>
  (ui.core.db.prepare(`SELECT b.code FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE p.sku = ? ORDER BY b.kind = 'ean13' DESC, b.code LIMIT 1`).get(sku) as { code: string } | undefined)?.code ?? sku;
const feedback = () => screen.getByTestId('pick-feedback');
const current = () => screen.getByTestId('pick-current');
const remaining = () => Number(screen.getByTestId('pick-remaining').dataset.remaining);
const lineRow = (id: string) => screen.getAllByTestId('pick-line').find((r) => r.dataset.lineId === id)!;

describe('Pick screen with another station on the same list', () => {
  it('another station’s pick arrives with a pull: one picking.changed, the open walk re-reads and keeps its place', async () => {
    const { ui, app } = await bench();
    // a list whose first line has two units or more (the walker stays on it after one), and another line
    const list = ui.core.picking.list({ state: 'active', assignee: 'any', due: 'any', text: '', limit: 200 }).lists.find((l) => {
      const open = ui.core.picking.open(l.id).lines.filter((x) => x.remaining > 0);
      return open.length >= 2 && open[0]!.remaining >= 2 && open[0]!.position !== null;
    })!;
    const id = list.id;
    app.scan(list.number);
    await screen.findByTestId('pick-current');
    const [first, other] = ui.core.picking.open(id).lines.filter((l) => l.remaining > 0);
    expect(other).toBeDefined();
    const start = remaining();

    // the walker stands at the first line's position and has picked one of it; a count is half typed
    app.scan(first!.position!);
    app.scan(codeOf(ui, first!.sku));
    await waitFor(() => expect(feedback().dataset.code).toBe('picked'));
    const seq = feedback().dataset.seq;
    const field = screen.getByTestId('pick-count') as HTMLInputElement;
    field.focus();
    app.type('1');

    // another station picks the other line's units in Afosto
    const units = ui.core.db.prepare(`SELECT i.remote_id AS unit FROM pick_list_items i WHERE i.pick_list_id = ? AND i.remote_handled = 0`).all(id) as { unit: string }[];
    const ofOther = (ui.core.db.prepare(`SELECT remote_id AS unit FROM pick_list_items WHERE pick_list_id = ? AND product_id = (SELECT product_id FROM pick_list_items WHERE id = ?) AND position_id IS (SELECT position_id FROM pick_list_items WHERE id = ?)`).all(id, other!.id, other!.id) as { unit: string }[]).map((u) => u.unit);
    expect(ofOther.length).toBe(other!.quantity);
    expect(units.map((u) => u.unit)).toEqual(expect.arrayContaining(ofOther));
    const remoteList = (ui.core.db.prepare('SELECT remote_id AS r FROM pick_lists WHERE id = ?').get(id) as { r: string }).r;
    const station2 = new AfostoClient({ baseUrl: sim.urls.afosto, clientId: sim.credentials.afosto.client_id, clientSecret: sim.credentials.afosto.client_secret });
    await station2.updatePickItems(remoteList, ofOther.map((u) => ({ id: u, is_handled: true })));

    const told: string[] = [];
    const off = ui.core.events.subscribe((e, p) => e === 'picking.changed' && told.push((p as { listId: string }).listId));
    await act(() => ui.core.sync.syncNow('afosto'));
    off();
    // once for this list (not per unit), and no other list changed
    expect(told).toEqual([id]);

    // the open screen read it again: the other line is done, the walk is where it was
    await waitFor(() => expect(remaining()).toBe(start - 1 - other!.quantity));
    expect(lineRow(other!.id).dataset.remaining).toBe('0');
    expect(current().dataset.lineId).toBe(first!.id);
    expect(current().dataset.step).toBe('product'); // the position stays confirmed
    expect(feedback().dataset.seq).toBe(seq); // no new message: nothing the walker did
    expect(field.value).toBe('1');
    expect(document.activeElement).toBe(field);
    // the half-typed count still works on the line the walker stands at
    app.key('Enter');
    await waitFor(() => expect(feedback().textContent).toBe(`+1 ${first!.sku}`));
  }, 90_000);

  it('CMD:NEXT moves to the next line like a skip; the line comes back at the end', async () => {
    const { ui, app } = await bench();
    const id = listId(ui, 'L-000002');
    app.scan('L-000002');
    await screen.findByTestId('pick-current');
    const [first, second] = ui.core.picking.open(id).lines.filter((l) => l.remaining > 0);
    expect(current().dataset.lineId).toBe(first!.id);
    app.scan('CMD:NEXT');
    await waitFor(() => expect(feedback().dataset.code).toBe('skipped'));
    expect(current().dataset.lineId).toBe(second!.id);
    const view = ui.core.picking.open(id);
    expect(view.lines.find((l) => l.id === first!.id)).toMatchObject({ skipped: true, short: 0 });
    // logged as the scanned command, and nothing told Afosto (a skip is local)
    const last = ui.core.db.prepare(`SELECT raw, result, details FROM scan_events WHERE entity_id = ? ORDER BY seq DESC LIMIT 1`).get(id) as { raw: string; result: string; details: string };
    expect(last).toMatchObject({ raw: 'CMD:NEXT', result: 'ok' });
    expect(JSON.parse(last.details)).toMatchObject({ k: 'skip', line: first!.id });
    expect((ui.core.db.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE queue = 'push:afosto'`).get() as { n: number }).n).toBe(0);
  }, 90_000);
});
