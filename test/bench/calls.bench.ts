// Calls (issue 11, point 8), over a store with 500,000 persons and 1,000,000 numbers in the phone
// index (plus 10,000 company switchboards, each shared with five of its people) and an order per
// person (half of them packed, labelled):
// - `phone lookup p99 ms`: findByNumber for caller IDs in the forms a PBX sends, known, shared
//   (switchboard) and unknown (goal ≤ 1 ms);
// - `screen-pop p95 ms`: a ring at the station's local screen-pop endpoint → the caller's card
//   drawn in headless Chromium in web mode (goal ≤ 50 ms).
// The store is seeded once through the UCS repo's own writers (the pull's insert path, phone keys
// computed by the connector's mappers) in batched transactions, and cached in the temp folder.
import { schemaKey } from './seedWarehouse';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createCore, type Core } from '../../src-main/core/app';
import { findByNumber } from '../../src-main/core/connectors/ucs';
import { phoneRows, type PhoneCache } from '../../src-main/core/connectors/ucs/mappers';
import { UcsRepo } from '../../src-main/core/connectors/ucs/repo';
import { DB_FILE_NAME, openDatabase, type Db } from '../../src-main/core/db/database';
import { memoryLogger } from '../../src-main/core/log/logger';
import { memorySettingsStore } from '../../src-main/core/settings/memoryStore';
import { startWebHost, type WebHost } from '../../src-main/host/server';
import { launchChromium } from '../e2e/chromium';
import { memorySecrets, switchableConnectivity } from '../helpers/core';
import { tempDir } from '../helpers/tmp';
import { percentile, type Harness } from './harness';

export const PERSONS = Number(process.env.DOCKSIDE_BENCH_CALL_PERSONS ?? 500_000);
const COMPANIES = Math.max(1, Math.floor(PERSONS / 50));
/** Every 10th person works at a company and lists its switchboard as their office number. */
const AT_COMPANY_EVERY = 10;
const BATCH = 5_000;
const LOOKUP_ROUNDS = 3;
/** Bump when the seed's shape changes: an old cached store is then rebuilt (as it is when a migration is added: the folder names the schema). */
const SEED_VERSION = 2;

/** The numbers person i owns: a mobile, and a direct line or the company switchboard. All unique but the switchboards. */
export const mobileOf = (i: number): string => String(601_000_000 + i);
export const directOf = (i: number): string => String(220_000_000 + i);
export const switchboardOf = (c: number): string => String(266_000_000 + c);
const companyOf = (i: number): number => Math.floor(i / AT_COMPANY_EVERY) % COMPANIES;
const nameOf = (i: number): string => `Jana Nováková ${i}`;
/** A number nobody holds (a different range). */
const unknownNumber = (i: number): string => String(731_000_000 + i);

