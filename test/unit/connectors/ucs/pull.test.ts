// UCS pull over real HTTP against the in-process simulator: every resource lands in the local
// tables exactly as the simulator holds it, a re-run changes nothing, the µCRM lists page to
// `total` and no further (incremental details: pullDetails.test.ts), the phone index finds people by every form of their number, rows with
// waiting local work are not overwritten (a conflict is recorded), and handled calls follow their CDR.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ucsSync, type UcsClient, findByNumber, myQueueMemberships, type UcsPerson } from '../../../../src-main/core/connectors/ucs';
import type { Db } from '../../../../src-main/core/db/database';
import { silentLogger } from '../../../../src-main/core/log/logger';
import { systemClock } from '../../../../src-main/core/platform/ports';
import { Outbox } from '../../../../src-main/core/sync/outbox';
import type { PullResource } from '../../../../src-main/core/sync/types';
import { addFault, type Json } from '../../../sim/helpers';
import { openTestDb, runAll, runResource, useUcsSim } from './syncHelpers';

const bench = useUcsSim();
const { control } = bench;
const openDb = (): Promise<Db> => openTestDb();
const deps = (db: Db) => ({ db, clock: systemClock, logger: silentLogger, stationId: 'st-1', client: async () => bench.ucs, defaultCountry: 'CZ' });
const resource = (db: Db, name: string, opts: Parameters<typeof ucsSync>[1] = {}): PullResource<unknown, UcsClient> =>
  ucsSync(deps(db), opts).resources.find((r) => r.resource === name)!;

const records = (db: Db, resource: string): Json[] =>
  (db.prepare(`SELECT remote_id, data FROM remote_records WHERE remote = 'ucs' AND resource = ? ORDER BY CAST(remote_id AS INTEGER)`).all(resource) as { remote_id: string; data: string }[]).map(
    (r) => ({ ...JSON.parse(r.data), id: r.remote_id }),
  );
const contactByUcs = (db: Db, id: number | string): Json => db.prepare(`SELECT * FROM contacts WHERE ucs_person_id = ?`).get(String(id));
const phonesOf = (db: Db, contactId: string): string[] =>
  (db.prepare(`SELECT raw FROM contact_phones WHERE contact_id = ? ORDER BY id`).all(contactId) as { raw: string }[]).map((r) => r.raw);
/** Everything the pull writes, without timestamps: equal means nothing changed. */
const snapshot = (db: Db): unknown => ({
  contacts: db.prepare(`SELECT id, company_id, company_role, first_name, last_name, display_name, email, external_id, ucs_person_id FROM contacts ORDER BY id`).all(),
  companies: db.prepare(`SELECT id, name, ucs_company_id, external_id FROM companies ORDER BY id`).all(),
  phones: db.prepare(`SELECT id, contact_id, company_id, raw, e164, kind FROM contact_phones ORDER BY id`).all(),
  keys: db.prepare(`SELECT key, phone_id, exact FROM phone_keys ORDER BY key, phone_id`).all(),
  records: db.prepare(`SELECT resource, remote_id, data FROM remote_records ORDER BY resource, remote_id`).all(),
});

async function allSimPersons(): Promise<UcsPerson[]> {
  const ids: number[] = [];
  for await (const p of bench.ucs.allPersons()) ids.push(...p.items.map((x) => x.id));
  return bench.ucs.persons(ids, 16);
}

