// A minimal stand-in for the sync engine's pull loop (fetch pages, apply in chunks of 500 inside
// one transaction each, protection and conflicts from a set), so the connector's resources can be
// tested against the simulator on their own.
import path from 'node:path';
import type { AfostoClient } from '../../../../src-main/core/connectors/afosto/client';
import { openDatabase, type Db } from '../../../../src-main/core/db/database';
import type { PullResource } from '../../../../src-main/core/sync/types';
import { tempDir } from '../../../helpers/tmp';

export interface Conflict {
  entity: string;
  entityId: string;
  remoteId?: string | undefined;
  remoteData: unknown;
}

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

export async function runPull(
  db: Db,
  resources: PullResource<unknown, AfostoClient>[],
  client: AfostoClient,
  protect: Set<string> = new Set(),
): Promise<{ conflicts: Conflict[]; resolved: string[]; records: Record<string, number>; totals: Record<string, number | undefined> }> {
  const conflicts: Conflict[] = [];
  const resolved: string[] = [];
  const records: Record<string, number> = {};
  const totals: Record<string, number | undefined> = {};
  for (const r of resources) {
    let cursor: string | null = null;
    records[r.resource] = 0;
    for (let guard = 0; guard < 10_000; guard++) {
      const page = await r.fetchPage(client, cursor, new AbortController().signal);
      if (page.total !== undefined) totals[r.resource] = page.total;
      for (let k = 0; k < page.items.length || k === 0; k += 500) {
        const chunk = page.items.slice(k, k + 500);
        db.tx(() =>
          r.apply(chunk, {
            db,
            now: Date.now(),
            isProtected: (e, id) => protect.has(`${e}:${id}`),
            conflict: (c) => void conflicts.push(c),
            resolved: (e, id) => void resolved.push(`${e}:${id}`),
          }),
        );
      }
      records[r.resource] = (records[r.resource] ?? 0) + page.items.length;
      cursor = page.cursor;
      if (page.done) break;
    }
  }
  return { conflicts, resolved, records, totals };
}

export const count = (db: Db, table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
