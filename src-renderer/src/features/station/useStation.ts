// The station slice's hooks: who is signed in (from its session store) and the action that ends
// the session (header → Switch user).
import { useStore } from 'zustand';
import { useApi, useServices } from '../../app/context';
import { useAction } from '../../app/useAction';
import type { SessionStore } from './sessionStore';

export function useSession<T>(selector: (s: SessionStore) => T): T {
  return useStore(useServices().stores.session, selector);
}

export const useIsSupervisor = (): boolean => useSession((s) => s.station?.currentUser?.role === 'supervisor');

/** Signs the current user out; the sign-in screen follows from the new station state. */
export function useSignOut(): { signOut(): Promise<void>; busy: boolean } {
  const api = useApi();
  const { stores } = useServices();
  const { run, busy } = useAction();
  return {
    busy,
    async signOut() {
      const next = await run(() => api.call('station.signOut', {}));
      if (next) stores.session.getState().setStation(next);
    },
  };
}
