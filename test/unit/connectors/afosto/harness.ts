// Afosto test scaffolding: a temp database, and runPull — the connector's resources through the
// real PullEngine (../pullRunner), with extra protected entities given as `entity:id`.
import path from 'node:path';
import type { AfostoClient } from '../../../../src-main/core/connectors/afosto/client';
import { openDatabase, type Db } from '../../../../src-main/core/db/database';
import type { PullResource } from '../../../../src-main/core/sync/types';
import { tempDir } from '../../../helpers/tmp';
import { runPullEngine, type Conflict } from '../pullRunner';

export type { Conflict };

export async function tempDb(): Promise<{ db: Db; done: () => void }> {
  const { dir, cleanup } = tempDir('dockside-afosto-');
  const db = await openDatabase({ file: path.join(dir, 'dockside.sqlite') });
  return {
    db,
    done: () => {
      db.close();
      cleanup();
    },
  };
}

/** One engine run of `resources`; `protect` holds `entity:entityId` keys treated as having waiting local ops. */
export async function runPull(
  db: Db,
  resources: PullResource<unknown, AfostoClient>[],
  client: AfostoClient,
  protect: Set<string> = new Set(),
): Promise<{ conflicts: Conflict[]; resolved: string[]; records: Record<string, number>; totals: Record<string, number | undefined> }> {
  const keys = [...protect].map((k): [string, string] => {
    const at = k.indexOf(':');
    return [k.slice(0, at), k.slice(at + 1)];
  });
  const run = await runPullEngine(db, resources, client, { protect: keys });
  const records: Record<string, number> = {};
  const totals: Record<string, number | undefined> = {};
  for (const [name, r] of Object.entries(run.resources)) {
    records[name] = r.records;
    totals[name] = r.totals.filter((t) => t !== undefined).at(-1);
  }
  return { conflicts: run.conflicts, resolved: run.resolved, records, totals };
}

export const count = (db: Db, table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
