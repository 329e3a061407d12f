// Keeps the sync slice live: reads sync.remotes once signed in, follows its event, and reads it
// again when the link to the service comes back (events sent while it was down are lost).
// Mounted once, by the header, which is on every signed-in screen.
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useApi, useServices, useStatus } from '../../app/context';
import type { SyncStore } from './syncStore';

export function useSync<T>(selector: (s: SyncStore) => T): T {
  return useStore(useServices().stores.sync, selector);
}

export function useRemotesFeed(): void {
  const api = useApi();
  const { stores } = useServices();
  const transportUp = useStatus((s) => s.connected);
  // Bumped by every event: an answer to a read sent before the latest event is older than it.
  const events = useRef(0);

  useEffect(
    () =>
      api.on('sync.remotes', (p) => {
        events.current += 1;
        stores.sync.getState().setRemotes(p.remotes);
      }),
    [api, stores],
  );

  useEffect(() => {
    if (!transportUp) return;
    let live = true;
    const seen = events.current;
    api.call('sync.remotes', {}).then(
      (r) => {
        if (live && events.current === seen) stores.sync.getState().setRemotes(r.remotes);
      },
      () => undefined, // the event brings the next state; the header falls back to system.status
    );
    return () => {
      live = false;
    };
  }, [api, stores, transportUp]);
}
