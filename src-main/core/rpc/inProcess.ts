import type { DocksideBridge } from '../../../src-preload/contract';
import type { Dispatcher } from './dispatcher';
import type { EventBus } from './events';

/**
 * A bridge that calls the dispatcher directly, cloning values both ways as IPC's structured
 * clone would: it stands in for Electron IPC in the contract test suite.
 */
export function inProcessBridge(dispatcher: Dispatcher, events: EventBus): DocksideBridge & { close(): void } {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const off = events.subscribe((event, payload) => {
    for (const l of listeners.get(event) ?? []) l(structuredClone(payload));
  });
  return {
    async invoke(method, input, options) {
      const key = options?.idempotencyKey;
      const envelope = { method, input, ...(key !== undefined ? { idempotencyKey: key } : {}) };
      return structuredClone(await dispatcher.dispatch(structuredClone(envelope), 'in-process'));
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    close: off,
  };
}
