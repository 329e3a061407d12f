// The incremental µCRM pull, run by the real PullEngine against the simulator over HTTP. The lists
// carry no contacts, so a person's numbers need a detail call: the list pass must write every row
// from the summaries alone (no detail call), and the detail resources must read only what is new
// or changed, plus a bounded rotating refresh (a changed number leaves the summary as it was), so
// that a sweep of 500,000 persons is not 500,000 calls. Request counts come from the simulator's
// request log; a crash mid-details resumes from the stored cursor.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findByNumber, ucsSync, type UcsClient, type UcsPullOptions } from '../../../../src-main/core/connectors/ucs';
import type { Db } from '../../../../src-main/core/db/database';
import { silentLogger } from '../../../../src-main/core/log/logger';
import { systemClock } from '../../../../src-main/core/platform/ports';
import { Outbox } from '../../../../src-main/core/sync/outbox';
import { PullEngine, type ResourceProgress } from '../../../../src-main/core/sync/pull';
import { call, ucsToken, withSim, type Json } from '../../../sim/helpers';
import { openTestDb, ucsClientOf, useUcsSim } from './syncHelpers';

const CRM = ['persons', 'companies', 'person_details', 'company_details'];
const PERSON = '/api/v1.0/crm/person/';
const COMPANY = '/api/v1.0/crm/company/';

const bench = useUcsSim();
const { control, clearLog } = bench;
/** The detail GETs the simulator served since the log was cleared, as UCS ids. */
async function detailIds(prefix: string): Promise<number[]> {
  const log = (await control(`/requests?system=ucs&method=GET&limit=20000&path=${encodeURIComponent(prefix)}`)).json as Json[];
  return log.map((r) => Number(String(r.path).slice(prefix.length))).filter((n) => Number.isInteger(n));
}
const count = (db: Db, sql: string, ...args: unknown[]): number => (db.prepare(sql).get(...args) as { n: number }).n;
const contactOf = (db: Db, ucsId: number | string): Json => db.prepare(`SELECT * FROM contacts WHERE ucs_person_id = ?`).get(String(ucsId));

/** A station's pull: the real engine over the UCS module; `restart` is a new process on the same database. */
function station(db: Db, opts: UcsPullOptions = {}, client: UcsClient = bench.ucs) {
  const outbox = new Outbox(db, systemClock);
  const progress: Record<string, ResourceProgress>[] = [];
  const pull = new PullEngine({
    db,
    clock: systemClock,
    openKeys: (r) => outbox.openKeys(r),
    onProgress: (r) => {
      const p = pull.progress(r).get('person_details');
      if (p) progress.push({ person_details: { ...p } });
    },
  });
  const mod = ucsSync({ db, clock: systemClock, logger: silentLogger, stationId: 'st-1', client: async () => client, defaultCountry: 'CZ' }, opts);
  pull.register('ucs', mod.resources, async () => client);
  return { pull, outbox, progress, run: (names: string[] = CRM) => pull.run('ucs', names) };
}

let db: Db;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(() => db.close());

