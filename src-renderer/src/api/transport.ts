// Picks the transport at start: the preload's bridge inside Electron, else the web-mode WebSocket
// whose token arrives in the URL fragment (never sent to the server in a page request).
import type { DocksideBridge } from '../../../src-preload/contract';
import { createWsBridge, type WsBridge } from './wsBridge';

declare global {
  interface Window {
    dockside?: DocksideBridge;
  }
}

export type Transport =
  | { kind: 'ipc'; bridge: DocksideBridge }
  | { kind: 'websocket'; bridge: WsBridge };

export function pickTransport(win: Window = window): Transport {
  if (win.dockside) return { kind: 'ipc', bridge: win.dockside };
  const token = new URLSearchParams(win.location.hash.slice(1)).get('token');
  if (!token) throw new Error('No Dockside token in the address: open the URL that `npm run start:web` printed.');
  const proto = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${proto}//${win.location.host}/rpc?token=${encodeURIComponent(token)}`;
  return { kind: 'websocket', bridge: createWsBridge(url) };
}
