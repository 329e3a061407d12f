// Connectivity and outbox counts. Two sources: main's system.status (are the remotes reachable, what
// waits in the outbox) and the transport itself (is the Dockside service reachable at all).
import { createStore } from 'zustand/vanilla';
import type { AppStatus } from '../../../src-preload/contract';

export type Connectivity = 'online' | 'offline' | 'disconnected' | 'local';

export interface StatusStore {
  status: AppStatus | null;
  /** The transport to main is up (always true over IPC). */
  connected: boolean;
  setStatus(status: AppStatus): void;
  setConnected(connected: boolean): void;
}

export function createStatusStore() {
  return createStore<StatusStore>()((set) => ({
    status: null,
    connected: true,
    setStatus: (status) => set({ status }),
    setConnected: (connected) => set({ connected }),
  }));
}

/**
 * The one word the header shows: losing the service beats everything; with no remote configured
 * the station is "local only"; "Online" only while every configured remote answered its last call
 * (never for a remote it cannot reach, nor for one it has not heard from yet).
 */
export function connectivity(s: Pick<StatusStore, 'status' | 'connected'>): Connectivity {
  if (!s.connected) return 'disconnected';
  if (!s.status) return 'offline';
  const { remotes } = s.status;
  if (remotes.configured === 0) return 'local';
  return s.status.online && remotes.connected >= remotes.configured ? 'online' : 'offline';
}
