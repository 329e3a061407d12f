// The pull half of sync. Per remote one run at a time (a call during a run joins it and asks for
// one more pass); per resource, in the connector's order: read the stored cursor, fetch a page,
// apply it in chunks — each chunk its own transaction, the event loop gets a turn between chunks —
// and store the page's cursor in the transaction of its last chunk. A crash therefore re-applies
// at most the page it was in (apply is idempotent) and never skips one.
import type { Remote } from '../../../src-preload/contract';
import { RemoteError } from '../connectors/shared/errors';
import type { Db } from '../db/database';
import { silentLogger, type Logger } from '../log/logger';
import type { Clock } from '../platform/ports';
import { orderingKeyOf } from './outbox';
import { SyncRepo } from './repo';
import type { ApplyContext, PullResource } from './types';

export const DEFAULT_CHUNK = 250;

export interface PullEngineOptions {
  db: Db;
  clock: Clock;
  logger?: Logger;
  /** The outbox's open ordering keys of a remote (Outbox.openKeys): rows a pull must not overwrite. */
  openKeys: (remote: Remote) => ReadonlySet<string>;
  /** Most records per transaction (and the first chunk's size). Default 500. */
  chunkSize?: number;
  /**
   * Time one chunk may hold the event loop. A chunk that took longer makes the next ones of that
   * resource smaller; quick ones let it grow back up to chunkSize. Default 20 ms.
   */
  chunkBudgetMs?: number;
  /** Milliseconds for the chunk budget. Default performance.now (tests pass a fake). */
  elapsed?: () => number;
  /**
   * Waited for after every chunk. Default: this engine's turns — one chunk per turn of the event
   * loop across all the pulls running at once (see nextTurn).
   */
  yieldTurn?: () => Promise<void>;
  /** Every fetched page (success) and every RemoteError of a fetch: reachability follows them. */
  onContact?: (remote: Remote, error?: unknown) => void;
  /** A run started, progressed, ended, or a conflict was recorded: the Sync screen may refresh. */
  onProgress?: (remote: Remote) => void;
}

export interface ResourceProgress {
  done: number;
  total?: number;
}

export interface PullRunSummary {
  /** Records applied, per resource. */
  records: Record<string, number>;
  /** Resources that failed, with the error's code. */
  failed: Record<string, string>;
  /** The run stopped at a RemoteError (the remote is not answering as it should). */
  stopped: boolean;
}

interface Registered {
  resources: PullResource[];
  client: () => Promise<unknown>;
  controller: AbortController;
}

/** `undefined`: every resource. */
type Wanted = Set<string> | undefined;

const union = (a: Wanted, b: Wanted): Wanted => (a === undefined || b === undefined ? undefined : new Set([...a, ...b]));

export class PullEngine {
  private readonly repo: SyncRepo;
  private readonly logger: Logger;
  private readonly chunkSize: number;
  private readonly budgetMs: number;
  private readonly elapsed: () => number;
  private readonly yieldTurn: () => Promise<void>;
  private readonly remotes = new Map<Remote, Registered>();
  private readonly running = new Map<Remote, Promise<PullRunSummary>>();
  /** Asked for during a run: one more pass with these resources. */
  private readonly again = new Map<Remote, Wanted>();
  private readonly progressOf = new Map<Remote, Map<string, ResourceProgress>>();
  private closed = false;

  constructor(private readonly o: PullEngineOptions) {
    this.repo = new SyncRepo(o.db);
    this.logger = o.logger ?? silentLogger;
    this.chunkSize = Math.max(1, o.chunkSize ?? DEFAULT_CHUNK);
    this.budgetMs = o.chunkBudgetMs ?? 12;
    this.elapsed = o.elapsed ?? (() => performance.now());
    this.yieldTurn = o.yieldTurn ?? (() => this.nextTurn());
  }

  /** A remote's resources, in pull order. Replaces what was registered for it (a run in progress is aborted). */
  register(remote: Remote, resources: readonly PullResource[], client: () => Promise<unknown>): () => void {
    this.unregister(remote);
    const entry: Registered = { resources: [...resources], client, controller: new AbortController() };
    this.remotes.set(remote, entry);
    return () => {
      if (this.remotes.get(remote) === entry) this.unregister(remote);
    };
  }

