// Call handling at scale: 500,000 persons with 1,000,000 numbers in the local phone index (plus
// company switchboards), 500,000 orders with parcels, scans and label jobs, HOMS orders, tasks and
// past calls. Rows: a phone lookup, the whole caller card, and a screen-pop event over HTTP on
// 127.0.0.1 until the call (identified) is stored — the core's part of "before the second ring".
import path from 'node:path';
import { CallsService } from '../../src-main/core/calls/service';
import { startScreenPopServer } from '../../src-main/core/calls/screenPop';
import { findByNumber } from '../../src-main/core/connectors/ucs/phoneIndex';
import { openDatabase, type Db } from '../../src-main/core/db/database';
import { silentLogger } from '../../src-main/core/log/logger';
import { Outbox } from '../../src-main/core/sync/outbox';
import { tempDir } from '../helpers/tmp';
import type { Harness } from './harness';

const PERSONS = 500_000;
const COMPANIES = 20_000;
const ORDERS = 500_000;

const mobile = (i: number) => String(601_000_000 + i * 2); // 9 digits, two numbers per person
const e164 = (national: string) => `+420${national}`;

function seed(db: Db): void {
  const now = Date.now();
  const p = (sql: string) => db.raw.prepare(sql);
  const company = p(`INSERT INTO companies (id, name, updated_at) VALUES (?, ?, ?)`);
  const contact = p(`INSERT INTO contacts (id, company_id, display_name, external_id, updated_at) VALUES (?, ?, ?, ?, ?)`);
  const phone = p(`INSERT INTO contact_phones (contact_id, company_id, raw, e164, kind) VALUES (?, ?, ?, ?, ?)`);
  const key = p(`INSERT OR IGNORE INTO phone_keys (key, phone_id, exact) VALUES (?, ?, ?)`);
  const order = p(`INSERT INTO orders (id, number, status, contact_id, placed_at, updated_at) VALUES (?, ?, 'in_fulfilment', ?, ?, ?)`);
  const parcel = p(`INSERT INTO parcels (id, order_id, seq, weight_grams, status, created_at, updated_at) VALUES (?, ?, 1, 1200, 'finished', ?, ?)`);
  const scan = p(`INSERT INTO scan_events (id, station_id, at, raw, read_as, context, entity, entity_id, quantity, result) VALUES (?, 's', ?, 'x', 'product', 'pick', 'order', ?, 1, 'ok')`);
  const job = p(`INSERT INTO print_jobs (id, station_id, kind, format, payload, status, parcel_id, created_at, updated_at) VALUES (?, 's', 'carrier_label', 'zpl', x'00', 'done', ?, ?, ?)`);
  const homs = p(`INSERT INTO homs_orders (id, code, ext_code, order_type_code, state, data, created_at, updated_at) VALUES (?, ?, ?, 'return_request', 'to_execute', ?, ?, ?)`);
  const task = p(`INSERT INTO tasks (id, title, status, priority, contact_id, remote, remote_id, created_at, updated_at) VALUES (?, 'Follow up', 'open', 'normal', ?, 'ultracart', ?, ?, ?)`);
  const call = p(`INSERT INTO calls (id, uniqueid, direction, number_raw, contact_id, status, started_at) VALUES (?, ?, 'inbound', ?, ?, 'ended', ?)`);
  const addPhone = (contactId: string | null, companyId: string | null, national: string, kind: string) => {
    const id = Number(phone.run(contactId, companyId, national, e164(national), kind).lastInsertRowid);
    key.run(e164(national), id, 1);
    key.run(national, id, 0);
  };
  const CHUNK = 50_000;
  for (let start = 0; start < PERSONS; start += CHUNK) {
    db.raw.transaction(() => {
      for (let i = start; i < Math.min(PERSONS, start + CHUNK); i++) {
        if (i < COMPANIES) {
          company.run(`co${i}`, `Company ${i}`, now);
          addPhone(null, `co${i}`, String(222_000_000 + i), 'switchboard');
        }
        const companyId = i % 5 === 0 ? `co${(i / 5) % COMPANIES}` : null;
        contact.run(`c${i}`, companyId, `Person ${i}`, `afc${i}`, now);
        addPhone(`c${i}`, null, mobile(i), 'mobil');
        addPhone(`c${i}`, null, String(Number(mobile(i)) + 1), 'práce');
        if (i < ORDERS) {
          order.run(`o${i}`, `N-${i}`, `afc${i % PERSONS}`, now - i, now);
          if (i % 2 === 0) {
            parcel.run(`p${i}`, `o${i}`, now, now);
            job.run(`j${i}`, `p${i}`, now, now);
          }
          scan.run(`s${i}`, now, `o${i}`);
        }
        if (i % 3 === 0) homs.run(`h${i}`, `ORD-${i}`, `N-${i}`, JSON.stringify({ customerPhone: e164(mobile(i)) }), now, now);
        if (i % 4 === 0) task.run(`t${i}`, `c${i}`, `uc${i}`, now, now);
        if (i % 2 === 0) call.run(`call${i}`, `u${i}`, mobile(i), `c${i}`, now - i);
      }
    })();
  }
  db.raw.exec('ANALYZE');
}

export default async function calls(h: Harness): Promise<void> {
  const t = tempDir();
  const db = await openDatabase({ file: path.join(t.dir, 'dockside.sqlite') });
  const clock = { now: () => Date.now() };
  const seedStart = performance.now();
  seed(db);
  process.stderr.write(`calls bench: seeded ${PERSONS} persons / ${PERSONS * 2} numbers in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`);
  const outbox = new Outbox(db, clock);
  const service = new CallsService({ db, outbox, clock, stationId: 's', logger: silentLogger, currentUser: () => null, timers: false });
  const server = await startScreenPopServer({ port: 0, token: () => service.screenPopToken(), ingest: (e) => service.ingest(e), logger: silentLogger });
  try {
    let i = 0;
    const pick = () => (i = (i * 7919 + 104_729) % PERSONS);
    const forms = (n: string) => [e164(n), n, `00420${n}`, `+420 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`];
    await h.run(`phone lookup, ${PERSONS / 1000}k persons / ${(PERSONS * 2) / 1e6}M numbers`, () => findByNumber(db, forms(mobile(pick()))[i % 4]!, 'CZ'), { n: 2000, warmup: 100 });

    const callIds: string[] = [];
    for (let k = 0; k < 200; k++) callIds.push(service.ingest({ kind: 'ring', number: mobile(pick()), uniqueid: `b${k}`, queue: '74', queueName: null, transferTo: null, source: 'manual', params: {} }).callId);
    let c = 0;
    await h.run('caller card (person, company, 10 orders with pack state, HOMS, tasks, 20 interactions)', () => service.card(callIds[c++ % callIds.length]!), { n: 500, warmup: 50 });

    let g = 0;
    await h.run('ring event ingested in core (no HTTP): identified and stored', () =>
      service.ingest({ kind: 'ring', number: mobile(pick()), uniqueid: `g${g++}`, queue: '74', queueName: null, transferTo: null, source: 'manual', params: {} }), { n: 500, warmup: 50 });

    const url = `http://127.0.0.1:${server.port}/call?token=${encodeURIComponent(service.screenPopToken())}`;
    let u = 0;
    await h.run('screen-pop event over HTTP → call identified and stored', async () => {
      const res = await fetch(`${url}&number=${mobile(pick())}&uniqueid=h${u++}&queue=74`);
      await res.arrayBuffer();
    }, { n: 300, warmup: 30 });
  } finally {
    await server.close();
    db.close();
    t.cleanup();
  }
}
