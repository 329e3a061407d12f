// The seam between the sync engine and the five connectors. A connector describes what it pulls
// (PullResource: fetch a page after a cursor, apply a chunk of records inside a transaction) and
// what it pushes (PushDef: one handler per outbox operation). The engine owns scheduling, chunking,
// cursors, conflicts, reachability and retry policy; a connector owns only its remote's shapes.
import type { ZodType } from 'zod';
import type { Remote } from '../../../src-preload/contract';
import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import type { Clock } from '../platform/ports';
import type { PushHandler } from './push';

/** One page as a connector fetched it. */
export interface PullPage<T> {
  items: T[];
  /**
   * The cursor to store once this page is applied: the next `fetchPage` starts from it. Stored in
   * the same transaction as the page's last chunk. A sweep resource returns null with its last
   * page (the next run reads from the start again); a delta resource returns its high-water mark.
   */
  cursor: string | null;
  /** This was the last page for now: the run of this resource ends after it. */
  done: boolean;
  /** Total records of the run, when the remote's document gives a count (progress bar). */
  total?: number;
}

/** What `apply` may do besides writing its rows. Synchronous: it runs inside the transaction. */
export interface ApplyContext {
  db: Db;
  now: number;
  /**
   * True when local operations for this entity still wait in the outbox (pending, in flight or
   * dead): the remote row must not overwrite it; call `conflict` instead. `entity` and `entityId`
   * are the outbox's (PushOp.entity / entityId) for the same local row.
   */
  isProtected(entity: string, entityId: string): boolean;
  /** Records that a remote version was not applied because local work is waiting. */
  conflict(c: { entity: string; entityId: string; remoteId?: string; remoteData: unknown }): void;
  /**
   * Marks an open conflict of this entity (from this resource) as resolved by applying the remote
   * row: call it when a row that once conflicted is now applied.
   */
  resolved(entity: string, entityId: string): void;
}

export interface PullResource<T = unknown, C = unknown> {
  remote: Remote;
  /** Stable name, shown on the Sync screen and keyed in sync_cursors: 'orders', 'persons', … */
  resource: string;
  /** 'delta': the document offers a change cursor; 'sweep': every run re-reads everything. */
  mode: 'delta' | 'sweep';
  /** Fetches the page after `cursor` (null: from the start). Throws RemoteError on failure. */
  fetchPage(client: C, cursor: string | null, signal: AbortSignal): Promise<PullPage<T>>;
  /** Writes one chunk of a page into the local tables. Must be idempotent (a page may be re-applied after a crash). */
  apply(items: readonly T[], ctx: ApplyContext): void;
}

/** One outbox operation a connector can send: see push.ts for the handler's contract. */
export interface PushDef<P = unknown> {
  operation: string;
  schema: ZodType<P>;
  handler: PushHandler<P>;
}

/** What a connector module gets from the composition root. */
export interface ConnectorDeps<C> {
  db: Db;
  clock: Clock;
  logger: Logger;
  stationId: string;
  /** The shared client of this remote, or undefined while it is not configured. */
  client(): Promise<C | undefined>;
  /** Default country for national phone numbers (ISO 3166 alpha-2), per station. */
  defaultCountry?: string;
}

/** A connector module: its pulls and its pushes. */
export interface RemoteSync<C = unknown> {
  remote: Remote;
  /** Run in this order on each pass; a later resource may rely on rows of an earlier one. */
  resources: PullResource<unknown, C>[];
  pushes: PushDef[];
}
