// UCS pushes through a real Outbox (core/jobs) to the in-process simulator over HTTP: person and
// company creates land exactly once whatever fault hits them (429 + Retry-After, 500, reset,
// malformed, token expiry, applied-but-reply-lost), their UCS id is written back so updates find
// them, metadata merges are differential, and UCS's HTTP-200 `success:false` parks an op as dead
// with the remote's own words.
import { describe, expect, it } from 'vitest';
import { ucsSync } from '../../../../src-main/core/connectors/ucs';
import type { Db } from '../../../../src-main/core/db/database';
import { silentLogger } from '../../../../src-main/core/log/logger';
import { systemClock } from '../../../../src-main/core/platform/ports';
import { Outbox } from '../../../../src-main/core/sync/outbox';
import { addFault, type Json } from '../../../sim/helpers';
import { openTestDb, useUcsSim } from './syncHelpers';

const bench = useUcsSim({ timeoutMs: 2000 });

interface Station {
  db: Db;
  outbox: Outbox;
  /** "Sync now" until nothing is pending (a Retry-After or backoff is waited out by making it due). */
  drain(): Promise<void>;
  close(): void;
}

async function station(): Promise<Station> {
  const db = await openTestDb();
  const outbox = new Outbox(db, systemClock);
  const sync = ucsSync({ db, clock: systemClock, logger: silentLogger, stationId: 'st-1', client: async () => bench.ucs, defaultCountry: 'CZ' });
  for (const p of sync.pushes) outbox.registerPush('ucs', p.operation, p.handler, p.schema);
  return {
    db,
    outbox,
    async drain() {
      for (let i = 0; i < 20 && outbox.counts().pending + outbox.counts().inflight > 0; i++) await outbox.syncNow('ucs');
    },
    close: () => db.close(),
  };
}

const snapshot = (): Json => bench.sim.state.systems.ucs.snapshot() as Json;
const simPersonsWithExt = (ext: string): Json[] => snapshot().persons.created.filter((p: Json) => p.external_id === ext);
const simCompaniesWithExt = (ext: string): Json[] => snapshot().companies.created.filter((c: Json) => c.external_id === ext);
/** Attempts of the first op of an entity: a fault that fails the request makes a second one. */
const attemptsOf = (db: Db, entity: string, entityId: string): number =>
  (db.prepare(`SELECT attempts FROM jobs WHERE ordering_key = ? ORDER BY seq LIMIT 1`).get(JSON.stringify([entity, entityId])) as { attempts: number }).attempts;
/** token_expiry is absorbed inside one attempt (the client refreshes on 401); every other fault costs one. */
const expectedAttempts = (fault: Record<string, unknown>): number => ('kind' in fault && fault.kind !== 'token_expiry' ? 2 : 1);
const newContact = (db: Db, id: string, name: string): void => {
  db.prepare(`INSERT INTO contacts (id, display_name, updated_at) VALUES (?, ?, 0)`).run(id, name);
};
const newCompany = (db: Db, id: string, name: string): void => {
  db.prepare(`INSERT INTO companies (id, name, updated_at) VALUES (?, ?, 0)`).run(id, name);
};

const FAULTS: [string, Record<string, unknown>][] = [
  ['429 + Retry-After', { kind: 'error', status: 429, retryAfter: 0 }],
  ['500', { kind: 'error', status: 500 }],
  ['connection reset', { kind: 'reset' }],
  ['malformed reply (applied)', { kind: 'malformed' }],
  ['token expiry', { kind: 'token_expiry' }],
  ['lost reply (applied)', { kind: 'lost_reply' }],
  ['no fault', {}],
];

