// sync.*: the outbox and the pull engine for the Sync screen. sync.changed follows the outbox's
// committed changes, coalesced to one event per turn of the event loop (a drain of 5,000 ops must
// not send 10,000); sync.remotes is throttled by the engine itself (see SyncEngine.onRemotesChanged).
import type { Remote, SyncConflict, SyncRemoteStatus } from '../../../src-preload/contract';
import type { HandlersFor } from '../rpc/dispatcher';
import { notFound } from '../rpc/errors';
import type { EventBus } from '../rpc/events';
import type { Outbox } from './outbox';

/** What the handlers need of the sync engine (SyncEngine implements it). */
export interface SyncControl {
  remotes(): SyncRemoteStatus[];
  conflicts(q: { remote?: Remote; limit: number }): SyncConflict[];
  /** false when no open conflict has this id. */
  dismissConflict(id: string): boolean;
  /** Pull and push now: one remote or every configured one. */
  syncNow(remote?: Remote): Promise<void>;
  /** Throttled: a long pull reports its progress a few times a second at most. */
  onRemotesChanged(listener: (remotes: SyncRemoteStatus[]) => void): () => void;
}

export function syncHandlers(outbox: Outbox, engine: SyncControl): HandlersFor<'sync'> {
  return {
    'sync.ops': (input) => ({ remotes: outbox.remoteCounts(), ops: outbox.list(input) }),
    'sync.retry': (input) => outbox.retry(input.id),
    'sync.discard': (input) => {
      outbox.discard(input.id);
      return { id: input.id };
    },
    'sync.edit': (input) => outbox.edit(input.id, input.payload),
    'sync.now': (input) => {
      void engine.syncNow(input.remote).catch(() => undefined);
      return { started: true };
    },
    'sync.remotes': () => ({ remotes: engine.remotes() }),
    'sync.conflicts': (input) => ({ conflicts: engine.conflicts(input) }),
    'sync.dismissConflict': (input) => {
      if (!engine.dismissConflict(input.id)) throw notFound('Open conflict');
      return { id: input.id };
    },
  };
}

export function followOutbox(outbox: Outbox, events: EventBus, defer: (fn: () => void) => void = (fn) => void setImmediate(fn)): () => void {
  let scheduled = false;
  let disposed = false;
  const off = outbox.onChange(() => {
    if (scheduled) return;
    scheduled = true;
    defer(() => {
      scheduled = false;
      if (!disposed) events.emit('sync.changed', { remotes: outbox.remoteCounts() });
    });
  });
  return () => {
    disposed = true;
    off();
  };
}

/** sync.remotes events from the engine's (already throttled) notices. */
export function followEngine(engine: SyncControl, events: EventBus): () => void {
  return engine.onRemotesChanged((remotes) => events.emit('sync.remotes', { remotes }));
}