/** Spaced the Czech way: 601 234 567. */
const spaced = (n: string): string => `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
/** The forms a PBX or a softphone sends a caller ID in. */
const FORMS: ((n: string) => string)[] = [
  (n) => `+420${n}`,
  (n) => `00420${n}`,
  (n) => n,
  (n) => `+420 ${spaced(n)}`,
  (n) => `0${n}`,
];

/** Stored the way people type them: a mix of international and national, spaced and not. */
const storedForm = (n: string, i: number): string => (i % 3 === 0 ? `+420 ${spaced(n)}` : i % 3 === 1 ? spaced(n) : `+420${n}`);

export function cachedStoreFile(): string {
  const user = typeof process.getuid === 'function' ? `-${process.getuid()}` : '';
  return path.join(os.tmpdir(), `dockside-bench-calls-v${SEED_VERSION}-${schemaKey()}-${PERSONS}${user}`, DB_FILE_NAME);
}

/** The seeded store in the cache, built if the cache has none (a marker file says the seed finished). */
export async function cachedStore(): Promise<string> {
  const file = cachedStoreFile();
  const marker = `${file}.seeded`;
  if (fs.existsSync(marker)) return file;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const t0 = performance.now();
  const db = await openDatabase({ file });
  try {
    seed(db);
    db.raw.exec('ANALYZE');
    db.raw.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  fs.writeFileSync(marker, new Date().toISOString());
  process.stderr.write(`  seeded ${PERSONS.toLocaleString('en-US')} persons in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}\n`);
  return file;
}

/**
 * A copy of the cached store in a fresh folder: the run migrates it (to whatever migrations exist
 * now) and writes calls into it, and the cache stays as seeded.
 */
export async function storeCopy(): Promise<{ dir: string; cleanup: () => void }> {
  const src = await cachedStore();
  const t = tempDir('dockside-bench-calls-run-');
  fs.copyFileSync(src, path.join(t.dir, DB_FILE_NAME));
  return t;
}

function seed(db: Db): void {
  const repo = new UcsRepo(db);
  // Each person has an Afosto order the bench has worked on (every other one packed into a parcel
  // with its label printed), so the card's facts are real reads, not "no orders".
  const order = db.prepare(`INSERT INTO orders (id, number, status, contact_id, placed_at, updated_at) VALUES (?, ?, 'in_fulfilment', ?, ?, ?)`);
  const parcel = db.prepare(`INSERT INTO parcels (id, order_id, seq, weight_grams, status, created_at, updated_at) VALUES (?, ?, 1, 1200, 'finished', ?, ?)`);
  const label = db.prepare(`INSERT INTO print_jobs (id, station_id, kind, format, payload, status, parcel_id, created_at, updated_at) VALUES (?, 's', 'carrier_label', 'zpl', x'00', 'done', ?, ?, ?)`);
  const scan = db.prepare(`INSERT INTO scan_events (id, station_id, at, raw, read_as, context, entity, entity_id, quantity, result) VALUES (?, 's', ?, 'x', 'product', 'pick', 'order', ?, 1, 'ok')`);
  const cache: PhoneCache = new Map();
  const now = Date.now();
  db.tx(() => {
    for (let c = 0; c < COMPANIES; c++) {
      const id = `co-${c}`;
      repo.insertCompany({ id, name: `Firma ${c} s.r.o.`, external_id: null, ucs_company_id: String(c + 1), updated_at: now });
      repo.insertPhones({ companyId: id }, phoneRows([{ raw: storedForm(switchboardOf(c), c), kind: 'switchboard' }], 'CZ'));
    }
  });
  for (let start = 0; start < PERSONS; start += BATCH) {
    db.tx(() => {
      for (let i = start; i < Math.min(PERSONS, start + BATCH); i++) {
        const atCompany = i % AT_COMPANY_EVERY === 0;
        const id = `p-${i}`;
        repo.insertContact({
          id,
          external_id: null,
          ucs_person_id: String(i + 1),
          company_id: atCompany ? `co-${companyOf(i)}` : null,
          company_role: atCompany ? 'obchodník' : null,
          first_name: 'Jana',
          last_name: `Nováková ${i}`,
          display_name: nameOf(i),
          email: null,
          updated_at: now,
        });
        const office = atCompany ? storedForm(switchboardOf(companyOf(i)), i) : storedForm(directOf(i), i);
        // The switchboard's rows repeat across a company's people: the mapper's memo, as in a pull chunk.
        repo.insertPhones({ contactId: id }, phoneRows([{ raw: storedForm(mobileOf(i), i), kind: 'mobil' }, { raw: office, kind: 'kancelář' }], 'CZ', cache));
        order.run(`o-${i}`, `N-${i}`, id, now - i, now);
        scan.run(`s-${i}`, now - i, `o-${i}`);
        if (i % 2 === 0) {
          parcel.run(`pa-${i}`, `o-${i}`, now, now);
          label.run(`j-${i}`, `pa-${i}`, now, now);
        }
      }
    });
    if (cache.size > 50_000) cache.clear();
  }
}

/** Deterministic caller IDs: 70 % a person's own number, 10 % a shared switchboard, 20 % unknown; every form. */
export function callerIds(n: number): { raw: string; expect: 'one' | 'shared' | 'none'; name?: string }[] {
  const out: { raw: string; expect: 'one' | 'shared' | 'none'; name?: string }[] = [];
  let x = 20240807;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  for (let k = 0; k < n; k++) {
    const r = next() % 10;
    const form = FORMS[next() % FORMS.length]!;
    const i = next() % PERSONS;
    if (r < 7) out.push({ raw: form(next() % 2 === 0 || i % AT_COMPANY_EVERY === 0 ? mobileOf(i) : directOf(i)), expect: 'one', name: nameOf(i) });
    else if (r < 8) out.push({ raw: form(switchboardOf(next() % COMPANIES)), expect: 'shared' });
    else out.push({ raw: form(unknownNumber(i)), expect: 'none' });
  }
  return out;
}

async function lookupBench(h: Harness, db: Db, label: string): Promise<void> {
  const ids = callerIds(20_000);
  // The answers are checked, so a fast wrong index cannot pass as a fast one.
  for (const c of ids.slice(0, 500)) {
    const hits = findByNumber(db, c.raw, 'CZ');
    const got = hits.length === 0 ? 'none' : hits[0]!.shared ? 'shared' : 'one';
    if (got !== c.expect || (c.expect === 'one' && hits.length !== 1)) {
      throw new Error(`lookup of ${c.raw}: expected ${c.expect}, got ${JSON.stringify(hits)}`);
    }
  }
  // Rounds, the best one counted: this machine's two cores are shared, and a neighbour's burst in
  // one round is not the lookup's p99. Every round is in the table, with the CPU time each lookup
  // took beside its wall time (the wall time also holds any wait for a core).
  const rounds: { wall: number; cpu: number }[] = [];
  let k = 0;
  const lookup = () => findByNumber(db, ids[k++ % ids.length]!.raw, 'CZ');
  for (let i = 0; i < 1_000; i++) lookup();
  for (let round = 1; round <= LOOKUP_ROUNDS; round++) {
    const wall: number[] = [];
    const cpu: number[] = [];
    const load = os.loadavg()[0]!.toFixed(1);
    for (let i = 0; i < 10_000; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      lookup();
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    pushSamples(h, `phone lookup round ${round}/${LOOKUP_ROUNDS}, wall (findByNumber; ${label}; load avg ${load})`, wall);
    pushSamples(h, `phone lookup round ${round}/${LOOKUP_ROUNDS}, CPU time of the process`, cpu);
    rounds.push({ wall: percentile([...wall].sort((a, b) => a - b), 99), cpu: percentile([...cpu].sort((a, b) => a - b), 99) });
  }
  h.measure({
    name: `phone lookup p99 ms (wall, best of ${LOOKUP_ROUNDS} rounds of 10,000: ${rounds.map((r) => r.wall.toFixed(2)).join(' / ')})`,
    value: Math.min(...rounds.map((r) => r.wall)),
    unit: 'ms',
    goal: { max: 1 },
  });
  h.measure({
    name: `phone lookup p99 ms (CPU time, best of ${LOOKUP_ROUNDS}: ${rounds.map((r) => r.cpu.toFixed(2)).join(' / ')})`,
    value: Math.min(...rounds.map((r) => r.cpu)),
    unit: 'ms',
    goal: { max: 1 },
  });
}

async function lookupRun(h: Harness): Promise<void> {
  const t = await storeCopy();
  const db = await openDatabase({ file: path.join(t.dir, DB_FILE_NAME) });
  try {
    const n = db.prepare('SELECT (SELECT COUNT(*) FROM contacts) AS persons, (SELECT COUNT(*) FROM contact_phones) AS numbers, (SELECT COUNT(*) FROM phone_keys) AS keys').get() as {
      persons: number;
      numbers: number;
      keys: number;
    };
    const label = `${n.persons.toLocaleString('en-US')} persons, ${n.numbers.toLocaleString('en-US')} numbers, ${n.keys.toLocaleString('en-US')} keys`;
    await lookupBench(h, db, label);
  } finally {
    db.close();
    t.cleanup();
  }
}

// ---- screen-pop --------------------------------------------------------------------------------

const root = fileURLToPath(new URL('../..', import.meta.url));
const rendererDir = path.join(root, 'out', 'renderer');
const SCREEN_POP_N = Number(process.env.DOCKSIDE_BENCH_SCREEN_POPS ?? 100);
const AGENT_PIN = '2222';

/**
 * What counts as "the card is on screen": the app-wide incoming-call card showing this caller's
 * name together with the facts read from the caller card (latest order and its bench state, open
 * tasks: calls.card over the large store), in the animation frame that paints it. Where the
 * renderer draws no such card, the arrival of `calls.incoming` in the page is measured instead
 * (and the row says so).
 */
const CARD_SELECTOR = process.env.DOCKSIDE_BENCH_CARD_SELECTOR ?? '[data-testid="incoming-call"]:has([data-testid="incoming-facts"])';
/** The same card before its facts arrive: who is calling, from the event alone (for the breakdown). */
const NAME_SELECTOR = '[data-testid="incoming-call"]';

/**
 * Runs in the page before the app (as text: this project's Node types have no DOM). Page times
 * are epoch ms: `__popEvent[uid]` when `calls.incoming` for the uniqueid reached the page;
 * `__popCard[uid]` the animation frame in which a card element first held `__popExpect.name`.
 */
const pageProbe = (cardSelector: string, nameSelector: string): string => `(() => {
  const now = () => performance.timeOrigin + performance.now();
  window.__popEvent = {};
  window.__popCard = {};
  window.__popName = {};
  window.__popExpect = null;
  // Waiters the bench parks here (no polling in the page while it draws).
  window.__popWaiters = [];
  const wake = () => { for (const w of window.__popWaiters.splice(0)) w(); };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      // Added before the app's own listener: the moment the frame reached the page.
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string' || !e.data.includes('calls.incoming')) return;
        const m = /"uniqueid":"([^"]+)"/.exec(e.data);
        if (m && window.__popEvent[m[1]] === undefined) { window.__popEvent[m[1]] = now(); wake(); }
      });
    }
  };
  const seen = () => {
    const x = window.__popExpect;
    if (!x || x.found) return;
    if (!x.named) {
      for (const el of document.querySelectorAll(${JSON.stringify(nameSelector)})) {
        if (!(el.textContent || '').includes(x.name)) continue;
        x.named = true;
        requestAnimationFrame(() => { window.__popName[x.uid] = now(); });
        break;
      }
    }
    for (const el of document.querySelectorAll(${JSON.stringify(cardSelector)})) {
      if (!(el.textContent || '').includes(x.name)) continue;
      x.found = true;
      requestAnimationFrame(() => { window.__popCard[x.uid] = now(); wake(); });
      return;
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** Page clock minus ours, from the round trip with the smallest delay (both are epoch ms). */
async function clockOffset(page: Page): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 20; i++) {
    const t0 = performance.timeOrigin + performance.now();
    const p = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const t1 = performance.timeOrigin + performance.now();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: p - (t0 + t1) / 2 };
  }
  return best.offset;
}

