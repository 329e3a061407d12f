// The sandboxed preload: exposes `window.dockside = { invoke, on }` and nothing else. The renderer
// never sees ipcRenderer or an IPC event object, only results and event payloads.
// Imports nothing but electron (plus types): a sandboxed preload cannot load other modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DocksideBridge, RpcResult } from './contract';

// Same literals as RPC_CHANNEL / EVENT_CHANNEL in src-main/electron/ipc.ts.
const RPC_CHANNEL = 'rpc';
const EVENT_CHANNEL = 'event';

// Each `on` call gets its own entry, so subscribing one function twice means two independent
// subscriptions and unsubscribing one leaves the other.
type Subscription = { listener: (payload: unknown) => void };
const subscriptions = new Map<string, Set<Subscription>>();

// One IPC listener for all subscriptions, so many `on` calls never pile up ipcRenderer listeners.
ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string') return;
  for (const sub of [...(subscriptions.get(event) ?? [])]) {
    try {
      sub.listener(payload);
    } catch (err) {
      // One failing listener must not keep the event from the others.
      console.error(`dockside: listener for ${event} failed`, err);
    }
  }
});

const bridge: DocksideBridge = {
  invoke(method, input, options) {
    if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'));
    // IPC never drops a call half-way, so it never resends: the key only reaches the dispatcher.
    const key: unknown = options?.idempotencyKey;
    return ipcRenderer
      .invoke(RPC_CHANNEL, { method, input, ...(typeof key === 'string' ? { idempotencyKey: key } : {}) })
      .catch((): RpcResult<unknown> => ({
        // Main answers every call with an RpcResult; a rejection means it was not listening.
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'The Dockside main process did not answer' },
      })) as Promise<RpcResult<unknown>>;
  },
  on(event, listener) {
    if (typeof event !== 'string' || typeof listener !== 'function') {
      throw new TypeError('on(event: string, listener: function)');
    }
    let set = subscriptions.get(event);
    if (!set) subscriptions.set(event, (set = new Set()));
    const sub: Subscription = { listener };
    set.add(sub);
    return () => {
      set.delete(sub);
      if (set.size === 0 && subscriptions.get(event) === set) subscriptions.delete(event);
    };
  },
};

contextBridge.exposeInMainWorld('dockside', bridge);
