// The caller card from the local store only: person and company, the company's people, recent
// Afosto orders with the bench's pack state (scans net of undo, parcels, weights, printed labels),
// HOMS orders about them, open tasks, the last interactions and this call's notes and metadata —
// and every query behind it on an index.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src-main/core/db/database';
import { addCompany, addContact, agentCore, type AgentCore } from './helpers';

let t: AgentCore;
beforeEach(async () => {
  t = await agentCore();
});
afterEach(() => t.dispose());

const DAY = 86_400_000;

function seedBench(db: Db, now: number): void {
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
  db.tx(() => {
    // Afosto orders keep the Afosto contact id = the µCRM person's external id
    run(`INSERT INTO orders (id, number, status, contact_id, placed_at, updated_at) VALUES ('oA', 'A-100', 'in_fulfilment', 'afc-1', ?, ?)`, now - 1 * DAY, now);
    run(`INSERT INTO orders (id, number, status, contact_id, placed_at, updated_at) VALUES ('oB', 'B-200', 'in_fulfilment', 'afc-1', ?, ?)`, now - 2 * DAY, now);
    run(`INSERT INTO orders (id, number, status, contact_id, placed_at, updated_at) VALUES ('oC', 'C-300', 'new', 'afc-1', ?, ?)`, now - 3 * DAY, now);
    run(`INSERT INTO orders (id, number, status, contact_id, placed_at, updated_at) VALUES ('oX', 'X-900', 'new', 'someone-else', ?, ?)`, now, now);
    // order A: three scans and one undone → picking, 2 scans
    let i = 0;
    for (const result of ['ok', 'ok', 'ok', 'undo']) {
      run(`INSERT INTO scan_events (id, station_id, at, raw, read_as, context, entity, entity_id, quantity, result) VALUES (?, 's', ?, '8590001', 'product', 'pick', 'order', 'oA', 1, ?)`, `se${i}`, now - 3600_000 + i++ * 1000, result);
    }
    // order B: packed into one parcel of 1.2 kg whose carrier label printed
    run(`INSERT INTO shipments (id, order_id, status, created_at, updated_at) VALUES ('shB', 'oB', 'packed', ?, ?)`, now, now);
    run(`INSERT INTO parcels (id, shipment_id, order_id, seq, weight_grams, status, tracking_number, carrier, created_at, updated_at) VALUES ('pB1', 'shB', 'oB', 1, 1200, 'finished', 'Z123', 'PPL', ?, ?)`, now, now);
    run(`INSERT INTO scan_events (id, station_id, at, raw, read_as, context, entity, entity_id, quantity, result) VALUES ('seP', 's', ?, 'P1', 'parcel', 'pack', 'parcel', 'pB1', 1, 'ok')`, now - 60_000);
    run(`INSERT INTO print_jobs (id, station_id, kind, format, payload, status, parcel_id, order_id, created_at, updated_at) VALUES ('pj1', 's', 'carrier_label', 'zpl', x'00', 'done', 'pB1', 'oB', ?, ?)`, now, now);
    // HOMS: a return about order A, and a support request from the caller's phone
    run(`INSERT INTO homs_orders (id, code, ext_code, order_type_code, state, data, created_at, updated_at) VALUES ('h1', 'ORD-7', 'A-100', 'return_request', 'to_execute', '{"customerName":"Jana"}', ?, ?)`, now - DAY, now);
    run(`INSERT INTO homs_orders (id, code, ext_code, order_type_code, state, data, created_at, updated_at) VALUES ('h2', 'ORD-8', NULL, 'support_request', 'in_progress', '{"requesterPhone":"+420 601 123 456"}', ?, ?)`, now - 2 * DAY, now);
    run(`INSERT INTO homs_orders (id, code, ext_code, order_type_code, state, data, created_at, updated_at) VALUES ('h3', 'ORD-9', 'X-900', 'return_request', 'done', '[]', ?, ?)`, now, now);
    // tasks: open UltraCart and Opentaps ones of the contact; a done one is not shown
    run(`INSERT INTO tasks (id, title, status, priority, due_at, contact_id, remote, remote_id, remote_assignee, created_at, updated_at) VALUES ('t1', 'Refund', 'open', 'high', ?, 'jana', 'ultracart', 'uc-1', '7', ?, ?)`, now + DAY, now, now);
    run(`INSERT INTO tasks (id, title, status, priority, due_at, contact_id, remote, remote_id, remote_assignee, created_at, updated_at) VALUES ('t2', 'Call back', 'in_progress', 'normal', NULL, 'jana', 'opentaps', 'ot-1', 'agent-1', ?, ?)`, now, now);
    run(`INSERT INTO tasks (id, title, status, priority, contact_id, remote, created_at, updated_at) VALUES ('t3', 'Old', 'done', 'normal', 'jana', 'ultracart', ?, ?)`, now, now);
    // a pulled UltraCart task about her order (no contact link)
    run(`INSERT INTO tasks (id, title, status, priority, order_id, remote, remote_id, created_at, updated_at) VALUES ('t4', 'Damaged item', 'open', 'normal', 'B-200', 'ultracart', 'uc-4', ?, ?)`, now, now);
    run(`INSERT INTO activities (id, remote, remote_id, type, body, contact_id, created_at, updated_at) VALUES ('a1', 'opentaps', 'ot-a1', 'NOTE', 'Asked about delivery', 'jana', ?, ?)`, now - 5 * DAY, now);
    // an earlier call of hers, with a note
    run(`INSERT INTO calls (id, uniqueid, direction, number_raw, contact_id, status, disposition, started_at) VALUES ('old', 'u-old', 'inbound', '601123456', 'jana', 'ended', 'callback', ?)`, now - 4 * DAY);
    run(`INSERT INTO call_notes (id, call_id, body, created_at, updated_at) VALUES ('n-old', 'old', 'Wants a call back', ?, ?)`, now - 4 * DAY + 1000, now);
  });
}

