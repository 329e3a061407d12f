// The web-mode transport: the same {invoke, on} bridge the preload exposes, over one WebSocket.
// Wire format: → {id, method, input, idempotencyKey?}; ← {id, result} | {event, payload}.
//
// A call is sent once. A call made while no connection is being made is answered UNAVAILABLE at
// once; one made while a connection attempt is under way waits for that attempt only. A call that
// carries an idempotency key (every write) and was sent when the connection dropped is sent again,
// with the same key, on reconnect (main answers a repeated key with the first result, so it cannot
// act twice); a call without one is answered UNAVAILABLE. Whatever was answered UNAVAILABLE is
// forgotten: it is never sent later.
import type { DocksideBridge, InvokeOptions, RpcResult } from '../../../src-preload/contract';

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

const CONNECTING = 0;
const OPEN = 1;

interface PendingCall {
  frame: string;
  /** Has a key: safe to send again after the connection dropped with it unanswered. */
  resendable: boolean;
  /** Sent on the current connection (false: waiting for a connection to open). */
  sent: boolean;
  /** Sent on some connection: main may have it. */
  everSent: boolean;
  resolve: (r: RpcResult<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

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
  // Insertion order is id order: calls go out in the order they were made.
  const pending = new Map<number, PendingCall>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();

  let resolveReady!: () => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  let everOpened = false;

  const unavailable = (message: string): RpcResult<unknown> => ({ ok: false, error: { code: 'UNAVAILABLE', message } });

  /** Answers a call and forgets it, so it can never be sent after this answer. */
  function settle(id: number, result: RpcResult<unknown>): void {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(result);
  }

  function connect() {
    socket = new Ws(url);
    socket.onopen = () => {
      everOpened = true;
      resolveReady();
      for (const l of connectionListeners) l(true);
      for (const p of pending.values()) {
        if (p.sent) continue;
        p.sent = p.everSent = true;
        socket.send(p.frame);
      }
    };
    socket.onmessage = (ev) => {
      let msg: { id?: number; result?: RpcResult<unknown>; event?: string; payload?: unknown };
      try {
        msg = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      if (typeof msg.id === 'number' && msg.result) {
        settle(msg.id, msg.result);
      } else if (typeof msg.event === 'string') {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
      }
    };
    socket.onerror = () => {};
    socket.onclose = () => {
      if (!everOpened) rejectReady(new Error(`Cannot connect to ${url.replace(/token=[^&]+/, 'token=…')}`));
      for (const l of connectionListeners) l(false);
      for (const [id, p] of [...pending]) {
        if (!closed && p.everSent && p.resendable) {
          // Main may or may not have run it; the same key on the next connection finds out.
          p.sent = false;
        } else {
          settle(id, unavailable(p.everSent ? 'Connection to the Dockside service was lost' : 'Not connected to the Dockside service'));
        }
      }
      if (!closed) setTimeout(connect, reconnectMs);
    };
  }
  connect();

  return {
    ready,
    invoke(method, input, options?: InvokeOptions) {
      if (closed || (socket.readyState !== OPEN && socket.readyState !== CONNECTING)) {
        return Promise.resolve(unavailable('Not connected to the Dockside service'));
      }
      const key = options?.idempotencyKey;
      const id = nextId++;
      const frame = JSON.stringify({ id, method, input, ...(key !== undefined ? { idempotencyKey: key } : {}) });
      return new Promise((resolve) => {
        const timer = setTimeout(() => settle(id, unavailable(`No answer to ${method} within ${callTimeoutMs} ms`)), callTimeoutMs);
        const call: PendingCall = { frame, resendable: key !== undefined, sent: false, everSent: false, resolve, timer };
        pending.set(id, call);
        if (socket.readyState === OPEN) {
          call.sent = call.everSent = true;
          socket.send(call.frame);
        }
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
