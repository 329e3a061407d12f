// The sync engine: for every configured remote it runs that remote's connector module — its pull
// resources on the PullEngine, its push handlers on the Outbox — and decides when to pull: at
// start (before anyone signs in), on an interval (delta resources often, sweeps seldom), when the
// station comes back online, when a connection is saved, and on "Sync now". Reachability follows
// what actually happened; an unreachable remote is probed by its next pull with backoff, and when
// it answers again its waiting pushes go at once.
import { REMOTES, type ConnectionList, type Remote, type SyncConflict, type SyncRemoteStatus, type AppStatus } from '../../../src-preload/contract';
import type { ConnectionsService } from '../connections/service';
import type { Db } from '../db/database';
import type { Timers } from '../jobs/types';
import type { Logger } from '../log/logger';
import type { Clock, Connectivity } from '../platform/ports';
import type { SyncControl } from './handlers';
import type { Outbox } from './outbox';
import { PullEngine } from './pull';
import type { Reachability } from './reachability';
import type { RemoteSyncFactories } from './remotes';
import { SyncRepo } from './repo';
import type { ConnectorDeps, RemoteSync } from './types';

export interface SyncEngineOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  stationId: string;
  outbox: Outbox;
  reachability: Reachability;
  connections: Pick<ConnectionsService, 'clientFor' | 'onChanged' | 'list'>;
  connectivity: Connectivity;
  /** The connector modules (remotes.ts); a configured remote without one pulls and pushes nothing. */
  factories: RemoteSyncFactories;
  /** Default: real setTimeout. Tests pass fake timers. */
  timers?: Timers;
  /** Pulls on their own (start, interval, back online, connection saved). Default true; sync.now always pulls. */
  autoStart?: boolean;
  /** Delta resources are pulled this often. Default 30 s. */
  deltaIntervalMs?: number;
  /** Sweep resources are pulled this often. Default 5 min. */
  sweepIntervalMs?: number;
  /** sync.remotes notices at most this often. Default 250 ms. */
  notifyMs?: number;
  chunkSize?: number;
  yieldTurn?: () => Promise<void>;
  defaultCountry?: string;
}

type Which = 'all' | 'delta' | 'sweep';

interface Active {
  offs: (() => void)[];
  updatedAt: number | null;
}

const realTimers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

export class SyncEngine implements SyncControl {
  readonly pull: PullEngine;
  readonly reachability: Reachability;
  private readonly repo: SyncRepo;
  private readonly timers: Timers;
  private readonly autoStart: boolean;
  private readonly deltaMs: number;
  private readonly sweepMs: number;
  private readonly notifyMs: number;
  private readonly active = new Map<Remote, Active>();
  private readonly configured = new Set<Remote>();
  private readonly due = new Map<Remote, { delta: number; sweep: number }>();
  private readonly timerOf = new Map<Remote, unknown>();
  private readonly remoteListeners = new Set<(remotes: SyncRemoteStatus[]) => void>();
  private readonly stateListeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private notifyTimer: unknown;
  private lastNotifyAt = -Infinity;
  private started = false;
  private closed = false;

  constructor(private readonly o: SyncEngineOptions) {
    this.timers = o.timers ?? realTimers;
    this.autoStart = o.autoStart ?? true;
    this.deltaMs = o.deltaIntervalMs ?? 30_000;
    this.sweepMs = o.sweepIntervalMs ?? 5 * 60_000;
    this.notifyMs = o.notifyMs ?? 250;
    this.reachability = o.reachability;
    this.repo = new SyncRepo(o.db);
    this.pull = new PullEngine({
      db: o.db,
      clock: o.clock,
      logger: o.logger,
      openKeys: (remote) => o.outbox.openKeys(remote),
      ...(o.chunkSize !== undefined ? { chunkSize: o.chunkSize } : {}),
      ...(o.yieldTurn ? { yieldTurn: o.yieldTurn } : {}),
      onContact: (remote, error) => (error === undefined ? this.reachability.succeeded(remote) : this.reachability.failed(remote, error, 'pull')),
      onProgress: () => this.notifyRemotes(),
    });
  }

