// The web-mode transport: the same {invoke, on} bridge the preload exposes, over one WebSocket.
// Wire format: → {id, method, input}; ← {id, result} | {event, payload}.
import type { DocksideBridge, RpcResult } from '../../../src-preload/contract';

type WsLike = {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
};
export type WsConstructor = new (url: string) => WsLike;

export interface WsBridge extends DocksideBridge {
  close(): void;
  /** Resolves once connected (or rejects when the first attempt fails). */
  ready: Promise<void>;
  onConnection(listener: (connected: boolean) => void): () => void;
}

const OPEN = 1;

export function createWsBridge(
  url: string,
  opts: { WebSocket?: WsConstructor; reconnectMs?: number; callTimeoutMs?: number } = {},
): WsBridge {
  const Ws = opts.WebSocket ?? (globalThis.WebSocket as unknown as WsConstructor);
  const reconnectMs = opts.reconnectMs ?? 1000;
  const callTimeoutMs = opts.callTimeoutMs ?? 30_000;
  let nextId = 1;
  let closed = false;
  let socket: WsLike;
  const pending = new Map<number, { resolve: (r: RpcResult<unknown>) => void; timer: ReturnType<typeof setTimeout> }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const queue: string[] = [];

  let resolveReady!: () => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  let everOpened = false;

  const unavailable = (message: string): RpcResult<unknown> => ({ ok: false, error: { code: 'UNAVAILABLE', message } });

  function connect() {
    socket = new Ws(url);
    socket.onopen = () => {
      everOpened = true;
      resolveReady();
      for (const l of connectionListeners) l(true);
      for (const frame of queue.splice(0)) socket.send(frame);
    };
    socket.onmessage = (ev) => {
      let msg: { id?: number; result?: RpcResult<unknown>; event?: string; payload?: unknown };
      try {
        msg = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      if (typeof msg.id === 'number' && msg.result) {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        clearTimeout(p.timer);
        p.resolve(msg.result);
      } else if (typeof msg.event === 'string') {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
      }
    };
    socket.onerror = () => {};
    socket.onclose = () => {
      if (!everOpened) rejectReady(new Error(`Cannot connect to ${url.replace(/token=[^&]+/, 'token=…')}`));
      for (const l of connectionListeners) l(false);
      // Calls in flight may or may not have run: the caller must treat them as unknown.
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.resolve(unavailable('Connection to the Dockside service was lost'));
        pending.delete(id);
      }
      if (!closed) setTimeout(connect, reconnectMs);
    };
  }
  connect();

  return {
    ready,
    invoke(method, input) {
      const id = nextId++;
      const frame = JSON.stringify({ id, method, input });
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(unavailable(`No answer to ${method} within ${callTimeoutMs} ms`));
        }, callTimeoutMs);
        pending.set(id, { resolve, timer });
        if (socket.readyState === OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      socket.close();
    },
  };
}
