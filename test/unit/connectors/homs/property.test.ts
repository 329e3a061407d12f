// Property: whatever the sequence of local creates and updates, faults the simulator injects
// (429 + Retry-After, 5xx, reset, malformed, lost reply, refused credentials), pulls, and process
// crashes at any request (before it leaves, or after HOMS acted but before we heard), the end is
// converged: HOMS holds each local order exactly once with the fields it has here, and the local
// rows are what the user did. A crash is a copy of the database file taken at that moment (what a
// killed process leaves on disk); the next process opens the copy with a new Outbox, whose in-flight
// rows come back (recoverInflight) and reconcile by ext_code.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createHomsOrder, getHomsOrder, updateHomsOrder, type HomsClient, type OrderUpdate } from '../../../../src-main/core/connectors/homs';
import { fieldsOfOrder, sameFields, updateProblem, type HomsOrderFields } from '../../../../src-main/core/connectors/homs/mappers';
import { orderUpdateSchema } from '../../../../src-main/core/connectors/homs/schemas';
import type { Db } from '../../../../src-main/core/db/database';
import type { Outbox } from '../../../../src-main/core/sync/outbox';
import { addFault, call, type Json } from '../../../sim/helpers';
import { drain, homsClient, homsModule, homsOutbox, openConflicts, openTestDb, runPull, simOrders, TestClock, useHomsSim } from './helpers';

const bench = useHomsSim();

const FIELDS = {
  support_request: ['requesterName', 'requesterPhone', 'subject', 'description', 'resolution', 'resolutionText'],
  return_request: ['customerName', 'customerPhone', 'orderNumber', 'reason', 'resolution'],
} as const;
type OrderType = keyof typeof FIELDS;
const STATES = ['to_execute', 'in_progress', 'done'] as const;

const word = fc.string({ unit: fc.constantFrom(...'abcdefghXYZ 0123-'.split('')), minLength: 1, maxLength: 8 });
const picks = fc.array(fc.tuple(fc.nat(7), word), { maxLength: 3 });

type Action =
  | { kind: 'create'; type: OrderType; state: (typeof STATES)[number] | undefined; data: [number, string][] }
  | { kind: 'update'; target: number; set: { state?: (typeof STATES)[number]; bp_id?: string; archived?: boolean }; data: [number, string][]; clear: number[] }
  | { kind: 'fault'; spec: Record<string, unknown>; route: { route?: string; method?: string }; count: number }
  | { kind: 'sync'; crash: { at: number; after: boolean } | undefined }
  | { kind: 'pull' }
  | { kind: 'restart' };

