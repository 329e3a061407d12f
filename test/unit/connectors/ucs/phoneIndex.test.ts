// The local phone index: a number stored in any form is found by a caller ID in any form, with one
// indexed query; switchboards shared by a company's people come back as the company plus its
// people; apply of a 500-person chunk stays in milliseconds. No HTTP here: persons and companies
// are applied through the connector's own detail resources, as the engine would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findByNumber, lookupKeys, PHONE_LOOKUP_SQL, ucsSync, writePhones, type UcsClient, type UcsCompany, type UcsPerson } from '../../../../src-main/core/connectors/ucs';
import type { Db } from '../../../../src-main/core/db/database';
import { silentLogger } from '../../../../src-main/core/log/logger';
import { systemClock } from '../../../../src-main/core/platform/ports';
import type { PullResource } from '../../../../src-main/core/sync/types';
import { applyContext, openTestDb } from './syncHelpers';

let db: Db;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(() => db.close());

const resources = (country = 'CZ') =>
  ucsSync({ db, clock: systemClock, logger: silentLogger, stationId: 'st', client: async () => undefined as unknown as UcsClient, defaultCountry: country }).resources;
/** Full persons and companies are what the detail resources apply (the lists carry no numbers). */
const DETAILS: Record<string, string> = { persons: 'person_details', companies: 'company_details' };
const apply = (name: string, items: unknown[], country = 'CZ'): void => {
  const resource = DETAILS[name] ?? name;
  const res = resources(country).find((r) => r.resource === resource) as PullResource<unknown, UcsClient>;
  const wrapped = DETAILS[name] ? (items as { id: number }[]).map((d) => ({ ucsId: String(d.id), detail: d })) : items;
  db.tx(() => res.apply(wrapped, applyContext(db, 'ucs', resource)));
};
const person = (id: number, phones: string[], extra: Partial<UcsPerson> = {}): UcsPerson => ({
  id,
  group_id: 1,
  displayname: `Person ${id}`,
  firstname: 'P',
  lastname: String(id),
  external_id: `ext-${id}`,
  contacts: phones.map((contact, i) => ({ id: id * 10 + i, type: 1, contact, label: i === 0 ? 'mobil' : 'kancelář' })),
  ...extra,
});
const localId = (ucsId: number): string => (db.prepare(`SELECT id FROM contacts WHERE ucs_person_id = ?`).get(String(ucsId)) as { id: string }).id;

const FORMS = ['+420 777 123 456', '+420777123456', '00420777123456', '00420 777 123 456', '777123456', '777 123 456', '777-123-456', '+420-777-123-456', '0777123456', '(+420) 777 123 456'];

