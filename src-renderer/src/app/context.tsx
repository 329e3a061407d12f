// What every component may reach: the api, the stores, the sound player and the scan bus.
// Injected through context so tests render the app against a core of their own. Each feature
// reads its own slice through its hooks (features/station/useStation, features/settings/useSettings).
import { createContext, useCallback, useContext } from 'react';
import { useStore } from 'zustand';
import type { Api } from '../api/client';
import type { SystemInfo } from '../../../src-preload/contract';
import type { SoundName, SoundPlayer } from '../sound';
import type {
  AppStores,
  ScanListener,
  ScansStore,
  StatusStore,
  UiStore,
} from './stores';

export interface AppServices {
  api: Api;
  stores: AppStores;
  sound: SoundPlayer;
  info: SystemInfo | null;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('AppContext missing: render inside <AppProviders>');
  return services;
}

export const useApi = (): Api => useServices().api;

export function useStatus<T>(selector: (s: StatusStore) => T): T {
  return useStore(useServices().stores.status, selector);
}
export function useScans<T>(selector: (s: ScansStore) => T): T {
  return useStore(useServices().stores.scans, selector);
}
export function useUi<T>(selector: (s: UiStore) => T): T {
  return useStore(useServices().stores.ui, selector);
}

/** Subscribe to every scan (later screens: Pick, Pack). Returns the unsubscribe. */
export function useOnScan(): (listener: ScanListener) => () => void {
  const bus = useServices().stores.scanBus;
  return bus.onScan;
}

/** Plays a sound honouring the sounds/volume settings. */
export function useSound(): (name: SoundName) => void {
  const { sound, stores } = useServices();
  return useCallback(
    (name: SoundName) => {
      const { sounds, volume } = stores.settings.getState().settings;
      sound.play(name, { sounds, volume });
    },
    [sound, stores],
  );
}

/** A toast helper bound to the ui store. */
export function useToast(): (kind: 'info' | 'success' | 'error', text: string) => void {
  const ui = useServices().stores.ui;
  return useCallback((kind, text) => void ui.getState().toast(kind, text), [ui]);
}