describe('person create', () => {
  it.each(FAULTS)('under %s: exactly one person in UCS, its id written back, the update after it lands on it', async (label, fault) => {
    const s = await station();
    try {
      const contactId = `c-${label.replace(/\W+/g, '-')}`;
      const ext = `DS-${contactId}`;
      if ('kind' in fault) await addFault(bench.sim, { system: 'ucs', route: '/api/v1.0/crm/person', method: 'POST', ...fault });
      s.outbox.transact((enqueue) => {
        newContact(s.db, contactId, 'Eva Malá');
        enqueue({ remote: 'ucs', entity: 'contact', entityId: contactId, operation: 'contact.create', payload: { displayname: 'Eva Malá', external_id: ext, contacts: [{ type: 1, contact: '+420 603 555 111', label: 'mobil' }] } });
        enqueue({ remote: 'ucs', entity: 'contact', entityId: contactId, operation: 'contact.update', payload: { note: 'VIP' } });
      });
      await s.drain();
      expect(s.outbox.counts()).toMatchObject({ pending: 0, inflight: 0, dead: 0, done: 2 });
      const created = simPersonsWithExt(ext);
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({ displayname: 'Eva Malá', note: 'VIP', contacts: [expect.objectContaining({ type: 1, contact: '+420 603 555 111' })] });
      expect(attemptsOf(s.db, 'contact', contactId)).toBe(expectedAttempts(fault));
      expect(s.db.prepare(`SELECT ucs_person_id, external_id FROM contacts WHERE id = ?`).get(contactId)).toEqual({ ucs_person_id: String(created[0].id), external_id: ext });
    } finally {
      s.close();
    }
  });

  it('without an external_id the local id is the reference: a lost reply still makes one person', async () => {
    const s = await station();
    try {
      await addFault(bench.sim, { system: 'ucs', route: '/api/v1.0/crm/person', method: 'POST', kind: 'lost_reply' });
      s.outbox.transact((enqueue) => {
        newContact(s.db, 'c-noext', 'Jan Novák');
        enqueue({ remote: 'ucs', entity: 'contact', entityId: 'c-noext', operation: 'contact.create', payload: { firstname: 'Jan', lastname: 'Novák' } });
      });
      await s.drain();
      expect(simPersonsWithExt('c-noext')).toEqual([expect.objectContaining({ firstname: 'Jan', lastname: 'Novák', group_id: 1 })]);
      expect((s.db.prepare(`SELECT ucs_person_id FROM contacts WHERE id = 'c-noext'`).get() as Json).ucs_person_id).toBe(String(simPersonsWithExt('c-noext')[0].id));
    } finally {
      s.close();
    }
  });

  it('UCS refuses (HTTP 200 success:false): dead with the remote’s message, nothing created; an update of a contact UCS never had is dead too', async () => {
    const s = await station();
    try {
      s.outbox.transact((enqueue) => {
        newContact(s.db, 'c-bad', 'Bad');
        newContact(s.db, 'c-never', 'Never');
        enqueue({ remote: 'ucs', entity: 'contact', entityId: 'c-bad', operation: 'contact.create', payload: { displayname: 'Bad', external_id: 'DS-bad', contacts: [{ type: 1, contact: '603 abc' }] } });
        enqueue({ remote: 'ucs', entity: 'contact', entityId: 'c-never', operation: 'contact.update', payload: { note: 'x' } });
      });
      await s.drain();
      const dead = s.outbox.list({ status: 'dead', limit: 10 });
      expect(dead.map((d) => [d.entityId, d.errorCode])).toEqual([
        ['c-bad', 'validation'],
        ['c-never', 'not_found'],
      ]);
      expect(dead[0]!.errorMessage).toContain('contain invalid character');
      expect(simPersonsWithExt('DS-bad')).toEqual([]);
      // the payload schema guards what may be enqueued at all
      s.outbox.transact((enqueue) => enqueue({ remote: 'ucs', entity: 'contact', entityId: 'c-bad2', operation: 'contact.create', payload: { group_id: 'one' } }));
      await s.drain();
      expect(s.outbox.list({ status: 'dead', limit: 10 }).find((d) => d.entityId === 'c-bad2')?.errorCode).toBe('bad_payload');
    } finally {
      s.close();
    }
  });
});