describe('caller card', () => {
  it('shows the person, the company, orders with pack state, HOMS orders, open tasks and the last interactions', async () => {
    const db = t.core.db;
    addCompany(db, { id: 'acme', name: 'ACME s.r.o.', phones: ['+420 222 111 000'] });
    addContact(db, { id: 'jana', name: 'Jana Nováková', phones: ['+420 601 123 456'], companyId: 'acme', externalId: 'afc-1', role: 'majitel' });
    addContact(db, { id: 'petr', name: 'Petr Malý', phones: ['+420 602 000 111'], companyId: 'acme' });
    const now = Date.now();
    seedBench(db, now);
    const callId = (await t.pop({ number: '601123456', uniqueid: '1724.5', queue: '74' })).body.callId as string;
    db.prepare(`INSERT INTO remote_records (remote, resource, remote_id, data, updated_at) VALUES ('ucs', 'call_metadata', '1724.5', '{"ucrm_interaction_id":40001}', 0)`).run();
    const note = await t.api.call('calls.addNote', { callId, body: 'Parcel late' });

    const card = await t.api.call('calls.card', { callId });
    // warm (the first call also compiles the contract's output schema); the card itself is local reads
    const started = performance.now();
    for (let i = 0; i < 10; i++) t.core.calls.service.card(callId);
    const ms = (performance.now() - started) / 10;
    console.log(`card ${ms.toFixed(2)} ms`);

    expect(card.contact).toMatchObject({ id: 'jana', displayName: 'Jana Nováková', role: 'majitel', phones: [{ e164: '+420601123456' }] });
    expect(card.company).toMatchObject({ id: 'acme', name: 'ACME s.r.o.', phones: [{ e164: '+420222111000', label: 'switchboard' }] });
    expect(card.companyContacts.map((c) => c.id)).toEqual(['petr']); // the caller's colleagues
    expect(card.call).toMatchObject({ companyName: 'ACME s.r.o.', callerName: 'Jana Nováková' });

    const afosto = card.orders.filter((o) => o.source === 'afosto');
    expect(afosto.map((o) => [o.number, o.pack?.state, o.pack?.scans])).toEqual([
      ['A-100', 'picking', 2],
      ['B-200', 'labelled', 1],
      ['C-300', 'none', 0],
    ]);
    expect(afosto[1]!.pack!.parcels).toEqual([
      { id: 'pB1', seq: 1, status: 'finished', weightGrams: 1200, trackingNumber: 'Z123', carrier: 'PPL', labelPrinted: true, labelJobId: 'pj1' },
    ]);
    const homs = card.orders.filter((o) => o.source === 'homs');
    expect(homs.map((o) => [o.number, o.type, o.relatesTo])).toEqual([
      ['ORD-7', 'return_request', 'A-100'],
      ['ORD-8', 'support_request', null],
    ]);
    expect(card.tasks.map((x) => [x.id, x.remote, x.status]).sort()).toEqual([
      ['t1', 'ultracart', 'open'],
      ['t2', 'opentaps', 'in_progress'],
      ['t4', 'ultracart', 'open'],
    ]);
    expect(card.interactions.map((i) => [i.kind, i.text])).toEqual([
      ['note', 'Parcel late'],
      ['call', 'ringing'],
      ['note', 'Wants a call back'],
      ['call', 'callback'],
      ['activity', 'NOTE: Asked about delivery'],
    ]);
    expect(card.notes).toEqual([note]);
    expect(card.metadata).toEqual({ ucrm_interaction_id: 40001 });
    expect(ms).toBeLessThan(20);
  });

  it('a switchboard call offers the chooser; the choice must be one of the holders', async () => {
    const db = t.core.db;
    addCompany(db, { id: 'acme', name: 'ACME s.r.o.', phones: ['+420 222 111 000'] });
    addContact(db, { id: 'petr', name: 'Petr Malý', phones: ['+420 222 111 000'], companyId: 'acme' });
    addContact(db, { id: 'other', name: 'Jiný', phones: ['+420 603 000 000'] });
    const callId = (await t.pop({ number: '222111000', uniqueid: 'sw' })).body.callId as string;
    await expect(t.api.call('calls.identify', { callId, contactId: 'other' })).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'not_a_match' } });
    const s = await t.api.call('calls.identify', { callId, contactId: 'petr' });
    expect(s).toMatchObject({ identification: 'known', contactId: 'petr', companyId: 'acme', callerName: 'Petr Malý' });
    const card = await t.api.call('calls.card', { callId });
    expect([card.contact?.id, card.company?.id]).toEqual(['petr', 'acme']);
    // the company itself may be chosen (nobody in particular)
    const c2 = (await t.pop({ number: '222111000', uniqueid: 'sw2' })).body.callId as string;
    expect(await t.api.call('calls.identify', { callId: c2, companyId: 'acme' })).toMatchObject({ contactId: null, companyId: 'acme', callerName: 'ACME s.r.o.' });
  });

  it('an unknown caller becomes a contact only on the explicit action, with the number in the index and a UCS create queued', async () => {
    const callId = (await t.pop({ number: '+420 777 000 999', uniqueid: 'unk' })).body.callId as string;
    expect((await t.api.call('calls.card', { callId })).identification.kind).toBe('unknown');
    const s = await t.api.call('calls.createContact', { callId, firstName: 'Karel', lastName: 'Nový', email: 'karel@example.com' });
    expect(s).toMatchObject({ identification: 'known', callerName: 'Karel Nový' });
    expect((await t.api.call('calls.lookup', { number: '777000999' })).matches.map((m) => m.contactId)).toEqual([s.contactId]);
    const ops = t.core.outbox.list({ status: 'open', limit: 10 }).map((o) => [o.remote, o.operation, o.entityId]);
    expect(ops).toEqual([['ucs', 'contact.create', s.contactId]]);
    await expect(t.api.call('calls.createContact', { callId, lastName: 'Again' })).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'already_identified' } });
  });
});

describe('query plans', () => {
  it('every statement of the calls repo searches an index (no table scans)', () => {
    const repo = t.core.calls.service.repo as unknown as { s: Record<string, { source: string }> };
    const bad: string[] = [];
    for (const [name, stmt] of Object.entries(repo.s)) {
      if (/^(insert|update|set|acw(Insert|Finish)|config(Insert|Update))/.test(name)) continue;
      const plan = t.core.db.raw.prepare(`EXPLAIN QUERY PLAN ${stmt.source}`).all(...new Array(countParams(stmt.source)).fill('x')) as { detail: string }[];
      for (const p of plan) {
        if (/^SCAN /.test(p.detail) && !/USING (COVERING )?INDEX|json_each|CONSTANT ROW/.test(p.detail)) bad.push(`${name}: ${p.detail}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

function countParams(sql: string): number {
  return (sql.match(/\?/g) ?? []).length;
}
