// The Pack screen on the real core, driven by scanner bursts (and the keyboard for the weight):
// open an order by its number, box it, verify items (a wrong one and one too many refused with the
// error sound and a large red message), weigh, close — the label reaches a fake Zebra on a
// loopback port once — reprint; a supervisor override by PIN and by badge; ten scans in a row.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addPrinter, runPrintQueue, startCore, type UiCore } from './realCore';
import { renderApp } from './renderApp';
import { setNativeValue } from './keyboard';
import { addShipment, labelsIn, MUG, PEN, TEA } from '../unit/packing/fixture';

const ERROR_HZ = 140;
const SUCCESS_HZ = 1760;

const feedback = () => screen.getByTestId('pack-feedback');
const lines = () => screen.queryAllByTestId('pack-line');
const lineOf = (sku: string) => lines().find((l) => l.dataset.sku === sku)!;
const verifiedOf = (sku: string) => within(lineOf(sku)).getByTestId('pack-line-verified').textContent;

async function bench(): Promise<{ core: UiCore; zebra: Awaited<ReturnType<UiCore['zebra']>> }> {
  const core = await startCore({ signedInPin: '999999' });
  const zebra = await core.zebra();
  await addPrinter(core, 'zebra', 'Zebra', zebra.uri, { formats: ['zpl'] });
  await addPrinter(core, 'pages', 'Pages', `dir:${core.dir}/slips`, { formats: ['pdf'] });
  await core.api.call('printing.assignPrinter', { role: 'label', printerId: 'zebra' });
  await core.api.call('printing.assignPrinter', { role: 'slip', printerId: 'pages' });
  await core.api.call('station.signIn', { pin: '1111' });
  return { core, zebra };
}

async function openPack(core: UiCore) {
  const app = await renderApp({ core });
  app.scan('CMD:PACK');
  await screen.findByTestId('screen-pack');
  return app;
}

const tones = (app: { audio: { tones(): { frequency: number }[] } }, hz: number) => app.audio.tones().filter((t) => t.frequency === hz).length;

