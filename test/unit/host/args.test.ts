import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWebArgs } from '../../../src-main/host/args';
import { defaultDataDir } from '../../../src-main/host/paths';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('web mode arguments', () => {
  it('has safe defaults', () => {
    expect(parseWebArgs([])).toEqual({ port: 5170, dataDir: undefined, demo: false, logLevel: 'info', help: false });
  });

  it('reads flags in both --x v and --x=v forms', () => {
    expect(parseWebArgs(['--port', '0', '--data-dir=/tmp/d', '--demo'])).toMatchObject({ port: 0, dataDir: '/tmp/d', demo: true });
  });

  it('rejects unknown flags, missing values and bad ports with a clear message', () => {
    expect(() => parseWebArgs(['--prot', '1'])).toThrow('Unknown option --prot');
    expect(() => parseWebArgs(['--port'])).toThrow('--port needs a value');
    expect(() => parseWebArgs(['--port', '70000'])).toThrow(/0–65535/);
    expect(() => parseWebArgs(['--data-dir', '--demo'])).toThrow('--data-dir needs a value');
  });

  it('takes a JSON config file, validated, with flags winning', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'dockside.json');
    fs.writeFileSync(file, JSON.stringify({ port: 6000, dataDir: '/srv/dockside', demo: true }));
    expect(parseWebArgs(['--config', file])).toMatchObject({ port: 6000, dataDir: '/srv/dockside', demo: true });
    expect(parseWebArgs(['--config', file, '--port', '6001'])).toMatchObject({ port: 6001 });
    fs.writeFileSync(file, JSON.stringify({ port: 'eighty', colour: 'red' }));
    expect(() => parseWebArgs(['--config', file])).toThrow(/Config .*port/);
    expect(() => parseWebArgs(['--config', path.join(dir, 'missing.json')])).toThrow(/Cannot read config/);
  });

  it('puts data where Electron would put userData', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/p/.config' }, 'linux')).toBe('/home/p/.config/Dockside');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\p\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.Dockside$/);
  });
});
