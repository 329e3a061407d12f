// The Pack screen on the real core: CMD:UNDO and F11 take the last item back out of its parcel
// (the line turns missing again, the log and the outbox say so, nothing left: "Nothing to undo");
// a parcel that is not the current one is weighed with its own "Weigh this parcel" button.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startCore } from './realCore';
import { renderApp } from './renderApp';
import { addShipment, MUG, TEA } from '../unit/packing/fixture';

const feedback = () => screen.getByTestId('pack-feedback');
const lineOf = (sku: string) => screen.queryAllByTestId('pack-line').find((l) => l.dataset.sku === sku)!;
const verifiedOf = (sku: string) => within(lineOf(sku)).getByTestId('pack-line-verified').textContent;

async function packScreen() {
  const core = await startCore({ signedInPin: '1111' });
  addShipment(core.core, 'ORD-3003', [
    [MUG, 2],
    [TEA, 1],
  ]);
  const app = await renderApp({ core });
  app.scan('CMD:PACK');
  await screen.findByTestId('screen-pack');
  app.scan('ORD-3003');
  await waitFor(() => expect(screen.getByTestId('pack-order').textContent).toContain('ORD-3003'));
  return { core, app };
}

describe('Pack screen: undo and weighing any parcel', () => {
  it('CMD:UNDO and F11 take back the last items; then nothing to undo', async () => {
    const { core, app } = await packScreen();
    app.scan('BOX:M');
    await waitFor(() => expect(screen.getAllByTestId('pack-parcel')).toHaveLength(1));
    app.scan(MUG.ean);
    app.scan(TEA.ean);
    await waitFor(() => expect(verifiedOf('TEA-02')).toBe('1'));

    app.scan('CMD:UNDO');
    await waitFor(() => expect(feedback().dataset.code).toBe('undone'));
    expect(feedback().textContent).toContain('Taken out: Green tea 100 g');
    expect(verifiedOf('TEA-02')).toBe('0');
    expect(lineOf('TEA-02').dataset.state).toBe('missing');

    app.key('F11');
    await waitFor(() => expect(verifiedOf('MUG-01')).toBe('0'));
    app.key('F11');
    await waitFor(() => expect(feedback().dataset.code).toBe('nothing_to_undo'));
    expect(feedback().dataset.ok).toBe('false');

    const undos = core.core.db.prepare(`SELECT raw FROM scan_events WHERE context = 'pack' AND result = 'undo' ORDER BY seq`).all() as { raw: string }[];
    expect(undos.map((u) => u.raw)).toEqual(['CMD:UNDO', 'KEY:UNDO']);
    const removes = core.core.outbox.list({ status: 'open', remote: 'afosto', limit: 100 }).filter((o) => o.operation === 'parcel_items' && (o.payload as { remove: string[] }).remove.length > 0);
    expect(removes).toHaveLength(2);
  }, 60_000);

  it('the first parcel is weighed with its own button while the second is current', async () => {
    const { core, app } = await packScreen();
    app.scan('BOX:S');
    await waitFor(() => expect(screen.getAllByTestId('pack-parcel')).toHaveLength(1));
    app.scan(MUG.ean);
    app.scan('BOX:M');
    await waitFor(() => expect(screen.getAllByTestId('pack-parcel')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('pack-parcel');
    expect(second!.dataset.current).toBe('true');
    expect(second!.dataset.weighed).toBe('true');

    fireEvent.click(within(first!).getByTestId('pack-weigh'));
    await waitFor(() => expect(screen.getAllByTestId('pack-parcel')[0]!.dataset.weighed).toBe('true'));
    expect(screen.getByText('Weight of parcel 1 (g)')).toBeTruthy();
    const field = screen.getByTestId('pack-weight') as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: '740' } });
    fireEvent.click(screen.getByTestId('pack-weight-save'));
    await waitFor(() => expect(feedback().dataset.code).toBe('weight_set'));
    const [p1, p2] = screen.getAllByTestId('pack-parcel');
    expect(within(p1!).getByTestId('pack-parcel-weight').textContent).toBe('Weight 740 g');
    expect(within(p2!).getByTestId('pack-parcel-weight').textContent).toBe('Not weighed');
    expect(p2!.dataset.current).toBe('true');
    const w = core.core.db.prepare(`SELECT p.seq, p.weight_grams AS g FROM parcels p ORDER BY p.seq`).all() as { seq: number; g: number | null }[];
    expect(w).toEqual([
      { seq: 1, g: 740 },
      { seq: 2, g: null },
    ]);
  }, 60_000);
});
