// The settings slice's hooks: the preferences from its store, and saving a change (settings.set
// answers the whole new settings, which the store keeps).
import { useStore } from 'zustand';
import type { SettingsPatch } from '../../../../src-preload/contract';
import { useApi, useServices } from '../../app/context';
import { useAction } from '../../app/useAction';
import type { SettingsStore } from './settingsStore';

export function useSettings<T>(selector: (s: SettingsStore) => T): T {
  return useStore(useServices().stores.settings, selector);
}

export function useSaveSettings(): (patch: SettingsPatch) => Promise<void> {
  const api = useApi();
  const { stores } = useServices();
  const { run } = useAction();
  return async (patch) => {
    const next = await run(() => api.call('settings.set', patch));
    if (next) stores.settings.getState().setSettings(next);
  };
}
