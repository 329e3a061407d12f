// The pure walk: what the log says survives a pull that regroups lines, undo is a stack, and a
// skipped line comes back after the others.
import { describe, expect, it } from 'vitest';
import { currentLine, decideScan, decideSkip, decideUndo, expectOf, fold, groupLines, progressOf, walkOrder, type PickEvent, type PickUnit } from '../../../src-main/core/picking/domain';

const unit = (id: string, pos: string, product: string, rank: number, shipment = 's1'): PickUnit => ({
  id,
  rank,
  productId: product,
  sku: product.toUpperCase(),
  name: product,
  positionId: pos,
  positionCode: pos.toUpperCase(),
  sortKey: pos,
  remoteId: id,
  shipmentUnitId: `su-${id}`,
  shipmentId: shipment,
  tote: shipment === 's1' ? 'T1' : 'T2',
  remoteHandled: 0,
  remoteMissing: 0,
});
const ev = (id: string, body: PickEvent['body'], extra: Partial<PickEvent> = {}): PickEvent => ({ id, result: 'ok', compensates: null, body, ...extra });

describe('picking domain', () => {
  it('walks by position sort key, then rank; one line per position, product and shipment', () => {
    const units = [unit('u3', 'b', 'x', 1), unit('u1', 'a', 'y', 2), unit('u2', 'a', 'y', 3), unit('u4', 'a', 'y', 4, 's2')].sort(walkOrder);
    const lines = groupLines(units);
    expect(lines.map((l) => [l.id, l.units.length, l.tote])).toEqual([
      ['u1', 2, 'T1'],
      ['u4', 1, 'T2'],
      ['u3', 1, 'T1'],
    ]);
    const s = fold(lines, []);
    expect(expectOf(s)).toEqual({ lineId: 'u1', step: 'position' });
    expect(decideScan(s, { position: { id: 'b', code: 'B' }, product: null, lot: null, expiry: null }).code).toBe('wrong_position');
  });

  it('picked units are kept by unit id when a pull regroups the lines', () => {
    const before = groupLines([unit('u1', 'a', 'y', 1), unit('u2', 'a', 'y', 2)]);
    const log = [ev('e1', { k: 'position', line: 'u1', position: 'A' }), ev('e2', { k: 'pick', line: 'u1', units: ['u1'] })];
    expect(progressOf(fold(before, log)).picked).toBe(1);
    // the pull now ranks u2 first: the line is named u2, the log still names u1's line
    const after = groupLines([unit('u2', 'a', 'y', 1), unit('u1', 'a', 'y', 2)]);
    const s = fold(after, log);
    expect(progressOf(s)).toMatchObject({ picked: 1, remaining: 1 });
    expect(s.of.get('u2')!.picked.has('u1')).toBe(true);
  });

  it('undo is a stack: each undo takes back the newest change not yet undone', () => {
    const lines = groupLines([unit('u1', 'a', 'y', 1), unit('u2', 'b', 'z', 2)]);
    const log: PickEvent[] = [ev('e1', { k: 'position', line: 'u1', position: 'A' }), ev('e2', { k: 'pick', line: 'u1', units: ['u1'] })];
    let s = fold(lines, log);
    expect(decideUndo(s).body).toEqual({ k: 'undo', of: 'e2' });
    log.push(ev('e3', { k: 'undo', of: 'e2' }, { result: 'undo', compensates: 'e2' }));
    s = fold(lines, log);
    expect(progressOf(s).picked).toBe(0);
    expect(decideUndo(s).body).toEqual({ k: 'undo', of: 'e1' });
  });

  it('a skipped line comes back after the others, or at once when its position is scanned', () => {
    const lines = groupLines([unit('u1', 'a', 'y', 1), unit('u2', 'b', 'z', 2), unit('u3', 'c', 'w', 3)]);
    const skip = decideSkip(fold(lines, []));
    const log = [ev('e1', skip.body)];
    let s = fold(lines, log);
    expect(currentLine(s)!.id).toBe('u2');
    const back = decideScan(s, { position: { id: 'a', code: 'A' }, product: null, lot: null, expiry: null });
    expect(back.code).toBe('came_back');
    s = fold(lines, [...log, ev('e2', back.body)]);
    expect(expectOf(s)).toEqual({ lineId: 'u1', step: 'product' });
  });
});