describe('UCS incremental µCRM pull (real PullEngine, small simulator)', () => {
  it('the list pass writes a contact per person from the summaries alone, without one detail call; the details then fill numbers, e-mail and links', async () => {
    // Counted 97 at a time: the progress total is still exact when the count takes several steps.
    const st = station(db, { countStep: 97 });
    const list = await st.run(['persons', 'companies']);
    expect(list.failed).toEqual({});
    const total = list.records.persons!;
    expect(total).toBeGreaterThan(500);
    expect(count(db, `SELECT COUNT(*) AS n FROM contacts WHERE ucs_person_id IS NOT NULL`)).toBe(total);
    expect(count(db, `SELECT COUNT(*) AS n FROM companies WHERE ucs_company_id IS NOT NULL`)).toBe(list.records.companies);
    expect(await detailIds(PERSON)).toEqual([]);
    expect(await detailIds(COMPANY)).toEqual([]);
    expect(contactOf(db, 123456)).toMatchObject({ display_name: 'Martin Dvořák', external_id: '321654987', email: null, company_id: null });
    expect(count(db, `SELECT COUNT(*) AS n FROM contact_phones`)).toBe(0);

    const details = await st.run(['person_details', 'company_details']);
    expect(details).toMatchObject({ records: { person_details: total, company_details: list.records.companies }, failed: {} });
    expect((await detailIds(PERSON)).sort((a, b) => a - b)).toEqual((db.prepare(`SELECT ucs_person_id FROM contacts`).all() as Json[]).map((r) => Number(r.ucs_person_id)).sort((a, b) => a - b));
    // The progress bar's total was the whole backlog from the first page on.
    expect(st.progress.at(-1)).toEqual({ person_details: { done: total, total } });
    const totals = st.progress.map((p) => p.person_details!.total).filter((t) => t !== undefined);
    expect(totals.length).toBeGreaterThan(1);
    expect(totals.every((t) => t === total)).toBe(true);
    const petr = contactOf(db, 59233);
    expect(petr).toMatchObject({ email: 'a@b.cd' });
    expect(findByNumber(db, '00420654321987', 'CZ')).toEqual([expect.objectContaining({ contactId: petr.id, exact: true })]);
    expect(contactOf(db, 123456)).toMatchObject({ company_role: 'majitel', company_id: expect.any(String) });
  });

  it('a second run with nothing changed reads no detail (refresh off), or exactly the N stalest per kind (refresh N)', async () => {
    await station(db).run();
    const before = db.prepare(`SELECT id, display_name, email, company_id, company_role FROM contacts ORDER BY id`).all();
    await clearLog();
    const idle = await station(db, { refreshPerRun: 0 }).run();
    expect(idle.failed).toEqual({});
    expect(await detailIds(PERSON)).toEqual([]);
    expect(await detailIds(COMPANY)).toEqual([]);
    expect(idle.records).toMatchObject({ person_details: 0, company_details: 0 });
    // the lists are still read in full: that is how a change is seen
    expect(((await control('/requests?system=ucs&path=' + encodeURIComponent('/api/v1.0/crm/persons'))).json as Json[]).length).toBeGreaterThan(0);

    await clearLog();
    await station(db, { refreshPerRun: 100 }).run();
    expect(await detailIds(PERSON)).toHaveLength(100);
    expect(await detailIds(COMPANY)).toHaveLength(100);
    expect(db.prepare(`SELECT id, display_name, email, company_id, company_role FROM contacts ORDER BY id`).all()).toEqual(before);
  });

  it('a summary changed in UCS makes exactly that detail due; a changed number alone does not (that is the refresh’s job)', async () => {
    await station(db).run();
    const id = 123457;
    const orig = await bench.ucs.person(id);
    try {
      await bench.ucs.updatePerson(id, { lastname: 'Dvořáková-Nová', contacts: [{ type: 1, contact: '+420 603 555 111', label: 'mobil' }] });
      const other = (await bench.ucs.personsPage(300, 1)).items[0]!.id;
      await bench.ucs.updatePerson(other, { contacts: [{ type: 1, contact: '+420 603 555 222' }] });
      await clearLog();
      await station(db, { refreshPerRun: 0 }).run();
      expect(await detailIds(PERSON)).toEqual([id]);
      expect(await detailIds(COMPANY)).toEqual([]);
      expect(contactOf(db, id)).toMatchObject({ last_name: 'Dvořáková-Nová' });
      expect(findByNumber(db, '603555111', 'CZ').map((m) => m.contactId)).toEqual([contactOf(db, id).id]);
      expect(findByNumber(db, '603555222', 'CZ')).toEqual([]);
    } finally {
      await bench.ucs.updatePerson(id, { lastname: orig.lastname ?? '', contacts: [] });
    }
  });

  it('the rotating refresh brings a changed number (summary unchanged) within ceil(total / N) runs, N details per run', async () => {
    const N = 150;
    await station(db).run(['persons', 'person_details']);
    const total = count(db, `SELECT COUNT(*) AS n FROM contacts`);
    // The person whose detail was read last: the refresh comes to it last.
    const last = db.prepare(`SELECT ucs_person_id AS id FROM contacts ORDER BY ucs_details_at DESC, ucs_person_id DESC LIMIT 1`).get() as { id: string };
    const before = await bench.ucs.person(Number(last.id));
    try {
      await bench.ucs.updatePerson(Number(last.id), { contacts: [{ type: 1, contact: '+420 604 777 888', label: 'nový' }] });
      const runs = Math.ceil(total / N);
      let arrivedAt = 0;
      for (let run = 1; run <= runs && !arrivedAt; run++) {
        await clearLog();
        await station(db, { refreshPerRun: N }).run(['persons', 'person_details']);
        const asked = await detailIds(PERSON);
        expect(asked.length).toBe(N);
        expect(new Set(asked).size).toBe(asked.length);
        if (findByNumber(db, '604777888', 'CZ').length > 0) arrivedAt = run;
      }
      expect(arrivedAt).toBe(runs);
      expect(findByNumber(db, '+420604777888', 'CZ')).toEqual([expect.objectContaining({ contactId: contactOf(db, last.id).id, label: 'nový' })]);
    } finally {
      await bench.ucs.updatePerson(Number(last.id), { contacts: before.contacts.map((c) => ({ type: c.type, contact: c.contact, ...(c.label ? { label: c.label } : {}) })) });
    }
  });

  it('a crash mid-details resumes at the stored cursor: no detail applied before is asked again, the rest is asked once', async () => {
    await station(db).run(['persons', 'companies']);
    const total = count(db, `SELECT COUNT(*) AS n FROM contacts`);
    // The process dies during the 3rd page of 100: the engine is closed (every fetch aborted) mid-page.
    let calls = 0;
    const dies = { now: (): void => undefined };
    const dying: UcsClient = Object.create(bench.ucs, {
      person: {
        value: (id: number) => {
          if (++calls === 250) dies.now();
          return bench.ucs.person(id);
        },
      },
    });
    const first = station(db, { detailPageSize: 100, refreshPerRun: 0 }, dying);
    dies.now = () => void first.pull.close();
    await first.run(['person_details']);
    const cursor = (db.prepare(`SELECT cursor FROM sync_cursors WHERE remote = 'ucs' AND resource = 'person_details'`).get() as { cursor: string }).cursor;
    expect(JSON.parse(cursor)).toMatchObject({ phase: 'due', left: 0 });
    const applied = new Set((db.prepare(`SELECT ucs_person_id AS id FROM contacts WHERE ucs_details_at IS NOT NULL`).all() as Json[]).map((r) => Number(r.id)));
    expect(applied.size).toBe(200);

    await clearLog();
    const second = station(db, { detailPageSize: 100, refreshPerRun: 0 });
    const res = await second.run(['person_details']);
    expect(res).toMatchObject({ records: { person_details: total - 200 }, failed: {} });
    const asked = await detailIds(PERSON);
    expect(asked).toHaveLength(total - 200);
    expect(asked.filter((id) => applied.has(id))).toEqual([]);
    expect(second.progress.find((p) => p.person_details!.total !== undefined)?.person_details?.total).toBe(total - 200);
    expect(count(db, `SELECT COUNT(*) AS n FROM contacts WHERE ucs_details_at IS NULL`)).toBe(0);
    expect((db.prepare(`SELECT cursor FROM sync_cursors WHERE remote = 'ucs' AND resource = 'person_details'`).get() as { cursor: string | null }).cursor).toBeNull();
  });

  it('a contact with local work waiting is held back, its conflict recorded; once the work is sent the next run applies it without any refresh', async () => {
    const st = station(db);
    await st.run();
    const jana = contactOf(db, 123457);
    const orig = await bench.ucs.person(123457);
    try {
      st.outbox.transact((enqueue) => enqueue({ remote: 'ucs', entity: 'contact', entityId: jana.id, operation: 'contact.update', payload: { lastname: 'local' } }));
      await bench.ucs.updatePerson(123457, { lastname: 'Remote', contacts: [{ type: 1, contact: '+420 605 000 111' }] });
      await clearLog();
      await station(db, { refreshPerRun: 0 }).run();
      expect(await detailIds(PERSON)).toEqual([123457]); // read, for the conflict's remote version
      expect(contactOf(db, 123457)).toMatchObject({ last_name: jana.last_name });
      expect(findByNumber(db, '605000111', 'CZ')).toEqual([]);
      expect(db.prepare(`SELECT resource, entity_id FROM sync_conflicts WHERE resolved_at IS NULL`).all()).toEqual([{ resource: 'person_details', entity_id: jana.id }]);

      db.prepare(`UPDATE jobs SET status = 'done'`).run();
      await station(db, { refreshPerRun: 0 }).run();
      expect(contactOf(db, 123457)).toMatchObject({ last_name: 'Remote' });
      expect(findByNumber(db, '605000111', 'CZ').map((m) => m.contactId)).toEqual([jana.id]);
      expect(count(db, `SELECT COUNT(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL`)).toBe(0);
    } finally {
      await bench.ucs.updatePerson(123457, { lastname: orig.lastname ?? '', contacts: [] });
    }
  });

  it('a person deleted in UCS after it was listed is skipped, not asked again every run', async () => {
    await station(db).run(['persons']);
    await clearLog();
    const gone = (await bench.ucs.personsPage(10, 1)).items[0]!.id;
    const saved = await bench.ucs.person(gone);
    // (last in this file: the simulator is shared by its tests)
    await call(`${bench.sim.urls.ucs}/api/v1.0/crm/person/${gone}`, { method: 'DELETE', headers: { authorization: `Bearer ${await ucsToken(bench.sim)}` } });
    expect(saved.id).toBe(gone);
    const r = await station(db, { refreshPerRun: 0 }).run(['person_details']);
    expect(r.failed).toEqual({});
    expect(await detailIds(PERSON)).toContain(gone);
    expect(contactOf(db, gone)).toBeDefined();
    await clearLog();
    await station(db, { refreshPerRun: 0 }).run(['person_details']);
    expect(await detailIds(PERSON)).toEqual([]);
  });
});

