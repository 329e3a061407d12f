// Station preferences as main last reported them (settings.get / settings.changed).
import { createStore } from 'zustand/vanilla';
import { settingsSchema, type Settings } from '../../../../src-preload/contract';

export interface SettingsStore {
  settings: Settings;
  setSettings(settings: Settings): void;
}

export function createSettingsStore() {
  return createStore<SettingsStore>()((set) => ({
    // Defaults until main answers, so the scanner and theme work from the first frame.
    settings: settingsSchema.parse({}),
    setSettings: (settings) => set({ settings }),
  }));
}