  /** Registers the configured remotes and follows Settings → Connections; with autoStart, pulls them now. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.unsubscribe.push(
      this.reachability.onChange((remote, before, after) => {
        // It answers (first contact, or back from a failure): what waited or backed off goes now.
        if (after === 'connected' && before !== 'connected') void this.o.outbox.syncNow(remote).catch(() => undefined);
        if (after !== 'connected') this.schedule(remote);
        this.notifyState();
      }),
      this.o.connections.onChanged((list) => this.follow(list)),
      this.o.connectivity.onChange((online) => {
        if (online && this.autoStart) for (const r of this.configured) void this.pullNow(r, 'all');
      }),
      this.o.outbox.onChange(() => this.notifyRemotes()),
    );
    this.follow(await this.o.connections.list());
  }

  /** Pull and push now: one remote or every configured one. Resolves when both are through. */
  async syncNow(remote?: Remote): Promise<void> {
    const remotes = remote ? [remote] : [...this.configured];
    await Promise.all([
      ...remotes.filter((r) => this.configured.has(r)).map((r) => this.pullNow(r, 'all')),
      remote ? this.o.outbox.syncNow(remote) : this.o.outbox.syncNow(),
    ]);
  }

  remotes(): SyncRemoteStatus[] {
    const counts = new Map(this.o.outbox.remoteCounts().map((c) => [c.remote, c]));
    const conflicts = this.repo.openConflictCounts();
    return REMOTES.map((remote): SyncRemoteStatus => {
      const reach = this.reachability.get(remote);
      const configured = this.configured.has(remote);
      const cursors = new Map(this.repo.cursorsOf(remote).map((c) => [c.resource, c]));
      const progress = this.pull.progress(remote);
      return {
        remote,
        configured,
        state: configured ? (reach.state === 'not_configured' ? 'connecting' : reach.state) : 'not_configured',
        lastError: configured ? reach.lastError : null,
        lastContactAt: reach.lastContactAt,
        pending: counts.get(remote)?.pending ?? 0,
        dead: counts.get(remote)?.dead ?? 0,
        conflicts: conflicts.get(remote) ?? 0,
        pulling: this.pull.isRunning(remote),
        resources: this.pull.resources(remote).map((res) => {
          const c = cursors.get(res.resource);
          const p = progress.get(res.resource);
          return {
            resource: res.resource,
            lastSuccessAt: c?.lastSuccessAt ?? null,
            lastAttemptAt: c?.lastAttemptAt ?? null,
            records: p ? p.done : (c?.records ?? 0),
            running: !!p,
            progress: p ? { done: p.done, ...(p.total !== undefined ? { total: p.total } : {}) } : null,
            lastError: c?.lastError != null ? { code: c.lastErrorCode ?? 'error', message: c.lastError } : null,
          };
        }),
      };
    });
  }

  /** system.status's `remotes`. */
  statusRemotes(): AppStatus['remotes'] {
    const out = { configured: this.configured.size, connected: 0, unreachable: 0, failing: 0 };
    for (const r of this.configured) {
      const s = this.reachability.state(r);
      if (s === 'connected') out.connected++;
      else if (s === 'unreachable') out.unreachable++;
      else if (s === 'auth_failed' || s === 'error') out.failing++;
    }
    return out;
  }

  conflicts(q: { remote?: Remote; limit: number }): SyncConflict[] {
    return this.repo.openConflicts(q);
  }

  dismissConflict(id: string): boolean {
    const ok = this.repo.dismissConflict(id, this.o.clock.now());
    if (ok) this.notifyRemotes();
    return ok;
  }

  /** Throttled to one per `notifyMs` (the last one always comes): a long pull reports progress without flooding. */
  onRemotesChanged(listener: (remotes: SyncRemoteStatus[]) => void): () => void {
    this.remoteListeners.add(listener);
    return () => this.remoteListeners.delete(listener);
  }

  /** Configured remotes or their reachability changed (system.status follows this; not progress). */
  onStateChanged(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Stops the timers and aborts the pulls in progress. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
    for (const t of this.timerOf.values()) this.timers.clearTimeout(t);
    this.timerOf.clear();
    if (this.notifyTimer !== undefined) this.timers.clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    for (const a of this.active.values()) for (const off of a.offs) off();
    this.active.clear();
    await this.pull.close();
  }

  // ---- internals ------------------------------------------------------------------------------

  /** Brings the registered remotes in line with the saved connections. */
  private follow(list: ConnectionList): void {
    if (this.closed) return;
    let changed = false;
    for (const c of list.connections) {
      const prev = this.active.get(c.remote);
      if (c.configured && !prev) {
        this.activate(c.remote, c.updatedAt);
      } else if (c.configured && prev && prev.updatedAt !== c.updatedAt) {
        // Saved again (maybe new credentials): start over as connecting and try it now.
        prev.updatedAt = c.updatedAt;
        this.reachability.configured(c.remote, true);
        if (this.autoStart) void this.pullNow(c.remote, 'all');
      } else if (!c.configured && prev) {
        this.deactivate(c.remote);
      } else continue;
      changed = true;
    }
    if (changed) this.notifyState();
  }

