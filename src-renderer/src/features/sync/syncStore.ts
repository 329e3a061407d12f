// The sync slice: per remote what the engine reports (sync.remotes), kept live by its event. One
// store per app instance (app/stores.ts); the header's pill and the Sync screen both read it.
import { createStore } from 'zustand/vanilla';
import type { SyncRemoteStatus } from '../../../../src-preload/contract';

export interface SyncStore {
  /** null until the first sync.remotes answer (or event) arrived. */
  remotes: SyncRemoteStatus[] | null;
  setRemotes(remotes: SyncRemoteStatus[]): void;
}

export function createSyncStore() {
  return createStore<SyncStore>()((set) => ({
    remotes: null,
    setRemotes: (remotes) => set({ remotes }),
  }));
}