// The large simulator (500,000 persons): opt-in (UCS_LARGE=1), since it takes a minute of both
// cores of a shared machine. Logs summaries/s and details/s, CPU and the longest apply.
describe.runIf(process.env.UCS_LARGE === '1')('UCS incremental µCRM pull at the large scale', () => {
  it('applies the 500,000 summaries in one pass; a person becomes findable by phone once its detail arrived', async () => {
    const big = await withSim({ scale: 'large' });
    const client = ucsClientOf(big);
    try {
      const DETAILS = 5_000;
      const st = station(db, {}, client);
      const applies: number[] = [];
      for (const res of st.pull.resources('ucs')) {
        const apply = res.apply.bind(res);
        res.apply = (items, ctx) => {
          const t0 = performance.now();
          apply(items, ctx);
          applies.push(performance.now() - t0);
        };
      }
      const cpu0 = process.cpuUsage();
      let t0 = performance.now();
      const list = await st.run(['persons']);
      const listS = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      expect(list).toMatchObject({ records: { persons: 500_003 }, failed: {} });
      expect(count(db, `SELECT COUNT(*) AS n FROM contacts WHERE ucs_person_id IS NOT NULL`)).toBe(500_003);
      const longestList = Math.max(...applies.splice(0));

      // Details: the engine is stopped once DETAILS have been applied (the rest would take minutes).
      const stop = setInterval(() => {
        if ((st.pull.progress('ucs').get('person_details')?.done ?? 0) >= DETAILS) void st.pull.close();
      }, 20);
      t0 = performance.now();
      await st.run(['person_details']);
      clearInterval(stop);
      const detailsS = (performance.now() - t0) / 1000;
      const read = count(db, `SELECT COUNT(*) AS n FROM contacts WHERE ucs_details_at IS NOT NULL`);
      expect(read).toBeGreaterThanOrEqual(DETAILS);
      console.log(
        `UCS large: ${Math.round(500_003 / listS)} summaries/s (${listS.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU incl. the in-process simulator, longest apply ${longestList.toFixed(0)} ms); ` +
          `${Math.round(read / detailsS)} details/s (longest apply ${Math.max(...applies).toFixed(0)} ms)`,
      );
      const last = db.prepare(`SELECT ucs_person_id AS id FROM contacts WHERE ucs_details_at IS NOT NULL ORDER BY ucs_person_id DESC LIMIT 1`).get() as { id: string };
      const person = await client.person(Number(last.id));
      const phone = person.contacts.find((c) => c.type === 1)!.contact;
      expect(findByNumber(db, phone, 'CZ').map((m) => m.contactId)).toContain(contactOf(db, last.id).id);
    } finally {
      await big.close();
    }
  }, 600_000);
});
