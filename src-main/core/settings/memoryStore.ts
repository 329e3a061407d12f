import type { SettingsPatch } from '../../../src-preload/contract';
import type { SettingsStore } from '../platform/ports';
import { sanitizeSettings } from './sanitize';

/**
 * A SettingsStore over any object-shaped backend (conf, electron-store, memory). Writes are
 * validated as a whole before they reach the backend.
 */
export function settingsStoreOver(backend: { read(): unknown; write(value: Record<string, unknown>): void }): SettingsStore {
  return {
    get: () => sanitizeSettings(backend.read()),
    set(patch: SettingsPatch) {
      const next = sanitizeSettings({ ...sanitizeSettings(backend.read()), ...patch });
      backend.write(next);
      return next;
    },
  };
}

export function memorySettingsStore(initial: unknown = {}): SettingsStore {
  let value: unknown = initial;
  return settingsStoreOver({ read: () => value, write: (v) => (value = structuredClone(v)) });
}
