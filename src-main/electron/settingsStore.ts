// Station preferences in `<cwd>/settings.json` (main passes userData) through electron-store (atomic writes),
// read and written through core's sanitizer so a hand-edited or older file still yields valid
// settings. Secrets never go here.
import fs from 'node:fs';
import path from 'node:path';
import type ElectronStore from 'electron-store';
import type { Logger } from '../core/log/logger';
import type { SettingsStore } from '../core/platform/ports';
import { settingsStoreOver } from '../core/settings/memoryStore';

export const SETTINGS_NAME = 'settings';

/**
 * The electron-store class, passed in by bootstrap rather than imported here: electron-store
 * loads `electron` itself, which only exists inside the Electron runtime.
 */
export type StoreClass = new (options: {
  name: string;
  cwd: string;
  accessPropertiesByDotNotation: boolean;
}) => Pick<ElectronStore<Record<string, unknown>>, 'store' | 'path'>;

export function createElectronSettingsStore(opts: { cwd: string; logger: Logger; Store: StoreClass }): SettingsStore {
  const store = openStore(opts);
  return settingsStoreOver({
    read: () => store.store,
    write: (value) => {
      store.store = value;
    },
  });
}

function openStore(opts: { cwd: string; logger: Logger; Store: StoreClass }): InstanceType<StoreClass> {
  const make = () =>
    new opts.Store({
      name: SETTINGS_NAME,
      cwd: opts.cwd,
      // Keys like "printing.labelPrinterId" are never meant as paths here.
      accessPropertiesByDotNotation: false,
    });
  try {
    return make();
  } catch (err) {
    // Unparseable JSON: keep the broken file for support, start from defaults rather than
    // leaving the bench without an app.
    if (!(err instanceof SyntaxError)) throw err;
    const file = path.join(opts.cwd, `${SETTINGS_NAME}.json`);
    const aside = `${file}.corrupt-${Date.now()}`;
    fs.renameSync(file, aside);
    opts.logger.warn('settings file was unreadable; moved aside, using defaults', { file: aside });
    return make();
  }
}