describe('UCS pull: a full pass', () => {
  let db: Db;
  let simPersons: UcsPerson[];
  beforeAll(async () => {
    db = await openDb();
    await runAll(db, ucsSync(deps(db)).resources, bench.ucs);
    simPersons = await allSimPersons();
  });
  afterAll(() => db.close());

  it('reference data: groups, roles, teams (with AUX reasons), queues, users (detail), every agent’s memberships', async () => {
    const [groups, roles, teams, queues, users, agents] = await Promise.all([bench.ucs.groups(), bench.ucs.roles(), bench.ucs.teams(), bench.ucs.queues(), bench.ucs.users(), bench.ucs.agentQueues()]);
    const ids = (xs: { id: number }[]) => xs.map((x) => String(x.id)).sort((a, b) => Number(a) - Number(b));
    expect(records(db, 'groups').map((r) => r.id)).toEqual(ids(groups));
    expect(records(db, 'roles')).toEqual(roles.map((r) => ({ ...r, id: String(r.id) })).sort((a, b) => Number(a.id) - Number(b.id)));
    expect(records(db, 'teams').map((r) => r.id)).toEqual(ids(teams));
    expect(records(db, 'teams').flatMap((t) => t.aux_reasons)).toEqual(teams.flatMap((t) => t.aux_reasons));
    expect(records(db, 'queues').map((r) => r.id)).toEqual(ids(queues));
    expect(records(db, 'users').map((r) => r.id)).toEqual(ids(users));
    // the detail, not just the summary: username, group and extension
    expect(records(db, 'users').find((u) => u.id === '123')).toMatchObject({ username: 'test', group_id: 1 });
    expect(records(db, 'users').find((u) => u.id === '11')).toMatchObject({ name: 'Bob', external_id: '2468', username: expect.any(String) });
    expect(records(db, 'queue_memberships').map((r) => r.id)).toEqual(ids(agents));
    expect(myQueueMemberships(db, { ucsUserId: 11 })).toEqual([{ id: 234, type: 0, priority: 50, suspended: false }]);
    expect(myQueueMemberships(db, { externalId: 'asdf' }).map((m) => m.id)).toEqual(expect.arrayContaining([146, 123, 82, 103]));
    expect(myQueueMemberships(db, { externalId: 'nobody' })).toEqual([]);
  });

  it('every µCRM person is one contact with exactly its phone numbers and e-mail', () => {
    expect((db.prepare(`SELECT COUNT(*) AS n FROM contacts`).get() as Json).n).toBe(simPersons.length);
    for (const p of simPersons) {
      const c = contactByUcs(db, p.id);
      expect(c, `person ${p.id}`).toBeDefined();
      expect(c.external_id).toBe(p.external_id ?? null);
      expect(phonesOf(db, c.id)).toEqual(p.contacts.filter((x) => x.type === 1).map((x) => x.contact));
      expect(c.email).toBe(p.contacts.find((x) => x.type === 2)?.contact ?? null);
    }
  });

  it('the seed’s own records: 123456 is the `majitel` of company 10764, 123457 and 59233 exist as written', () => {
    const martin = contactByUcs(db, 123456);
    expect(martin).toMatchObject({ display_name: 'Martin Dvořák', external_id: '321654987', company_role: 'majitel' });
    const insoft = db.prepare(`SELECT * FROM companies WHERE id = ?`).get(martin.company_id) as Json;
    expect(insoft).toMatchObject({ ucs_company_id: '10764', name: 'INSOFT s.r.o.', external_id: 'ins' });
    expect(contactByUcs(db, 123457)).toMatchObject({ display_name: 'Jana Dvořáková', company_id: null });
    expect(contactByUcs(db, 59233)).toMatchObject({ display_name: 'Ing. Petr Novák VIP', first_name: 'Petr', email: 'a@b.cd' });
    expect(phonesOf(db, contactByUcs(db, 59233).id)).toEqual(['+420654321987']);
  });

  it('every company is one row, its people linked with their role, its switchboard indexed', async () => {
    const all: number[] = [];
    for await (const p of bench.ucs.allCompanies()) all.push(...p.items.map((x) => x.id));
    expect((db.prepare(`SELECT COUNT(*) AS n FROM companies`).get() as Json).n).toBe(all.length);
    for (const id of all.filter((_, i) => i % 10 === 0).concat(10764)) {
      const c = await bench.ucs.company(id);
      const local = db.prepare(`SELECT * FROM companies WHERE ucs_company_id = ?`).get(String(id)) as Json;
      const linked = db.prepare(`SELECT ucs_person_id, company_role FROM contacts WHERE company_id = ? ORDER BY CAST(ucs_person_id AS INTEGER)`).all(local.id);
      expect(linked).toEqual(c.persons.map((p) => ({ ucs_person_id: String(p.person_id), company_role: p.role ?? null })).sort((a, b) => Number(a.ucs_person_id) - Number(b.ucs_person_id)));
      const switchboard = typeof c.data?.phone === 'string' ? [c.data.phone] : [];
      expect((db.prepare(`SELECT raw FROM contact_phones WHERE company_id = ?`).all(local.id) as Json[]).map((r) => r.raw)).toEqual(switchboard);
    }
  });

  it('the phone index finds every person by the E.164 of each of their numbers', () => {
    let n = 0;
    for (const p of simPersons) {
      for (const ph of p.contacts.filter((x) => x.type === 1)) {
        const hits = findByNumber(db, ph.contact, 'CZ');
        expect(hits.some((h) => h.contactId === contactByUcs(db, p.id).id), `${ph.contact} → person ${p.id}`).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(800);
  });

  it('a re-run is idempotent: not a row, key or record changes', async () => {
    const before = snapshot(db);
    await runAll(db, ucsSync(deps(db)).resources, bench.ucs);
    expect(snapshot(db)).toEqual(before);
  });
});

describe('UCS sync module', () => {
  it('runs the resources in dependency order and registers one push per operation', async () => {
    const db = await openDb();
    try {
      const sync = ucsSync(deps(db));
      expect(sync.remote).toBe('ucs');
      expect(sync.resources.map((r) => [r.resource, r.mode])).toEqual(
        ['groups', 'roles', 'teams', 'queues', 'users', 'queue_memberships', 'persons', 'companies', 'calls', 'person_details', 'company_details'].map((r) => [r, 'sweep']),
      );
      expect(sync.pushes.map((p) => p.operation)).toEqual(['contact.create', 'contact.update', 'company.create', 'company.update', 'call.metadata']);
    } finally {
      db.close();
    }
  });

  it('a contact another connector brought in with the same external_id becomes the UCS person, not a second contact', async () => {
    const db = await openDb();
    try {
      db.prepare(`INSERT INTO contacts (id, display_name, external_id, updated_at) VALUES ('afosto-1', 'M. Dvořák', '321654987', 0)`).run();
      const run = await runResource(db, resource(db, 'persons'), bench.ucs);
      expect((db.prepare(`SELECT COUNT(*) AS n FROM contacts`).get() as Json).n).toBe(run.records);
      expect(contactByUcs(db, 123456)).toMatchObject({ id: 'afosto-1', display_name: 'Martin Dvořák', external_id: '321654987' });
    } finally {
      db.close();
    }
  });
});

describe('UCS pull: paging', () => {
  it('persons page by limit/offset to `total` and no further; total is reported for progress', async () => {
    const db = await openDb();
    try {
      const res = ucsSync(deps(db), { pageSize: 150 }).resources.find((r) => r.resource === 'persons')!;
      const run = await runResource(db, res, bench.ucs);
      const total = run.totals[0]!;
      expect(total).toBeGreaterThan(150);
      expect(run.totals.every((t) => t === total)).toBe(true);
      expect(run.records).toBe(total);
      const reqs = (await control('/requests?system=ucs&path=' + encodeURIComponent('/api/v1.0/crm/persons'))).json as Json[];
      expect(reqs.map((r) => new URLSearchParams(r.query).get('offset'))).toEqual(Array.from({ length: Math.ceil(total / 150) }, (_, i) => String(i * 150)));
      // a sweep: the run ends with a null cursor, so the next starts from the beginning
      expect((db.prepare(`SELECT cursor FROM sync_cursors WHERE resource = 'persons'`).get() as Json).cursor).toBeNull();
    } finally {
      db.close();
    }
  });
});

describe('UCS pull: faults', () => {
  it('a 500 on a list page fails it as a retryable RemoteError, nothing of it applied; the next run resumes at the saved cursor', async () => {
    const db = await openDb();
    try {
      const res = resource(db, 'persons', { pageSize: 300 });
      // page 1 applies; page 2 meets a real 500 from the simulator → the run stops with page 1's cursor saved
      let served = 0;
      const flaky: UcsClient = Object.create(bench.ucs, {
        personsPage: {
          value: async (offset: number, limit: number) => {
            if (++served === 2) await addFault(bench.sim, { system: 'ucs', route: '/api/v1.0/crm/persons', method: 'GET', kind: 'error', status: 500 });
            return bench.ucs.personsPage(offset, limit);
          },
        },
      });
      await expect(runResource(db, res, flaky)).rejects.toMatchObject({ name: 'RemoteError', kind: 'server', retryable: true });
      expect((db.prepare(`SELECT cursor FROM sync_cursors WHERE resource = 'persons'`).get() as Json).cursor).toBe('300');
      expect((db.prepare(`SELECT COUNT(*) AS n FROM contacts`).get() as Json).n).toBe(300);
      await bench.clearLog();
      const rest = await runResource(db, res, bench.ucs);
      const offsets = ((await control('/requests?system=ucs&path=' + encodeURIComponent('/api/v1.0/crm/persons'))).json as Json[]).map((r) => new URLSearchParams(r.query).get('offset'));
      expect(offsets[0]).toBe('300');
      expect((db.prepare(`SELECT COUNT(*) AS n FROM contacts`).get() as Json).n).toBe(rest.totals[0]);
    } finally {
      db.close();
    }
  });
});

describe('UCS pull: changes and conflicts', () => {
  it('a remote change of a person’s numbers and of a company’s people arrives; a protected contact is not overwritten but recorded', async () => {
    const db = await openDb();
    try {
      const pass = async (): Promise<void> => {
        for (const name of ['persons', 'companies', 'person_details', 'company_details']) await runResource(db, resource(db, name), bench.ucs);
      };
      await pass();
      const jana = contactByUcs(db, 123457);
      const martin = contactByUcs(db, 123456);
      // Jana gets a mobile; the company now lists Jana as jednatel and Martin as dodavatel (the seed's Company Update).
      await bench.ucs.updatePerson(123457, { contacts: [{ type: 1, contact: '+420 602 111 222', label: 'mobil' }] });
      await bench.ucs.updateCompany(10764, { persons: [{ person_id: 123456, role: 'dodavatel' }, { person_id: 123457, role: 'jednatel' }] });
      // Martin has an edit waiting in the outbox.
      const outbox = new Outbox(db, systemClock);
      outbox.transact((enqueue) => enqueue({ remote: 'ucs', entity: 'contact', entityId: martin.id, operation: 'contact.update', payload: { note: 'local' } }));
      await bench.ucs.updatePerson(123456, { firstname: 'Martin', lastname: 'Dvořák', contacts: [{ type: 1, contact: '+420222333445' }] });

      // Jana's new number leaves her summary as it was: the rotating refresh (2,000 > 800 persons here) reads it.
      await pass();

      expect(phonesOf(db, jana.id)).toEqual(['+420 602 111 222']);
      expect(findByNumber(db, '602111222', 'CZ').map((m) => m.contactId)).toEqual([jana.id]);
      expect(contactByUcs(db, 123457)).toMatchObject({ company_id: martin.company_id, company_role: 'jednatel' });
      // Martin: unchanged (name, number, role), and the conflicts are on record
      expect(contactByUcs(db, 123456)).toMatchObject({ first_name: null, company_role: 'majitel' });
      expect(phonesOf(db, martin.id)).toEqual(['+420222333444']);
      const conflicts = db.prepare(`SELECT resource, entity, entity_id, remote_id FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY resource`).all();
      expect(conflicts).toEqual([
        { resource: 'company_details', entity: 'contact', entity_id: martin.id, remote_id: '123456' },
        { resource: 'person_details', entity: 'contact', entity_id: martin.id, remote_id: '123456' },
      ]);
      // The op is sent (drained): the next pass applies the remote row and resolves the conflict.
      db.prepare(`UPDATE jobs SET status = 'done'`).run();
      await runResource(db, resource(db, 'persons'), bench.ucs);
      await runResource(db, resource(db, 'person_details', { refreshPerRun: 0 }), bench.ucs); // Martin was held back: due without any refresh
      expect(contactByUcs(db, 123456)).toMatchObject({ first_name: 'Martin', last_name: 'Dvořák' });
      expect(phonesOf(db, martin.id)).toEqual(['+420222333445']);
      expect(db.prepare(`SELECT resource FROM sync_conflicts WHERE resolved_at IS NULL`).all()).toEqual([{ resource: 'company_details' }]);
    } finally {
      await bench.ucs.updatePerson(123456, { firstname: '', lastname: '', contacts: [{ type: 1, contact: '+420222333444', label: 'kancelář' }] }).catch(() => undefined);
      await bench.ucs.updateCompany(10764, { persons: [{ person_id: 123456, role: 'majitel' }] }).catch(() => undefined);
      await bench.ucs.updatePerson(123457, { contacts: [] }).catch(() => undefined);
      db.close();
    }
  });
});

describe('UCS pull: calls handled here', () => {
  it('a local call follows its CDR: ringing → answered → ended, metadata kept, the caller found by the index', async () => {
    const db = await openDb();
    try {
      await runResource(db, resource(db, 'persons'), bench.ucs);
      await runResource(db, resource(db, 'person_details'), bench.ucs);
      const rung = (await control('/calls', { method: 'POST', json: { number: '00420654321987', queue: 74 } })).json as Json;
      const petr = contactByUcs(db, 59233);
      const insertCall = db.prepare(
        `INSERT INTO calls (id, uniqueid, direction, number_raw, status, started_at) VALUES (?, ?, 'inbound', ?, 'ringing', ?)`,
      );
      insertCall.run('call-1', rung.uniqueid, '00420654321987', Date.now());
      insertCall.run('call-old', null, '123', Date.now()); // no uniqueid: nothing to ask UCS
      // The simulator writes CDR dates at UTC+1 all year (Prague winter time); the document's sample is Prague summer time.
      const calls = resource(db, 'calls', { timeZone: 'Etc/GMT-1' });

      await runResource(db, calls, bench.ucs);
      expect(db.prepare(`SELECT status, number_e164, contact_id, answered_at FROM calls WHERE id = 'call-1'`).get()).toEqual({
        status: 'ringing',
        number_e164: '+420654321987',
        contact_id: petr.id,
        answered_at: null,
      });
      await control(`/calls/${rung.uniqueid}/answer`, { method: 'POST', json: { agent: 11 } });
      await control(`/calls/${rung.uniqueid}/hangup`, { method: 'POST' });
      await bench.ucs.mergeMetadata(rung.uniqueid, { pokus: 'hokus' });
      await runResource(db, calls, bench.ucs);
      const row = db.prepare(`SELECT status, answered_at, ended_at FROM calls WHERE id = 'call-1'`).get() as Json;
      const cdr = await bench.ucs.callRecord(rung.uniqueid);
      expect(row.status).toBe('ended');
      expect(row.answered_at).toBeGreaterThanOrEqual(row.ended_at - 5_000);
      expect(Math.abs(row.ended_at - Date.now())).toBeLessThan(60_000); // the server's zone read right
      expect(records(db, 'calls')).toEqual([expect.objectContaining({ id: rung.uniqueid, disconnected: cdr.disconnected })]);
      expect(records(db, 'call_metadata')).toEqual([{ id: rung.uniqueid, ...cdr.metadata, pokus: 'hokus' }]);
      const asked = ((await control('/requests?system=ucs')).json as Json[]).filter((r) => r.path.startsWith('/api/v1.0/call/'));
      expect(asked.every((r) => r.path === `/api/v1.0/call/${rung.uniqueid}`)).toBe(true);
    } finally {
      db.close();
    }
  });
});