describe('findByNumber', () => {
  it.each(FORMS)('a number stored as "%s" is found exactly by every form the PBX may send', (stored) => {
    apply('persons', [person(1, [stored])]);
    for (const incoming of FORMS) {
      const hits = findByNumber(db, incoming, 'CZ');
      expect(hits, `${stored} ← ${incoming}`).toEqual([expect.objectContaining({ kind: 'contact', contactId: localId(1), name: 'Person 1', exact: true, shared: false, number: stored, label: 'mobil' })]);
    }
  });

  it('nobody for another number, an empty or digit-less input', () => {
    apply('persons', [person(1, ['+420 777 123 456'])]);
    expect(findByNumber(db, '+420 777 123 457', 'CZ')).toEqual([]);
    expect(findByNumber(db, '', 'CZ')).toEqual([]);
    expect(findByNumber(db, 'anonymous', 'CZ')).toEqual([]);
  });

  it('a company switchboard: the company and each of its people who list it, shared; a direct line wins alone', () => {
    const company: UcsCompany = { id: 500, group_id: 1, name: 'Acme s.r.o.', external_id: 'acme', data: { ico: '1', phone: '+420 222 111 000' }, persons: [{ person_id: 1, role: 'majitel' }, { person_id: 2, role: 'účetní' }] };
    apply('persons', [person(1, ['+420 777 123 456', '222 111 000']), person(2, ['222111000'])]);
    apply('companies', [company]);
    const hits = findByNumber(db, '0222111000', 'CZ');
    expect(hits.map((h) => [h.kind, h.name, h.role, h.companyName, h.shared])).toEqual([
      ['contact', 'Person 1', 'majitel', 'Acme s.r.o.', true],
      ['contact', 'Person 2', 'účetní', 'Acme s.r.o.', true],
      ['company', 'Acme s.r.o.', null, 'Acme s.r.o.', true],
    ]);
    expect(findByNumber(db, '777123456', 'CZ')).toEqual([expect.objectContaining({ name: 'Person 1', companyName: 'Acme s.r.o.', role: 'majitel', shared: false })]);
  });

  it('foreign numbers: exact by their own country code; a same-digits national number elsewhere is only a likely match', () => {
    apply('persons', [person(1, ['+421 905 123 456']), person(2, ['+49 151 12345678'])]);
    expect(findByNumber(db, '00421905123456', 'CZ')).toEqual([expect.objectContaining({ contactId: localId(1), exact: true })]);
    expect(findByNumber(db, '0151 12345678', 'DE')).toEqual([expect.objectContaining({ contactId: localId(2), exact: true })]);
    // a station in Slovakia gets the national form
    expect(findByNumber(db, '0905 123 456', 'SK')).toEqual([expect.objectContaining({ contactId: localId(1), exact: true })]);
  });

  it('an internal extension or short number stored as typed is found by the same digits', () => {
    apply('persons', [person(1, ['1800'])]);
    expect(findByNumber(db, '1800', 'CZ')).toEqual([expect.objectContaining({ contactId: localId(1), exact: true })]);
  });

  it('a number another module wrote without index keys is still found by its E.164', () => {
    db.prepare(`INSERT INTO contacts (id, display_name, updated_at) VALUES ('local-1', 'Walk-in', 0)`).run();
    db.prepare(`INSERT INTO contact_phones (contact_id, raw, e164) VALUES ('local-1', '+420 603 000 111', '+420603000111')`).run();
    expect(findByNumber(db, '603 000 111', 'CZ')).toEqual([expect.objectContaining({ contactId: 'local-1', name: 'Walk-in', exact: true })]);
  });

  it('numbers written locally with writePhones are indexed too; rewriting them replaces the old keys', () => {
    db.prepare(`INSERT INTO contacts (id, display_name, updated_at) VALUES ('local-2', 'Counter', 0)`).run();
    writePhones(db, { contactId: 'local-2' }, [{ raw: '0905 123 456', kind: 'mobil' }], 'SK');
    expect(findByNumber(db, '00421905123456', 'CZ')).toEqual([expect.objectContaining({ contactId: 'local-2', exact: true, label: 'mobil' })]);
    writePhones(db, { contactId: 'local-2' }, [{ raw: '+420 606 000 000', kind: null }], 'SK');
    expect(findByNumber(db, '00421905123456', 'CZ')).toEqual([]);
    expect(findByNumber(db, '606000000', 'CZ')).toEqual([expect.objectContaining({ contactId: 'local-2' })]);
    expect((db.prepare(`SELECT COUNT(*) AS n FROM phone_keys`).get() as { n: number }).n).toBe(2);
  });

  it('is one indexed query: no table scan in its plan', () => {
    const k = lookupKeys('+420 777 123 456', 'CZ')!;
    expect(k.exact).toBe('+420777123456');
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${PHONE_LOOKUP_SQL}`).all('a', 'b', 'c', 'd', 'e') as { detail: string }[];
    expect(plan.length).toBeGreaterThan(2);
    expect(plan.map((p) => p.detail).filter((d) => /^SCAN/.test(d))).toEqual([]);
  });
});

/** CPU milliseconds of this process: the machine is shared, wall time measures the neighbours. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

describe('apply speed', () => {
  it('500 persons with two numbers each apply in milliseconds, a re-run of them in a few; lookups over 20,000 numbers are sub-millisecond', () => {
    const chunk = (base: number): UcsPerson[] =>
      Array.from({ length: 500 }, (_, i) => person(base + i, [`+420 7${String(base + i).padStart(8, '0')}`, `00420 2${String(base + i).padStart(8, '0')}`]));
    apply('persons', chunk(0)); // warm-up (JIT, libphonenumber metadata)
    const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const first: number[] = [];
    const again: number[] = [];
    for (let c = 1; c < 20; c++) {
      const items = chunk(c * 500);
      let t = cpuMs();
      apply('persons', items);
      first.push(cpuMs() - t);
      t = cpuMs();
      apply('persons', items); // unchanged: compared, not parsed or written
      again.push(cpuMs() - t);
    }
    console.log(`UCS persons apply (CPU): new ${median(first).toFixed(1)} ms, unchanged ${median(again).toFixed(1)} ms per 500 persons (1,000 numbers)`);
    expect(median(first)).toBeLessThan(60);
    expect(median(again)).toBeLessThan(15);
    expect((db.prepare(`SELECT COUNT(*) AS n FROM phone_keys`).get() as { n: number }).n).toBe(20_000 * 2);

    const t = cpuMs();
    for (let i = 0; i < 1000; i++) expect(findByNumber(db, `7${String(i * 7).padStart(8, '0')}`, 'CZ')).toHaveLength(1);
    const perLookup = (cpuMs() - t) / 1000;
    console.log(`findByNumber (CPU): ${(perLookup * 1000).toFixed(0)} µs per lookup over 20,000 numbers`);
    expect(perLookup).toBeLessThan(1);
  });
});