async function screenPopRun(h: Harness): Promise<void> {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write('  screen-pop: skipped (build first: npm run build)\n');
    return;
  }
  const t = await storeCopy();
  let core: Core | undefined;
  let host: WebHost | undefined;
  const browser = await launchChromium();
  try {
    const logger = memoryLogger('error');
    core = await createCore({
      dataDir: t.dir,
      settings: memorySettingsStore(),
      secrets: memorySecrets(),
      // No remote is configured: everything the card shows comes from the local store.
      connectivity: switchableConnectivity(false),
      logger,
      version: '0.0.0-bench',
      platform: 'bench',
      demo: true,
      calls: { screenPopPort: 0, pollIntervalMs: false, timers: false },
    });
    host = await startWebHost({ dispatcher: core.dispatcher, events: core.events, logger, rendererDir, port: 0 });
    const callUrl = core.calls.service.screenPopInfo().callUrl;
    if (!callUrl) throw new Error('screen-pop endpoint not listening');
    const ids = callerIds((SCREEN_POP_N + 10) * 3).filter((c) => c.expect === 'one');

    // The two reads a pop makes in core, timed alone: identifying the caller while the call is
    // stored (ingest), and the caller card the renderer then asks for.
    const service = core.calls.service;
    let j = 0;
    const popped: string[] = [];
    await h.run('screen-pop in core: ingest a ring (identify + store the call)', () => {
      const c = ids[j++ % ids.length]!;
      popped.push(service.ingest({ kind: 'ring', number: c.raw, uniqueid: `core-${Date.now()}-${j}`, queue: '1', queueName: null, transferTo: null, source: 'endpoint', params: {} }).callId);
    }, { n: 200, warmup: 20 });
    let m = 0;
    await h.run('screen-pop in core: caller card read (calls.card)', () => service.card(popped[m++ % popped.length]!), { n: 200, warmup: 20 });
    for (const id of popped) service.ingest({ kind: 'hangup', number: '', uniqueid: service.summary(id).uniqueid, queue: null, queueName: null, transferTo: null, source: 'endpoint', params: {} });
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.addInitScript({ content: pageProbe(CARD_SELECTOR, NAME_SELECTOR) });
    await page.goto(host.url);
    await page.getByTestId('signin-pin').fill(AGENT_PIN);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('signin-pin').waitFor({ state: 'detached' });
    const offset = await clockOffset(page);

    const url = (params: Record<string, string>) => {
      const u = new URL(callUrl.replace(/\{[a-z_]+\}/g, ''));
      for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
      return u.href;
    };
    const hit = async (params: Record<string, string>) => {
      const res = await fetch(url(params));
      if (!res.ok) throw new Error(`screen-pop ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };

    // The card is what is measured once the renderer draws one; until then the event's arrival.
    const seenAt = async (uid: string): Promise<{ card?: number; event?: number; name?: number }> => {
      const u = JSON.stringify(uid);
      return (await page.evaluate(`({ card: window.__popCard[${u}], event: window.__popEvent[${u}], name: window.__popName[${u}] })`)) as { card?: number; event?: number; name?: number };
    };
    // A promise evaluated over CDP (not page.waitForFunction: that one evals a string in the page,
    // which the app's CSP, without 'unsafe-eval', rightly refuses), woken by the probe: nothing
    // polls in the page while it draws.
    const waitFor = (uid: string, what: 'card' | 'either', timeout: number) => {
      const u = JSON.stringify(uid);
      const cond = what === 'card' ? `window.__popCard[${u}] !== undefined` : `window.__popCard[${u}] !== undefined || window.__popEvent[${u}] !== undefined`;
      return page.evaluate(`new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('not seen: ' + ${u})), ${timeout});
        const check = () => { if (${cond}) { clearTimeout(timer); resolve(true); } else window.__popWaiters.push(check); };
        check();
      })`);
    };
    let mode: 'card' | 'event' = 'event';
    const samples: number[] = [];
    const eventSamples: number[] = [];
    const nameSamples: number[] = [];
    const total = Math.min(ids.length, SCREEN_POP_N + 10);
    for (let k = 0; k < total; k++) {
      const uid = `bench-${Date.now()}-${k}`;
      await page.evaluate(`window.__popExpect = ${JSON.stringify({ uid, name: ids[k]!.name })}`);
      const t0 = performance.timeOrigin + performance.now();
      await hit({ number: ids[k]!.raw, uniqueid: uid, queue: '1' });
      if (k === 0) {
        // Does this renderer draw a card at all? Given a few seconds on the first call to find out.
        await waitFor(uid, 'card', 3_000).catch(() => undefined);
        if ((await seenAt(uid)).card !== undefined) mode = 'card';
      }
      await waitFor(uid, mode === 'card' ? 'card' : 'either', 10_000);
      const seen = await seenAt(uid);
      const at = mode === 'card' ? seen.card! : seen.event!;
      if (k >= 10) {
        samples.push(at - offset - t0);
        if (seen.event !== undefined) eventSamples.push(seen.event - offset - t0);
        if (seen.name !== undefined) nameSamples.push(seen.name - offset - t0);
      }
      // Hung up before the next ring, as a real call would be, so the card is free for the next one.
      await hit({ uniqueid: uid, event: 'hangup' });
    }
    const shot = process.env.DOCKSIDE_BENCH_SHOT;
    if (shot) {
      // What was measured, for a person to look at: one more ring, its card painted.
      const uid = `bench-shot-${Date.now()}`;
      await page.evaluate(`window.__popExpect = ${JSON.stringify({ uid, name: ids[0]!.name })}`);
      await hit({ number: ids[0]!.raw, uniqueid: uid, queue: '1' });
      await waitFor(uid, mode === 'card' ? 'card' : 'either', 10_000);
      await page.screenshot({ path: shot });
    }
    const load = os.loadavg()[0]!.toFixed(1);
    const what = mode === 'card' ? 'caller card drawn in Chromium' : 'calls.incoming event arrived in the page (no card DOM yet)';
    pushSamples(h, `screen-pop (local endpoint → ${what}; load avg ${load} on ${os.cpus().length} cores)`, samples);
    if (mode === 'card') {
      pushSamples(h, 'screen-pop, part: local endpoint → calls.incoming in the page', eventSamples);
      if (nameSamples.length === samples.length) pushSamples(h, "screen-pop, part: local endpoint → caller's name painted (card's facts not yet read)", nameSamples);
    }
    h.measure({ name: `screen-pop p95 ms (${what})`, value: percentile([...samples].sort((a, b) => a - b), 95), unit: 'ms', goal: { max: 50 } });
  } finally {
    await browser.close();
    await host?.close();
    await core?.close();
    t.cleanup();
  }
}

/** A row from samples timed elsewhere (in the page), in the harness's table. */
function pushSamples(h: Harness, name: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  h.results.push({
    name,
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
    mean,
    opsPerSec: 1000 / mean,
  });
}

export default async function callsBench(h: Harness): Promise<void> {
  await lookupRun(h);
  await screenPopRun(h);
}
