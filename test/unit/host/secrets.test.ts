import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/app';
import { fileLogger } from '../../../src-main/host/fileLogger';
import { fileSecretStore, KEY_FILE, SECRET_FILE } from '../../../src-main/host/secretStore';
import { confSettingsStore } from '../../../src-main/host/settingsStore';
import { switchableConnectivity } from '../../helpers/core';
import { filesBelow, tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dataDir() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

const SECRET = 'ucs-client-secret-Žluťoučký-7f3a9c1e';

describe('web-mode secret store', () => {
  it('round-trips a secret whose plaintext appears nowhere under the data dir or in the logs', async () => {
    const dir = dataDir();
    const logger = fileLogger(dir, 'debug');
    const secrets = fileSecretStore(dir, {});
    const core = await createCore({
      dataDir: dir,
      settings: confSettingsStore(dir),
      secrets,
      connectivity: switchableConnectivity(),
      logger,
      version: 't',
      platform: 'test',
    });
    // Through core's secrets capability, as secrets.set does it.
    const list = await core.secrets.set('remote.ucs.clientSecret', SECRET, null);
    expect(list.entries.filter((e) => e.set).map((e) => e.name)).toEqual(['remote.ucs.clientSecret']);
    logger.info('stored remote credentials', { remote: 'ucs' });
    expect(await core.secrets.get('remote.ucs.clientSecret')).toBe(SECRET);
    expect(await secrets.list()).toEqual(['remote.ucs.clientSecret']);
    await core.close();

    const needles = [SECRET, Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('hex')];
    const files = filesBelow(dir);
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining([SECRET_FILE, KEY_FILE, 'dockside.log', 'dockside.sqlite']));
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      for (const n of needles) expect(bytes.includes(Buffer.from(n)), `${n} in ${f}`).toBe(false);
    }
    if (process.platform !== 'win32') {
      for (const f of files.filter((p) => !p.endsWith('.log'))) expect(fs.statSync(f).mode & 0o777, f).toBe(0o600);
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    }
  });

  it('warns when the key lives beside the data, and not with DOCKSIDE_SECRET_KEY', () => {
    expect(fileSecretStore(dataDir(), {}).describe()).toMatchObject({ encrypted: true, warning: expect.stringMatching(/DOCKSIDE_SECRET_KEY/) });
    const withKey = fileSecretStore(dataDir(), { DOCKSIDE_SECRET_KEY: 'correct horse battery staple' }).describe();
    expect(withKey).toEqual({ backend: 'file+passphrase', encrypted: true });
  });

  it('with a passphrase writes no key file, and the wrong passphrase cannot read', async () => {
    const dir = dataDir();
    await fileSecretStore(dir, { DOCKSIDE_SECRET_KEY: 'right' }).set('afosto.token', SECRET);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
    expect(await fileSecretStore(dir, { DOCKSIDE_SECRET_KEY: 'right' }).get('afosto.token')).toBe(SECRET);
    await expect(fileSecretStore(dir, { DOCKSIDE_SECRET_KEY: 'wrong' }).get('afosto.token')).rejects.toThrow(/cannot be decrypted/);
  });

  it('binds each ciphertext to its name, so entries cannot be swapped', async () => {
    const dir = dataDir();
    const store = fileSecretStore(dir, {});
    await store.set('a', 'alpha');
    await store.set('b', 'beta');
    const file = path.join(dir, SECRET_FILE);
    const content = JSON.parse(fs.readFileSync(file, 'utf8'));
    [content.entries.a, content.entries.b] = [content.entries.b, content.entries.a];
    fs.writeFileSync(file, JSON.stringify(content));
    await expect(store.get('a')).rejects.toThrow(/cannot be decrypted/);
  });

  it('deletes a secret', async () => {
    const store = fileSecretStore(dataDir(), {});
    await store.set('x', 'y');
    await store.delete('x');
    expect(await store.get('x')).toBeNull();
  });
});

describe('web-mode settings', () => {
  it('persists validated settings in settings.json and repairs bad values key by key', () => {
    const dir = dataDir();
    const store = confSettingsStore(dir);
    expect(store.get().language).toBe('en');
    store.set({ language: 'cs', volume: 0.2 });
    expect(confSettingsStore(dir).get()).toMatchObject({ language: 'cs', volume: 0.2 });
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ language: 'cs', volume: 'loud', theme: 'dark' }));
    expect(confSettingsStore(dir).get()).toMatchObject({ language: 'cs', volume: 0.6, theme: 'dark' });
  });
});
