import Conf from 'conf';
import type { SettingsStore } from '../core/platform/ports';
import { settingsStoreOver } from '../core/settings/memoryStore';

/** Web-mode settings: `<dataDir>/settings.json` through conf (atomic writes). */
export function confSettingsStore(dataDir: string): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'dockside' });
  return settingsStoreOver({
    read: () => conf.store,
    write: (value) => {
      conf.store = value;
    },
  });
}