  private activate(remote: Remote, updatedAt: number | null): void {
    const a: Active = { offs: [], updatedAt };
    this.active.set(remote, a);
    this.configured.add(remote);
    this.reachability.configured(remote, true);
    const factory = this.o.factories[remote] as ((deps: ConnectorDeps<unknown>) => RemoteSync) | undefined;
    if (factory) {
      try {
        const mod = factory({
          db: this.o.db,
          clock: this.o.clock,
          logger: this.o.logger.child({ remote }),
          stationId: this.o.stationId,
          client: () => this.o.connections.clientFor(remote),
          ...(this.o.defaultCountry ? { defaultCountry: this.o.defaultCountry } : {}),
        });
        for (const p of mod.pushes) a.offs.push(this.o.outbox.registerPush(remote, p.operation, p.handler, p.schema));
        a.offs.push(this.pull.register(remote, mod.resources, () => this.o.connections.clientFor(remote)));
      } catch (e) {
        this.o.logger.error('sync: connector module failed to start', { remote, error: e });
      }
    }
    this.due.set(remote, { delta: this.o.clock.now(), sweep: this.o.clock.now() });
    if (this.autoStart) void this.pullNow(remote, 'all');
  }

  private deactivate(remote: Remote): void {
    const a = this.active.get(remote);
    if (a) for (const off of a.offs) off();
    this.active.delete(remote);
    this.configured.delete(remote);
    this.due.delete(remote);
    const t = this.timerOf.get(remote);
    if (t !== undefined) this.timers.clearTimeout(t);
    this.timerOf.delete(remote);
    this.reachability.configured(remote, false);
  }

  /** One pull of a remote (joining a run in progress), then the next one is scheduled. */
  private async pullNow(remote: Remote, which: Which): Promise<void> {
    if (this.closed || !this.active.has(remote)) return;
    const resources = this.pull.resources(remote);
    const names = which === 'all' ? undefined : resources.filter((r) => r.mode === which).map((r) => r.resource);
    try {
      if (names === undefined || names.length > 0) await this.pull.run(remote, names);
    } catch (e) {
      this.o.logger.error('sync: pull failed', { remote, error: e });
    } finally {
      const d = this.due.get(remote);
      const now = this.o.clock.now();
      if (d) {
        if (which !== 'sweep') d.delta = now + this.deltaMs;
        if (which !== 'delta') d.sweep = now + this.sweepMs;
      }
      this.schedule(remote);
    }
  }

  /** Arms the remote's next pull: a probe with backoff while it fails, else the next interval due. */
  private schedule(remote: Remote): void {
    if (!this.autoStart || this.closed || !this.active.has(remote)) return;
    const prev = this.timerOf.get(remote);
    if (prev !== undefined) this.timers.clearTimeout(prev);
    const d = this.due.get(remote);
    if (!d) return;
    const now = this.o.clock.now();
    const delay = this.failing(remote) ? this.reachability.probeDelay(remote) : Math.max(0, Math.min(d.delta, d.sweep) - now);
    this.timerOf.set(
      remote,
      this.timers.setTimeout(() => this.tick(remote), delay),
    );
  }

  private failing(remote: Remote): boolean {
    const s = this.reachability.state(remote);
    return s === 'unreachable' || s === 'error';
  }

  private tick(remote: Remote): void {
    this.timerOf.delete(remote);
    if (this.closed || !this.active.has(remote)) return;
    const d = this.due.get(remote);
    if (!d) return;
    const now = this.o.clock.now();
    if (!this.o.connectivity.isOnline()) {
      // No network at all: nothing to learn; "back online" pulls at once.
      d.delta = now + this.deltaMs;
      d.sweep = Math.max(d.sweep, d.delta);
      this.schedule(remote);
      return;
    }
    if (this.failing(remote)) {
      void this.pullNow(remote, 'all'); // the probe: the first page that answers brings it back
      return;
    }
    const delta = d.delta <= now;
    const sweep = d.sweep <= now;
    if (!delta && !sweep) return this.schedule(remote);
    void this.pullNow(remote, delta && sweep ? 'all' : delta ? 'delta' : 'sweep');
  }

  private notifyState(): void {
    for (const l of [...this.stateListeners]) l();
    this.notifyRemotes();
  }

  private notifyRemotes(): void {
    if (this.closed || this.remoteListeners.size === 0 || this.notifyTimer !== undefined) return;
    const wait = Math.max(0, this.lastNotifyAt + this.notifyMs - this.o.clock.now());
    this.notifyTimer = this.timers.setTimeout(() => {
      this.notifyTimer = undefined;
      if (this.closed) return;
      this.lastNotifyAt = this.o.clock.now();
      const remotes = this.remotes();
      for (const l of [...this.remoteListeners]) l(remotes);
    }, wait);
  }
}
