// The pure HOMS mappers: a partial update changes only what it names (data merged, clears by
// name), contradictions are caught before anything is stored, and "same order" ignores what HOMS
// adds on its own (null custom fields) and how it spells an instant.
import { describe, expect, it } from 'vitest';
import { applyUpdate, fieldsOfCreate, fieldsOfOrder, sameFields, updateProblem, userRecord } from '../../../../src-main/core/connectors/homs/mappers';
import { orderSchema, orderUpdateSchema } from '../../../../src-main/core/connectors/homs/schemas';

const base = fieldsOfCreate({ order_type_code: 'support_request', ext_code: 'L-1', data: { requesterName: 'Frank', subject: 'Box' } });

describe('HOMS mappers', () => {
  it('a create holds HOMS defaults for what it does not name', () => {
    expect(base).toEqual({ order_type_code: 'support_request', ext_code: 'L-1', bp_id: null, bp_state: null, state: 'to_execute', archived: false, done_at: null, user_email: null, data: { requesterName: 'Frank', subject: 'Box' } });
  });

  it('an update changes only what it names; data is merged; clears are by name', () => {
    const next = applyUpdate(base, { set: { state: 'in_progress', bp_id: 'bp' }, clear: ['user_email'], data: { set: { description: 'd' }, clear: ['subject'] } });
    expect(next).toEqual({ ...base, state: 'in_progress', bp_id: 'bp', data: { requesterName: 'Frank', subject: null, description: 'd' } });
    expect(base.data).toEqual({ requesterName: 'Frank', subject: 'Box' }); // not mutated
  });

  it('finds contradictions and empty updates', () => {
    const p = (u: unknown) => updateProblem(orderUpdateSchema.parse(u));
    expect(p({ set: { bp_id: 'x' }, clear: ['bp_id'] })).toBe('bp_id is both set and cleared');
    expect(p({ data: { set: { a: 1 }, clear: ['a'] } })).toBe('data.a is both set and cleared');
    expect(p({ data: { set: {}, clear: [] } })).toBe('nothing to change');
    expect(p({ data: { clear: ['a'] } })).toBeUndefined();
  });

  it('same order: missing custom fields count as null, instants compare as instants, e-mail case-blind', () => {
    const remote = fieldsOfOrder(
      orderSchema.parse({
        id: 7, code: 'ORD-7', order_type_code: 'support_request', ext_code: 'L-1', bp_id: null, bp_state: null, state: 'to_execute', archived: false,
        done_at: null, user_email: null, data: { requesterName: 'Frank', requesterPhone: null, subject: 'Box', description: null },
      }),
    );
    expect(sameFields(base, remote)).toBe(true);
    expect(sameFields({ ...base, done_at: '2016-05-16T13:52:48+03:00' }, { ...remote, done_at: '2016-05-16T10:52:48.000Z' })).toBe(true);
    expect(sameFields({ ...base, user_email: 'A@b.c' }, { ...remote, user_email: 'a@b.c' })).toBe(true);
    expect(sameFields(base, { ...remote, data: { ...remote.data, subject: 'Other' } })).toBe(false);
    expect(sameFields(base, { ...remote, data: { ...remote.data, requesterPhone: '1' } })).toBe(false);
    expect(sameFields(base, { ...remote, state: 'done' })).toBe(false);
    expect(sameFields(base, { ...remote, archived: true })).toBe(false);
    expect(sameFields(base, { ...remote, ext_code: null })).toBe(false);
  });

  it('a user is keyed by its lower-cased e-mail', () => {
    expect(userRecord({ email: 'Demo@Example.com', name: 'D', middle_name: null, last_name: 'J', role: 'user', company: null, department: null })).toEqual({
      remoteId: 'demo@example.com',
      data: JSON.stringify({ email: 'Demo@Example.com', name: 'D', middle_name: null, last_name: 'J', role: 'user', company: null, department: null }),
    });
  });
});
