import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { settingsSchema } from '../../../src-preload/contract';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { createElectronSettingsStore } from '../../../src-main/electron/settingsStore';
import { tempDir } from '../../helpers/tmp';
import { ConfBackedStore } from './fakeElectron';

// electron-store itself needs the Electron runtime; ConfBackedStore is the same conf file store
// with electron-store's one addition (name -> file name), so the file on disk is the real thing.
let dir: string;
let cleanup: () => void;
let logger: ReturnType<typeof memoryLogger>;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  logger = memoryLogger();
});
afterEach(() => cleanup());

const open = () => createElectronSettingsStore({ cwd: dir, logger, Store: ConfBackedStore });
const file = () => path.join(dir, 'settings.json');
const defaults = settingsSchema.parse({});

describe('electron settings store', () => {
  test('an empty station starts from defaults', () => {
    expect(open().get()).toEqual(defaults);
  });

  test('a patch changes only its keys and survives a restart in <userData>/settings.json', () => {
    const next = open().set({ language: 'cs', volume: 0.2 });
    expect(next).toEqual({ ...defaults, language: 'cs', volume: 0.2 });
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toMatchObject({ language: 'cs', volume: 0.2 });
    expect(open().get()).toEqual(next);
  });

  test('a hand-edited file with bad values keeps the good ones and defaults the rest', () => {
    fs.writeFileSync(file(), JSON.stringify({ language: 'klingon', volume: 0.3, sounds: 'yes', extra: 1 }));
    expect(open().get()).toEqual({ ...defaults, volume: 0.3 });
  });

  test('an unparseable file is moved aside and the app starts with defaults', () => {
    fs.writeFileSync(file(), '{"language": "cs",');
    const store = open();
    expect(store.get()).toEqual(defaults);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    expect(logger.lines.some((l) => l.includes('moved aside'))).toBe(true);
    store.set({ theme: 'dark' });
    expect(open().get().theme).toBe('dark');
  });
});
