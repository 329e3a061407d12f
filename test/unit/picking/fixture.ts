// Pick lists as the real Afosto connector pulls them from the simulator (seed 42) into a real
// SQLite file, once per test file; every test then works on its own copy of that file, with a
// PickingService over a standalone Outbox (never started: the ops stay pending, as offline).
import fs from 'node:fs';
import path from 'node:path';
import { AfostoClient } from '../../../src-main/core/connectors/afosto/client';
import { afostoSync } from '../../../src-main/core/connectors/afosto/sync';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { silentLogger } from '../../../src-main/core/log/logger';
import { systemClock, type Clock } from '../../../src-main/core/platform/ports';
import { PickingService } from '../../../src-main/core/picking/service';
import { Outbox } from '../../../src-main/core/sync/outbox';
import { withSim } from '../../sim/helpers';
import { tempDir } from '../../helpers/tmp';
import { runPull } from '../connectors/afosto/harness';

export interface Pulled {
  file: string;
  cleanup: () => void;
}

/** Pulls everything Afosto has from a fresh simulator into one SQLite file (closed afterwards). */
export async function pullFromSimulator(): Promise<Pulled> {
  const sim = await withSim();
  const { dir, cleanup } = tempDir('dockside-pick-');
  const file = path.join(dir, 'pulled.sqlite');
  try {
    const client = new AfostoClient({ baseUrl: sim.urls.afosto, clientId: sim.credentials.afosto.client_id, clientSecret: sim.credentials.afosto.client_secret });
    const db = await openDatabase({ file });
    const { resources } = afostoSync({ db, clock: systemClock, logger: silentLogger, stationId: 'st-1', client: async () => client });
    await runPull(db, resources, client);
    db.close();
  } finally {
    await sim.close();
  }
  return { file, cleanup };
}

export interface PickHarness {
  db: Db;
  outbox: Outbox;
  picking: PickingService;
  changed: string[];
  clock: Clock & { set(ms: number): void };
  close(): void;
}

/** A copy of the pulled store with a picking service on it. */
export async function harness(pulled: Pulled): Promise<PickHarness> {
  const { dir, cleanup } = tempDir('dockside-pick-run-');
  const file = path.join(dir, 'dockside.sqlite');
  fs.copyFileSync(pulled.file, file);
  const db = await openDatabase({ file });
  let now = Date.parse('2026-11-26T10:00:00Z');
  const clock = { now: () => now, set: (ms: number) => void (now = ms) };
  const outbox = new Outbox(db, clock);
  const changed: string[] = [];
  const picking = new PickingService({ db, outbox, clock, stationId: 'st-test', onChanged: (id) => changed.push(id) });
  return {
    db,
    outbox,
    picking,
    changed,
    clock,
    close() {
      db.close();
      cleanup();
    },
  };
}

export interface OpRow {
  entity: string;
  entityId: string;
  operation: string;
  payload: Record<string, unknown>;
}

/** The Afosto outbox ops, oldest first. */
export function afostoOps(db: Db): OpRow[] {
  return (db.prepare(`SELECT payload FROM jobs WHERE queue = 'push:afosto' ORDER BY seq`).all() as { payload: string }[]).map((r) => {
    const p = JSON.parse(r.payload) as OpRow;
    return { entity: p.entity, entityId: p.entityId, operation: p.operation, payload: p.payload };
  });
}

export interface ScanEventRow {
  id: string;
  station_id: string;
  user_id: string | null;
  raw: string;
  read_as: string;
  quantity: number;
  result: string;
  compensates: string | null;
  details: string;
}

export function scanEvents(db: Db, listId: string): ScanEventRow[] {
  return db.prepare(`SELECT id, station_id, user_id, raw, read_as, quantity, result, compensates, details FROM scan_events WHERE entity = 'pick_list' AND entity_id = ? ORDER BY seq`).all(listId) as ScanEventRow[];
}
