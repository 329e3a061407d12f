import { describe, expect, it } from 'vitest';
import { createDemoDataset, gtinCheckDigit, indexFromHex24, indexFromUuid, isValidGtin, hex24For, OverlayCollection, uuidFor, SCALES } from '../../src-main/sim/generator/index';

describe('demo generator: determinism', () => {
  it('same seed → same data; string seeds work', () => {
    const a = createDemoDataset({ seed: 'dockside', scale: 'small' });
    const b = createDemoDataset({ seed: 'dockside', scale: 'small' });
    for (const i of [0, 1, 17, 299]) {
      expect(a.orders.get(i)).toEqual(b.orders.get(i));
      expect(a.afosto.shipments.get(i)).toEqual(b.afosto.shipments.get(i));
    }
    expect(a.persons.slice(0, 50)).toEqual(b.persons.slice(0, 50));
    expect(a.ucs.persons.get(5)).toEqual(b.ucs.persons.get(5));
    expect(a.ultracart.tasks.get(3)).toEqual(b.ultracart.tasks.get(3));
    expect(a.homs.orders.get(3)).toEqual(b.homs.orders.get(3));
    expect(a.opentaps.activities.get(3)).toEqual(b.opentaps.activities.get(3));
  });
  it('different seed → different data', () => {
    const a = createDemoDataset({ seed: 1 });
    const b = createDemoDataset({ seed: 2 });
    expect(a.persons.slice(0, 20)).not.toEqual(b.persons.slice(0, 20));
    expect(a.orders.get(0)).not.toEqual(b.orders.get(0));
    expect(a.orders.get(0).id).not.toBe(b.orders.get(0).id);
  });
  it('lazy index access in large scale returns the same entity as the small path', () => {
    const small = createDemoDataset({ seed: 42, scale: 'small' });
    const large = createDemoDataset({ seed: 42, scale: 'large' });
    const eager = [...small.orders];
    for (let i = 0; i < small.counts.orders; i += 7) {
      expect(large.orders.get(i)).toEqual(eager[i]);
      expect(large.afosto.orders.get(i)).toEqual(small.afosto.orders.get(i));
    }
    for (let i = 0; i < small.counts.persons; i += 13) expect(large.persons.get(i)).toEqual(small.persons.get(i));
    expect(large.products.get(100)).toEqual(small.products.get(100));
    expect(large.ucs.calls.get(150)).toEqual(small.ucs.calls.get(150));
  });
  it('large scale is instant and random access is cheap', () => {
    const t0 = performance.now();
    const large = createDemoDataset({ seed: 42, scale: 'large' });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(large.counts).toEqual(SCALES.large);
    const t1 = performance.now();
    const o = large.orders.get(99_999);
    const p = large.persons.get(499_999);
    const s = large.afosto.shipments.get(77_777);
    expect(performance.now() - t1).toBeLessThan(100);
    expect(o.number).toBe('ODR-10100000');
    expect(o.customerIndex).toBeLessThan(large.counts.persons);
    expect(p.index).toBe(499_999);
    expect(s.order_id).toBe(large.orders.get(77_777).id);
    expect(() => large.orders.get(100_000)).toThrow(RangeError);
  });
});