const FAULT_SPECS: Record<string, unknown>[] = [
  { kind: 'error', status: 429, retryAfter: 3 },
  { kind: 'error', status: 500 },
  { kind: 'error', status: 503, retryAfter: 1 },
  { kind: 'reset' },
  { kind: 'malformed' },
  { kind: 'lost_reply' },
  { kind: 'token_expiry' },
];
const ROUTES = [
  { route: '/api/orders', method: 'POST' },
  { route: '/api/orders/:code', method: 'PUT' },
  { route: '/api/orders', method: 'GET' },
  { route: '/api/orders/:code', method: 'GET' },
  {},
];

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), type: fc.constantFrom<OrderType>('support_request', 'return_request'), state: fc.option(fc.constantFrom(...STATES), { nil: undefined }), data: picks }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      target: fc.nat(),
      set: fc.record({ state: fc.constantFrom(...STATES), bp_id: word, archived: fc.boolean() }, { requiredKeys: [] }),
      data: picks,
      clear: fc.array(fc.nat(7), { maxLength: 2 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('fault' as const), spec: fc.constantFrom(...FAULT_SPECS), route: fc.constantFrom(...ROUTES), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), crash: fc.option(fc.record({ at: fc.integer({ min: 1, max: 5 }), after: fc.boolean() }), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pull' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

interface Proc {
  file: string;
  db: Db;
  outbox: Outbox;
  client: HomsClient;
  /** Crash at the n-th request of this process: before it leaves, or after HOMS answered. */
  crashAt(at: number, after: boolean): void;
  crashed(): string | undefined;
}

let files = 0;
async function start(file: string, clock: TestClock): Promise<Proc> {
  const db = await openTestDb(file);
  let dead = false;
  let calls = 0;
  let plan: { at: number; after: boolean } | undefined;
  let copy: string | undefined;
  const die = () => {
    // What a killed process leaves on disk: every committed transaction, nothing more.
    copy = path.join(bench.dir, `p${++files}.sqlite`);
    db.raw.exec(`VACUUM INTO '${copy}'`);
    dead = true;
  };
  const kfetch: typeof fetch = async (url, init) => {
    if (dead) throw new TypeError('fetch failed (process is gone)');
    const k = ++calls;
    if (plan && k === plan.at && !plan.after) {
      die();
      throw new TypeError('fetch failed (process is gone)');
    }
    const res = await fetch(url, init);
    if (plan && k === plan.at && plan.after) {
      await res.arrayBuffer().catch(() => undefined);
      die();
      throw new TypeError('fetch failed (process is gone)');
    }
    if (dead) throw new TypeError('fetch failed (process is gone)');
    return res;
  };
  const client = homsClient(bench.sim, { fetch: kfetch });
  const outbox = homsOutbox(db, homsModule(db, client, clock), clock);
  outbox.recoverInflight(); // the engine already did it when the Outbox was made; this finds none more
  return {
    file,
    db,
    outbox,
    client,
    crashAt: (at, after) => {
      calls = 0;
      plan = { at, after };
    },
    crashed: () => copy,
  };
}

interface ModelOrder {
  type: OrderType;
  fields: HomsOrderFields;
}

function modelUpdate(f: HomsOrderFields, u: OrderUpdate): HomsOrderFields {
  const next = { ...f, ...u.set, data: { ...f.data, ...u.data?.set } };
  for (const k of u.data?.clear ?? []) next.data[k] = null;
  return next;
}

it('random local work, faults, pulls and crashes always converge: HOMS == local, each order once', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 14 }), async (actions) => {
      await call(`${bench.sim.urls.control}/reset`, { method: 'POST', json: {} });
      const clock = new TestClock();
      let proc = await start(path.join(bench.dir, `p${++files}.sqlite`), clock);
      const model = new Map<string, ModelOrder>();
      const ids: string[] = [];
      const stop = async (p: Proc): Promise<void> => {
        // The old process's engine finishes what it started (against its own file, unable to reach HOMS).
        await p.outbox.jobs.idle();
        await new Promise((r) => setImmediate(r));
        p.db.close();
      };
      const restart = async (): Promise<void> => {
        const copy = proc.crashed();
        await stop(proc);
        proc = await start(copy ?? proc.file, clock);
      };
      try {
        for (const a of actions) {
          if (a.kind === 'create') {
            const data = Object.fromEntries(a.data.map(([i, v]) => [FIELDS[a.type][i % FIELDS[a.type].length], v]));
            const o = createHomsOrder(proc.outbox, proc.db, { order_type_code: a.type, ...(a.state ? { state: a.state } : {}), data }, clock.now());
            ids.push(o.id);
            model.set(o.id, {
              type: a.type,
              fields: { order_type_code: a.type, ext_code: o.id, bp_id: null, bp_state: null, state: a.state ?? 'to_execute', archived: false, done_at: null, user_email: null, data },
            });
          } else if (a.kind === 'update') {
            if (ids.length === 0) continue;
            const id = ids[a.target % ids.length]!;
            const m = model.get(id)!;
            const names = FIELDS[m.type];
            const dataSet = Object.fromEntries(a.data.map(([i, v]) => [names[i % names.length], v]));
            const clear = [...new Set(a.clear.map((i) => names[i % names.length]!))].filter((k) => !(k in dataSet));
            const u: OrderUpdate = { set: a.set, data: { set: dataSet, clear } };
            if (updateProblem(orderUpdateSchema.parse(u))) continue;
            updateHomsOrder(proc.outbox, proc.db, id, u, clock.now());
            m.fields = modelUpdate(m.fields, u);
          } else if (a.kind === 'fault') {
            await addFault(bench.sim, { system: 'homs', count: a.count, ...a.route, ...a.spec });
          } else if (a.kind === 'sync') {
            if (a.crash) proc.crashAt(a.crash.at, a.crash.after);
            await proc.outbox.syncNow('homs').catch(() => undefined);
            clock.advance(61_000);
            if (proc.crashed()) await restart();
          } else if (a.kind === 'pull') {
            await runPull(proc.db, homsModule(proc.db, proc.client, clock), proc.client, () => clock.now()).catch(() => undefined);
            if (proc.crashed()) await restart();
          } else {
            await restart();
          }
        }

        // The outage ends: no more faults, a person re-enters the refused credentials (auth → retry).
        bench.sim.state.faults.clear();
        await restart();
        for (let round = 0; round < 5; round++) {
          await drain(proc.outbox, clock);
          const dead = proc.outbox.list({ status: 'dead', limit: 100 });
          if (dead.length === 0) break;
          for (const d of dead) {
            expect(d.errorCode, JSON.stringify(d)).toBe('auth'); // nothing else may be refused here
            proc.outbox.retry(d.id);
          }
        }
        expect(proc.outbox.counts()).toMatchObject({ pending: 0, inflight: 0, dead: 0 });

        const remote = await simOrders(homsClient(bench.sim));
        const created = (bench.sim.state.systems.homs.snapshot() as Json).orders.created as Json[];
        for (const id of ids) {
          const local = getHomsOrder(proc.db, id)!;
          const m = model.get(id)!;
          expect({ ...local, data: local.data }).toMatchObject({ ...m.fields, data: m.fields.data }); // local == what the user did
          expect(created.filter((o) => o.ext_code === id), `order ${id} created once`).toHaveLength(1);
          const o = remote.find((r) => r.code === local.code);
          expect(o, `order ${id} (${local.code}) is in HOMS`).toBeDefined();
          expect(sameFields(m.fields, fieldsOfOrder(o!)), JSON.stringify({ model: m.fields, remote: o })).toBe(true);
        }
        expect(created).toHaveLength(ids.length); // nothing else was created

        // A pull now changes nothing the user did and leaves no open conflict.
        await runPull(proc.db, homsModule(proc.db, proc.client, clock), proc.client, () => clock.now());
        expect(openConflicts(proc.db)).toEqual([]);
        for (const id of ids) expect(sameFields(getHomsOrder(proc.db, id)!, model.get(id)!.fields)).toBe(true);
      } finally {
        bench.sim.state.faults.clear();
        await stop(proc);
      }
    }),
    { numRuns: Number(process.env.HOMS_PROP_RUNS ?? 30) },
  );
  // Crash copies are not needed after the run.
  for (const f of fs.readdirSync(bench.dir)) fs.rmSync(path.join(bench.dir, f), { force: true });
}, 240_000);
