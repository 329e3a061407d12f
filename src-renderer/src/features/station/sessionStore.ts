// The station as main last described it: its name, users, and who is signed in.
import { createStore } from 'zustand/vanilla';
import type { StationState, User } from '../../../../src-preload/contract';

export interface SessionStore {
  station: StationState | null;
  setStation(station: StationState): void;
  /** Main said nobody is signed in (an UNAUTHORIZED answer): drop the user, keep the rest. */
  signedOut(): void;
  /** A user row changed or was added (createUser/updateUser answer with the user alone). */
  upsertUser(user: User): void;
}

export function createSessionStore() {
  return createStore<SessionStore>()((set) => ({
    station: null,
    setStation: (station) => set({ station }),
    signedOut: () => set((s) => (s.station ? { station: { ...s.station, currentUser: null } } : s)),
    upsertUser: (user) =>
      set((s) => {
        if (!s.station) return s;
        const users = s.station.users.some((u) => u.id === user.id)
          ? s.station.users.map((u) => (u.id === user.id ? user : u))
          : [...s.station.users, user];
        const currentUser = s.station.currentUser?.id === user.id ? user : s.station.currentUser;
        return { station: { ...s.station, users, currentUser } };
      }),
  }));
}
