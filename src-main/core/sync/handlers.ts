// sync.*: the outbox for the Sync screen. sync.changed follows the outbox's committed changes,
// coalesced to one event per turn of the event loop (a drain of 5,000 ops must not send 10,000).
import type { HandlersFor } from '../rpc/dispatcher';
import type { EventBus } from '../rpc/events';
import type { Outbox } from './outbox';

export function syncHandlers(outbox: Outbox): HandlersFor<'sync'> {
  return {
    'sync.ops': (input) => ({ remotes: outbox.remoteCounts(), ops: outbox.list(input) }),
    'sync.retry': (input) => outbox.retry(input.id),
    'sync.discard': (input) => {
      outbox.discard(input.id);
      return { id: input.id };
    },
    'sync.edit': (input) => outbox.edit(input.id, input.payload),
    'sync.now': () => {
      void outbox.syncNow().catch(() => undefined);
      return { started: true };
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