describe('Pack screen', () => {
  it('a packer opens an order by scanning, boxes and verifies it, weighs and closes: one label out, reprint gives a second', async () => {
    const { core, zebra } = await bench();
    addShipment(core.core, 'ORD-1001', [
      [MUG, 2],
      [TEA, 1],
    ]);
    addShipment(core.core, 'ORD-2002', [[PEN, 1]]);
    const app = await openPack(core);
    expect(feedback().textContent).toContain('Scan an order number');

    app.scan('ORD-1001');
    await waitFor(() => expect(screen.getByTestId('pack-order').textContent).toContain('Order ORD-1001'));
    expect(lines().map((l) => [l.dataset.sku, l.dataset.state])).toEqual([
      ['MUG-01', 'missing'],
      ['TEA-02', 'missing'],
    ]);

    // an item before a box: refused
    app.scan(MUG.ean);
    await waitFor(() => expect(feedback().dataset.code).toBe('no_open_parcel'));
    expect(feedback().dataset.ok).toBe('false');

    app.scan('BOX:M');
    await waitFor(() => expect(screen.getAllByTestId('pack-parcel')).toHaveLength(1));
    expect(screen.getByTestId('pack-parcel').textContent).toContain('Box M');

    const errorsBefore = tones(app, ERROR_HZ);
    app.scan(MUG.ean);
    await waitFor(() => expect(verifiedOf('MUG-01')).toBe('1'));
    expect(feedback()).toMatchObject({ dataset: { ok: 'true', code: 'item_verified' } });
    expect(feedback().textContent).toContain('Packed: Enamel mug');
    expect(tones(app, SUCCESS_HZ)).toBeGreaterThan(0);

    // a product of another order: refused in large red type with the error sound
    app.scan(PEN.ean);
    await waitFor(() => expect(feedback().dataset.code).toBe('wrong_item'));
    expect(feedback().textContent).toContain('Wrong item: Fountain pen is not in this order');
    expect(feedback().className).toContain('pack-feedback-error');
    expect(tones(app, ERROR_HZ)).toBe(errorsBefore + 1);

    // two mugs in one burst: the first is taken, the second is one too many
    app.scan(MUG.ean);
    app.scan(MUG.ean);
    await waitFor(() => expect(feedback().dataset.code).toBe('too_many'));
    expect(verifiedOf('MUG-01')).toBe('2');
    expect(lineOf('MUG-01').dataset.state).toBe('done');

    // closing before all is verified: refused
    app.key('F8');
    await waitFor(() => expect(feedback().dataset.code).toBe('shipment_not_verified'));

    app.scan(TEA.ean);
    await waitFor(() => expect(screen.getByTestId('pack-verified').dataset.verified).toBe('true'));

    // weight: F7 focuses the field, the packer types grams and Enter; 0 is refused
    app.key('F7');
    expect(document.activeElement).toBe(screen.getByTestId('pack-weight'));
    app.type('0');
    app.key('Enter');
    await waitFor(() => expect(feedback().dataset.code).toBe('zero_weight'));
    setNativeValue(screen.getByTestId('pack-weight') as HTMLInputElement, '');
    app.type('1250');
    app.key('Enter');
    await waitFor(() => expect(screen.getByTestId('pack-parcel-weight').textContent).toBe('Weight 1250 g'));

    app.scan('CMD:DONE');
    await waitFor(() => expect(feedback().dataset.code).toBe('parcel_closed'));
    await waitFor(() => expect(screen.getByTestId('pack-parcel').dataset.status).toBe('closed'));
    await runPrintQueue(core);
    await zebra.waitFor((z) => labelsIn(z).length === 1);
    expect(labelsIn(zebra.received())[0]).toContain('ORD-1001');
    await waitFor(() => expect(screen.getByTestId('pack-parcel').textContent).toContain('Dockside label printed'));

    app.scan('CMD:REPRINT');
    await waitFor(() => expect(feedback().dataset.code).toBe('reprinted'));
    await runPrintQueue(core);
    await zebra.waitFor((z) => labelsIn(z).length === 2);
    expect(labelsIn(zebra.received())[1]).toBe(labelsIn(zebra.received())[0]);

    // what the store holds: every scan in the log, ops for Afosto queued
    const results = core.core.db.prepare(`SELECT result, COUNT(*) AS n FROM scan_events WHERE context = 'pack' GROUP BY result ORDER BY result`).all();
    // refused: no_open_parcel, wrong_item, too_many; taken: open, box, 3 items, weight, close, reprint
    expect(results).toEqual([
      { result: 'error', n: 3 },
      { result: 'ok', n: 8 },
    ]);
    const ops = core.core.outbox.list({ status: 'open', remote: 'afosto', limit: 100 }).map((o) => o.operation);
    expect(ops).toEqual(['parcel_create', 'parcel_items', 'parcel_items', 'parcel_items', 'parcel_weight', 'parcel_label', 'parcel_slip', 'parcel_finished']);
  });

  it('a supervisor overrides by PIN with a reason; a wrong PIN is refused in the dialog', async () => {
    const { core } = await bench();
    addShipment(core.core, 'ORD-3003', [
      [MUG, 1],
      [TEA, 1],
    ]);
    const app = await openPack(core);
    app.scan('ORD-3003');
    app.scan('BOX:S');
    app.scan(MUG.ean);
    await waitFor(() => expect(verifiedOf('MUG-01')).toBe('1'));
    app.key('F10');
    const dialog = await screen.findByTestId('pack-override');
    expect(document.activeElement).toBe(screen.getByTestId('pack-override-reason'));
    app.type('Tea out of stock');
    screen.getByTestId('pack-override-pin').focus();
    app.type('123456');
    app.key('Enter');
    await waitFor(() => expect(screen.getByTestId('pack-override-error').textContent).toBe('Unknown PIN.'));
    app.type('999999');
    app.key('Enter');
    await waitFor(() => expect(screen.queryByTestId('pack-override')).toBeNull());
    expect(dialog.isConnected).toBe(false);
    expect(screen.getByTestId('pack-override-note').textContent).toBe('Override by Jana Svobodová: Tea out of stock');
    expect(feedback().dataset.code).toBe('override_given');
    const audit = core.core.db.prepare(`SELECT action, details FROM audit_log WHERE action = 'packing.override'`).all() as { details: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ reason: 'Tea out of stock', method: 'pin' });
    // the packer is still the one signed in
    expect((await core.api.call('station.state', {})).currentUser?.name).toBe('Petra Nováková');
  });

  it('a supervisor’s badge scanned into the override dialog overrides and does not sign them in', async () => {
    const { core } = await bench();
    addShipment(core.core, 'ORD-4004', [[MUG, 2]]);
    await core.api.call('station.signIn', { pin: '999999' });
    const jana = (await core.api.call('station.state', {})).currentUser!;
    const { code } = await core.api.call('station.issueBadge', { userId: jana.id });
    await core.api.call('station.signIn', { pin: '1111' });
    const app = await openPack(core);
    app.scan('ORD-4004');
    await screen.findByTestId('pack-order');
    await waitFor(() => expect(screen.getByTestId('pack-override-open')).toBeTruthy());
    app.key('F10');
    await screen.findByTestId('pack-override');
    app.type('Customer wants one only');
    app.scan(code);
    await waitFor(() => expect(screen.queryByTestId('pack-override')).toBeNull());
    expect(screen.getByTestId('pack-override-note').textContent).toContain('Customer wants one only');
    expect((await core.api.call('station.state', {})).currentUser?.name).toBe('Petra Nováková');
  });

  it('ten scans in a row are all taken, in order', async () => {
    const { core } = await bench();
    addShipment(core.core, 'ORD-5005', [[MUG, 10]]);
    const app = await openPack(core);
    app.scan('ORD-5005');
    app.scan('BOX:L');
    for (let i = 0; i < 10; i++) app.scan(MUG.ean, 2);
    await waitFor(() => expect(verifiedOf('MUG-01')).toBe('10'));
    expect(lineOf('MUG-01').dataset.state).toBe('done');
    const n = core.core.db.prepare(`SELECT COUNT(*) AS n FROM scan_events WHERE context = 'pack' AND result = 'ok' AND raw = ?`).get(MUG.ean) as { n: number };
    expect(n.n).toBe(10);
  });
});