describe('demo generator: content', () => {
  const ds = createDemoDataset({ seed: 42 });
  it('EAN-13 and UPC-A barcodes carry valid check digits', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1); // 4006381333931, a well-known valid EAN
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('4006381333932')).toBe(false);
    let upc = 0;
    for (const p of ds.products) {
      expect(p.ean13).toMatch(/^\d{13}$/);
      expect(isValidGtin(p.ean13)).toBe(true);
      if (p.upcA) {
        upc++;
        expect(p.upcA).toMatch(/^\d{12}$/);
        expect(isValidGtin(p.upcA)).toBe(true);
      }
      expect(p.position).toMatch(/^[A-Z]-\d{2}-\d{2}$/);
    }
    expect(upc).toBeGreaterThan(10);
    const large = createDemoDataset({ seed: 42, scale: 'large' });
    for (let i = 0; i < large.counts.products; i += 97) expect(isValidGtin(large.products.get(i).ean13)).toBe(true);
    expect(new Set(large.products.slice(0, 5000).map((p) => p.ean13)).size).toBe(5000);
    expect(new Set(large.products.slice(0, 5000).map((p) => p.position)).size).toBe(5000);
    expect(ds.productByBarcode(ds.products.get(5).ean13)?.sku).toBe(ds.products.get(5).sku);
  });
  it('phone numbers come in mixed national and international formats', () => {
    const raws = ds.persons.slice(0, 800).flatMap((p) => p.phones.map((ph) => ph.raw));
    const want = [/^\+420 \d{3} \d{3} \d{3}$/, /^[67]\d{8}$/, /^00420\d{9}$/, /^\+420\d{9}$/, /^\(0\d+\) \d/, /^0[1-9]\d* ?\d/, /^\+49 \d/, /^\+31 6 \d{8}$/, /^06-\d{8}$/];
    for (const re of want) expect(raws.some((r) => re.test(r)), String(re)).toBe(true);
    for (const p of ds.persons.slice(0, 200)) for (const ph of p.phones) expect(ph.e164).toMatch(/^\+(420|421|49|31)\d{6,12}$/);
  });
  it('names carry diacritics; some companies share one switchboard number', () => {
    const names = ds.persons.slice(0, 300).map((p) => `${p.givenName} ${p.familyName}`);
    expect(names.some((n) => /[čřšžěůýáíéňťď]/i.test(n))).toBe(true);
    expect(names.some((n) => /[äöüß]/i.test(n))).toBe(true);
    const byNumber = new Map<string, Set<number>>();
    for (const p of ds.persons) for (const ph of p.phones) if (ph.shared) byNumber.set(ph.e164, new Set([...(byNumber.get(ph.e164) ?? []), p.index]));
    expect([...byNumber.values()].some((s) => s.size >= 2)).toBe(true);
  });
  it('orders have lines, addresses and statuses; pick lists have ranked items', () => {
    const statuses = new Set(ds.orders.slice(0, 300).map((o) => o.status));
    for (const s of ['new', 'picking', 'packed', 'shipped']) expect(statuses.has(s as never)).toBe(true);
    const o = ds.orders.get(10);
    expect(o.lines.length).toBeGreaterThan(0);
    expect(o.shippingAddress.city).toBeTruthy();
    const b = ds.afosto.listBlockIndexes()[0] as number;
    const list = ds.afosto.list(b);
    expect(list.items.map((i: { rank: number }) => i.rank)).toEqual(list.items.map((_: unknown, k: number) => k + 1));
  });
  it('ids encode the index and resolve back', () => {
    for (const i of [0, 5, 123_456, 1_000_000_123]) {
      expect(indexFromUuid(42, 'shipment', uuidFor(42, 'shipment', i))).toBe(i);
      expect(indexFromHex24(42, 'otActivity', hex24For(42, 'otActivity', i))).toBe(i);
    }
    expect(indexFromUuid(42, 'order', uuidFor(42, 'shipment', 5))).toBeNull();
    expect(indexFromUuid(43, 'shipment', uuidFor(42, 'shipment', 5))).toBeNull();
    expect(uuidFor(42, 'order', 7)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('overlay collection', () => {
  const mk = () => new OverlayCollection<{ id: string; v: number }>({ baseCount: 10, gen: (i) => ({ id: `e${i}`, v: i }), indexOf: (id) => (/^e\d+$/.test(id) ? Number(id.slice(1)) : null) });
  it('create, update, delete and paging stay consistent', () => {
    const c = mk();
    c.remove('e2');
    c.remove('e5');
    c.update('e3', (x) => void (x.v = 33));
    const n = c.create((i) => ({ id: `e${i}`, v: 100 }));
    expect(n.id).toBe('e10');
    expect(c.size).toBe(9);
    expect(c.list(0, 100).map((x) => x.id)).toEqual(['e0', 'e1', 'e3', 'e4', 'e6', 'e7', 'e8', 'e9', 'e10']);
    const paged = [...c.list(0, 4), ...c.list(4, 4), ...c.list(8, 4)].map((x) => x.id);
    expect(paged).toEqual(c.list(0, 100).map((x) => x.id));
    expect(c.listDesc(0, 3).map((x) => x.id)).toEqual(['e10', 'e9', 'e8']);
    expect(c.get('e3')?.v).toBe(33);
    expect(c.get('e2')).toBeUndefined();
    const ch = c.changes();
    expect(ch.created.map((x) => x.id)).toEqual(['e10']);
    expect(ch.updated.map((x) => x.id)).toEqual(['e3']);
    expect(ch.deleted.sort()).toEqual(['e2', 'e5']);
    const got = c.get('e3')!;
    got.v = -1;
    expect(c.get('e3')?.v).toBe(33);
  });
});