  unregister(remote: Remote): void {
    const entry = this.remotes.get(remote);
    if (!entry) return;
    entry.controller.abort();
    this.remotes.delete(remote);
    this.again.delete(remote);
  }

  resources(remote: Remote): readonly PullResource[] {
    return this.remotes.get(remote)?.resources ?? [];
  }

  isRunning(remote: Remote): boolean {
    return this.running.has(remote);
  }

  /** Per resource of a running pull: records applied so far (and the remote's total, when it gives one). */
  progress(remote: Remote): ReadonlyMap<string, ResourceProgress> {
    return this.progressOf.get(remote) ?? new Map();
  }

  /**
   * Pulls a remote: every resource, or the named ones. Single-flight: during a run the call joins
   * it and one more pass follows (with the union of what was asked), so nothing asked is missed.
   */
  run(remote: Remote, resource?: string | readonly string[]): Promise<PullRunSummary> {
    const wanted: Wanted = resource === undefined ? undefined : new Set(typeof resource === 'string' ? [resource] : resource);
    const current = this.running.get(remote);
    if (current) {
      this.again.set(remote, this.again.has(remote) ? union(this.again.get(remote), wanted) : wanted);
      return current;
    }
    const run = (async () => {
      let summary: PullRunSummary = { records: {}, failed: {}, stopped: false };
      let next: Wanted = wanted;
      try {
        for (let passes = 0; passes < 10 && !this.closed; passes++) {
          summary = await this.pass(remote, next);
          if (!this.again.has(remote)) break;
          next = this.again.get(remote);
          this.again.delete(remote);
        }
      } finally {
        this.running.delete(remote);
        this.progressOf.delete(remote);
        this.o.onProgress?.(remote);
      }
      return summary;
    })();
    this.running.set(remote, run);
    this.o.onProgress?.(remote);
    return run;
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.catch(() => undefined)));
  }

  /** Aborts every run and refuses new passes. */
  async close(): Promise<void> {
    this.closed = true;
    for (const r of [...this.remotes.keys()]) this.unregister(r);
    await this.idle();
  }

  private async pass(remote: Remote, wanted: Wanted): Promise<PullRunSummary> {
    const summary: PullRunSummary = { records: {}, failed: {}, stopped: false };
    const entry = this.remotes.get(remote);
    if (!entry) return summary;
    const { signal } = entry.controller;
    const client = await entry.client();
    if (client === undefined) return summary; // not configured (any more)
    for (const res of entry.resources) {
      if (signal.aborted || this.closed) break;
      if (wanted && !wanted.has(res.resource)) continue;
      try {
        summary.records[res.resource] = await this.pullResource(remote, res, client, signal);
      } catch (e) {
        if (signal.aborted) break; // closing or removed: not the remote's failure
        const remoteError = e instanceof RemoteError;
        const code = remoteError ? e.kind : 'error';
        const message = remoteError ? (e.remoteMessage ?? e.message) : e instanceof Error ? e.message : String(e);
        summary.failed[res.resource] = code;
        this.o.db.relaxed(() => this.repo.saveError({ remote, resource: res.resource, attemptAt: this.o.clock.now(), code, message }));
        this.o.onProgress?.(remote);
        if (remoteError) {
          // The remote is not answering as it should: the other resources would fail the same way.
          this.o.onContact?.(remote, e);
          summary.stopped = true;
          break;
        }
        // A bug or a shape of ours: this resource failed, the others may still work.
        this.logger.error('sync: pull of a resource failed', { remote, resource: res.resource, error: e });
      }
    }
    return summary;
  }

  /** Pages until the remote says done; returns the records applied. */
  private async pullResource(remote: Remote, res: PullResource, client: unknown, signal: AbortSignal): Promise<number> {
    const progress: ResourceProgress = { done: 0 };
    let perRemote = this.progressOf.get(remote);
    if (!perRemote) this.progressOf.set(remote, (perRemote = new Map()));
    perRemote.set(res.resource, progress);
    this.o.onProgress?.(remote);
    try {
      return await this.pages(remote, res, client, signal, progress);
    } finally {
      // A finished (or failed) resource shows no bar while later resources of the run go on.
      perRemote.delete(res.resource);
      this.o.onProgress?.(remote);
    }
  }

  private async pages(remote: Remote, res: PullResource, client: unknown, signal: AbortSignal, progress: ResourceProgress): Promise<number> {
    const attemptAt = this.o.clock.now();
    let cursor = this.repo.cursor(remote, res.resource)?.cursor ?? null;
    let records = 0;
    let size = this.chunkSize;
    for (;;) {
      const page = await res.fetchPage(client, cursor, signal);
      this.o.onContact?.(remote);
      if (page.total !== undefined) progress.total = page.total;
      const items = page.items;
      // An empty page is one empty chunk: its cursor is still recorded.
      let start = 0;
      do {
        if (signal.aborted) throw new Error('pull aborted');
        const chunk = items.slice(start, start + size);
        start += chunk.length;
        const last = start >= items.length;
        const now = this.o.clock.now();
        const t0 = this.elapsed();
        // Relaxed (no fsync of its own): a chunk lost in a power cut takes its cursor with it, so
        // the page is simply pulled again.
        this.o.db.relaxed(() => this.o.db.tx(() => {
          if (chunk.length > 0) res.apply(chunk, this.context(remote, res.resource, now));
          // The cursor goes with the page's last chunk: after a crash the page is fetched again
          // from the previous cursor and re-applied (idempotent), never skipped.
          if (last) {
            this.repo.savePage({
              remote,
              resource: res.resource,
              cursor: page.cursor,
              records: records + chunk.length,
              attemptAt,
              successAt: page.done ? now : null,
            });
          }
        }));
        size = this.nextSize(size, chunk.length, this.elapsed() - t0);
        records += chunk.length;
        progress.done = records;
        this.o.onProgress?.(remote);
        await this.yieldTurn();
      } while (start < items.length);
      cursor = page.cursor;
      if (page.done) return records;
      if (signal.aborted) throw new Error('pull aborted');
    }
  }

  /**
   * Five remotes pull at once. Waiting on a plain setImmediate, their chunks would all run in the
   * same check phase, one after another, and hold the loop for five chunks. The turns are chained
   * instead: each resolves on the setImmediate after the previous one, so at most one chunk runs
   * per turn of the event loop, whoever it belongs to, and a window's request waits for one chunk.
   */
  private turns: Promise<void> = Promise.resolve();
  private nextTurn(): Promise<void> {
    const turn = this.turns.then(() => new Promise<void>((r) => setImmediate(r)));
    this.turns = turn;
    return turn;
  }

  /**
   * The next chunk's size from how long this one held the event loop: scaled to the budget when it
   * overran (slow apply, a loaded machine), doubled when it took under half, never above chunkSize.
   */
  private nextSize(size: number, applied: number, ms: number): number {
    if (applied < size) return size; // a page's short tail says nothing about the rate
    if (ms > this.budgetMs) return Math.max(10, Math.floor((size * this.budgetMs) / ms));
    if (ms < this.budgetMs / 2) return Math.min(this.chunkSize, size * 2);
    return size;
  }

  /** One per chunk: the open outbox keys are read once, on first use, with one query. */
  private context(remote: Remote, resource: string, now: number): ApplyContext {
    let open: ReadonlySet<string> | undefined;
    let conflicted = false;
    const ctx: ApplyContext = {
      db: this.o.db,
      now,
      isProtected: (entity, entityId) => {
        open ??= this.o.openKeys(remote);
        return open.has(orderingKeyOf(entity, entityId));
      },
      conflict: (c) => {
        this.repo.upsertConflict({ remote, resource, entity: c.entity, entityId: c.entityId, remoteId: c.remoteId ?? null, remoteData: c.remoteData, now });
        conflicted = true;
      },
      resolved: (entity, entityId) => {
        if (this.repo.resolveConflict({ remote, resource, entity, entityId, now })) conflicted = true;
      },
    };
    // Conflict counts show on the Sync screen: tell it after this chunk commits.
    this.o.db.afterCommit(() => {
      if (conflicted) this.o.onProgress?.(remote);
    });
    return ctx;
  }
}
