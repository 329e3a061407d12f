// How far the bench got with an order, as chips: each fact said once.
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { CardOrder } from '../../src-preload/contract';
import { OrderStateChips } from '../../src-renderer/src/features/calls/OrderState';
import { createI18n } from '../../src-renderer/src/i18n';

const parcel = (over: Partial<NonNullable<CardOrder['pack']>['parcels'][number]> = {}) => ({
  id: 'pa-1',
  seq: 1,
  status: 'finished',
  weightGrams: 1200,
  trackingNumber: null,
  carrier: null,
  labelPrinted: true,
  labelJobId: 'j-1',
  ...over,
});

function chips(pack: NonNullable<CardOrder['pack']>): string[] {
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <OrderStateChips pack={pack} />
    </I18nextProvider>,
  );
  return [...screen.getAllByTestId('order-pack-state').at(-1)!.querySelectorAll('.chip')].map((c) => c.textContent ?? '');
}

describe('order state chips', () => {
  it('a labelled order says "Label printed" once (its state is that)', () => {
    const got = chips({ state: 'labelled', scans: 3, lastScanAt: 1, parcels: [parcel()] });
    expect(got.filter((c) => c === 'Label printed')).toHaveLength(1);
    expect(got[0]).toBe('Label printed');
    expect(got).toContain('1.2 kg');
  });
  it('a shipped order still says its label was printed', () => {
    const got = chips({ state: 'shipped', scans: 3, lastScanAt: 1, parcels: [parcel({ status: 'in_transit' })] });
    expect(got.filter((c) => c === 'Label printed')).toHaveLength(1);
  });
});
