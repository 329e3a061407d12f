// Calls (issue 11, point 8), over a store with 500,000 persons and 1,000,000 numbers in the phone
// index (plus 10,000 company switchboards, each shared with five of its people):
// - `phone lookup p99 ms`: findByNumber for caller IDs in the forms a PBX sends, known, shared
//   (switchboard) and unknown (goal ≤ 1 ms);
// - `screen-pop p95 ms`: a ring at the station's local screen-pop endpoint → the caller's card
//   drawn in headless Chromium in web mode (goal ≤ 50 ms).
// The store is seeded once through the UCS repo's own writers (the pull's insert path, phone keys
// computed by the connector's mappers) in batched transactions, and cached in the temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findByNumber } from '../../src-main/core/connectors/ucs';
import { phoneRows, type PhoneCache } from '../../src-main/core/connectors/ucs/mappers';
import { UcsRepo } from '../../src-main/core/connectors/ucs/repo';
import { DB_FILE_NAME, openDatabase, type Db } from '../../src-main/core/db/database';
import type { Harness } from './harness';

export const PERSONS = Number(process.env.DOCKSIDE_BENCH_CALL_PERSONS ?? 500_000);
const COMPANIES = Math.max(1, Math.floor(PERSONS / 50));
/** Every 10th person works at a company and lists its switchboard as their office number. */
const AT_COMPANY_EVERY = 10;
const BATCH = 5_000;
/** Bump when the seed's shape changes: an old cached store is then rebuilt. */
const SEED_VERSION = 1;

/** The numbers person i owns: a mobile, and a direct line or the company switchboard. All unique but the switchboards. */
export const mobileOf = (i: number): string => String(601_000_000 + i);
export const directOf = (i: number): string => String(220_000_000 + i);
export const switchboardOf = (c: number): string => String(266_000_000 + c);
const companyOf = (i: number): number => Math.floor(i / AT_COMPANY_EVERY) % COMPANIES;
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
  return path.join(os.tmpdir(), `dockside-bench-calls-v${SEED_VERSION}-${PERSONS}${user}`, DB_FILE_NAME);
}

/** The seeded store, built if the cache has none (a marker file says the seed finished). */
export async function seededStore(): Promise<{ file: string; db: Db }> {
  const file = cachedStoreFile();
  const marker = `${file}.seeded`;
  if (!fs.existsSync(marker)) {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    const t0 = performance.now();
    const db = await openDatabase({ file });
    seed(db);
    db.raw.pragma('wal_checkpoint(TRUNCATE)');
    db.raw.exec('ANALYZE');
    fs.writeFileSync(marker, new Date().toISOString());
    process.stderr.write(`  seeded ${PERSONS.toLocaleString('en-US')} persons in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}\n`);
    return { file, db };
  }
  return { file, db: await openDatabase({ file }) };
}

function seed(db: Db): void {
  const repo = new UcsRepo(db);
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
          display_name: `Jana Nováková ${i}`,
          email: null,
          updated_at: now,
        });
        const office = atCompany ? storedForm(switchboardOf(companyOf(i)), i) : storedForm(directOf(i), i);
        // The switchboard's rows repeat across a company's people: the mapper's memo, as in a pull chunk.
        repo.insertPhones({ contactId: id }, phoneRows([{ raw: storedForm(mobileOf(i), i), kind: 'mobil' }, { raw: office, kind: 'kancelář' }], 'CZ', cache));
      }
    });
    if (cache.size > 50_000) cache.clear();
  }
}

/** Deterministic caller IDs: 70 % a person's own number, 10 % a shared switchboard, 20 % unknown; every form. */
export function callerIds(n: number): { raw: string; expect: 'one' | 'shared' | 'none' }[] {
  const out: { raw: string; expect: 'one' | 'shared' | 'none' }[] = [];
  let x = 20240807;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  for (let k = 0; k < n; k++) {
    const r = next() % 10;
    const form = FORMS[next() % FORMS.length]!;
    const i = next() % PERSONS;
    if (r < 7) out.push({ raw: form(next() % 2 === 0 || i % AT_COMPANY_EVERY === 0 ? mobileOf(i) : directOf(i)), expect: 'one' });
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
  let k = 0;
  const r = await h.run(
    `phone lookup (findByNumber; ${label})`,
    () => findByNumber(db, ids[k++ % ids.length]!.raw, 'CZ'),
    { n: 10_000, warmup: 1_000 },
  );
  h.measure({ name: 'phone lookup p99 ms', value: r.p99, unit: 'ms', goal: { max: 1 } });
}

export default async function callsBench(h: Harness): Promise<void> {
  const { db } = await seededStore();
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
  }
}