describe('company create and update', () => {
  it.each(FAULTS)('under %s: one company, its people by local contact id with their roles, then renamed', async (label, fault) => {
    const s = await station();
    try {
      const tag = label.replace(/\W+/g, '-');
      const companyId = `co-${tag}`;
      // The person already in UCS (pulled earlier): the seed's 123457.
      s.db.prepare(`INSERT INTO contacts (id, display_name, ucs_person_id, updated_at) VALUES (?, 'Jana', '123457', 0)`).run(`jana-${tag}`);
      if ('kind' in fault) await addFault(bench.sim, { system: 'ucs', route: '/api/v1.0/crm/company', method: 'POST', ...fault });
      s.outbox.transact((enqueue) => {
        newCompany(s.db, companyId, 'Dock s.r.o.');
        enqueue({ remote: 'ucs', entity: 'company', entityId: companyId, operation: 'company.create', payload: { name: 'Dock s.r.o.', data: { ico: '123' }, persons: [{ contact_id: `jana-${tag}`, role: 'jednatel' }] } });
        enqueue({ remote: 'ucs', entity: 'company', entityId: companyId, operation: 'company.update', payload: { name: 'Dock a.s.' } });
      });
      await s.drain();
      expect(s.outbox.counts()).toMatchObject({ pending: 0, dead: 0, done: 2 });
      const created = simCompaniesWithExt(companyId);
      expect(created).toEqual([expect.objectContaining({ name: 'Dock a.s.', group_id: 1, data: { ico: '123' }, persons: [{ person_id: 123457, role: 'jednatel' }] })]);
      expect(attemptsOf(s.db, 'company', companyId)).toBe(expectedAttempts(fault));
      expect(s.db.prepare(`SELECT ucs_company_id FROM companies WHERE id = ?`).get(companyId)).toEqual({ ucs_company_id: String(created[0].id) });
    } finally {
      s.close();
    }
  });

  it('a company naming a contact whose own create has not landed waits for it, then links the new person', async () => {
    const s = await station();
    try {
      // The person's create fails twice with 500 first; the company (another entity, sent in parallel) must wait.
      await addFault(bench.sim, { system: 'ucs', route: '/api/v1.0/crm/person', method: 'POST', kind: 'error', status: 500, count: 2 });
      s.outbox.transact((enqueue) => {
        newContact(s.db, 'c-owner', 'Owner');
        newCompany(s.db, 'co-owned', 'Owned');
        enqueue({ remote: 'ucs', entity: 'contact', entityId: 'c-owner', operation: 'contact.create', payload: { displayname: 'Owner', external_id: 'DS-owner' } });
        enqueue({ remote: 'ucs', entity: 'company', entityId: 'co-owned', operation: 'company.create', payload: { name: 'Owned', persons: [{ contact_id: 'c-owner', role: 'majitel' }] } });
      });
      await s.drain();
      expect(s.outbox.counts()).toMatchObject({ pending: 0, dead: 0, done: 2 });
      const person = simPersonsWithExt('DS-owner');
      expect(person).toHaveLength(1);
      expect(simCompaniesWithExt('co-owned')).toEqual([expect.objectContaining({ persons: [{ person_id: person[0].id, role: 'majitel' }] })]);
    } finally {
      s.close();
    }
  });
});

describe('call metadata', () => {
  it.each(FAULTS)('under %s: a differential merge (set, keep, delete) lands as one merge', async (label, fault) => {
    const s = await station();
    try {
      const rung = (await bench.control('/calls', { method: 'POST', json: { number: '+420777000111', queue: 74 } })).json as Json;
      const before = await bench.ucs.metadata(rung.uniqueid);
      expect(before).toHaveProperty('outbound_id');
      s.db.prepare(`INSERT INTO calls (id, uniqueid, direction, number_raw, status, started_at) VALUES (?, ?, 'inbound', '+420777000111', 'ringing', 0)`).run(`call-${label}`, rung.uniqueid);
      if ('kind' in fault) await addFault(bench.sim, { system: 'ucs', route: '/api/v1.0/metadata/*', method: 'POST', ...fault });
      s.outbox.transact((enqueue) =>
        enqueue({ remote: 'ucs', entity: 'call', entityId: `call-${label}`, operation: 'call.metadata', payload: { patch: { outbound_id: null, pokus: 'hokus', dockside_order: 'ODR-1' } } }),
      );
      await s.drain();
      expect(s.outbox.counts()).toMatchObject({ pending: 0, dead: 0, done: 1 });
      expect(attemptsOf(s.db, 'call', `call-${label}`)).toBe(expectedAttempts(fault));
      const { outbound_id: _gone, ...kept } = before;
      expect(await bench.ucs.metadata(rung.uniqueid)).toEqual({ ...kept, pokus: 'hokus', dockside_order: 'ODR-1' });
      const local = s.db.prepare(`SELECT data FROM remote_records WHERE remote = 'ucs' AND resource = 'call_metadata' AND remote_id = ?`).get(rung.uniqueid) as Json;
      expect(JSON.parse(local.data)).toEqual({ ...kept, pokus: 'hokus', dockside_order: 'ODR-1' });
    } finally {
      s.close();
    }
  });
});
