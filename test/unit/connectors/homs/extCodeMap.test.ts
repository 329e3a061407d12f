// The code ↔ ext_code map follows what the remote says now: re-coded or cleared orders drop their
// old pair, and the first order seen for an ext_code (lists are newest first) keeps it.
import { describe, expect, it } from 'vitest';
import { ExtCodeMap } from '../../../../src-main/core/connectors/homs/extCodeMap';

describe('HOMS ExtCodeMap', () => {
  it('notes, re-codes, clears and forgets', () => {
    const m = new ExtCodeMap([['ORD-1', 'A']]);
    expect(m.codeOf('A')).toBe('ORD-1');
    m.note({ code: 'ORD-1', ext_code: 'B' });
    expect(m.codeOf('A')).toBeUndefined();
    expect(m.codeOf('B')).toBe('ORD-1');
    m.note({ code: 'ORD-1', ext_code: null });
    expect(m.codeOf('B')).toBeUndefined();
    expect(m.size).toBe(0);
    m.note({ code: 'ORD-2', ext_code: 'C' });
    m.forget('ORD-2');
    expect(m.codeOf('C')).toBeUndefined();
  });

  it('a duplicate ext_code keeps the first order seen; entries round-trip', () => {
    const m = new ExtCodeMap();
    m.note({ code: 'ORD-9', ext_code: 'D' });
    m.note({ code: 'ORD-3', ext_code: 'D' });
    expect(m.codeOf('D')).toBe('ORD-9');
    expect(m.extCodeOf('ORD-3')).toBe('D');
    m.forget('ORD-9');
    expect(m.codeOf('D')).toBeUndefined();
    expect(new ExtCodeMap(m.entries()).extCodeOf('ORD-3')).toBe('D');
  });
});
