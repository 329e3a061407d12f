import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { memoryLogger } from '../../../src-main/core/log/logger';
import {
  createSafeStorageSecretStore,
  judgeBackend,
  SECRETS_FILE,
  SecretStoreRefusedError,
  WEAK_SECRETS_ENV,
} from '../../../src-main/electron/secretStore';
import { filesBelow, tempDir } from '../../helpers/tmp';
import { fake, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const TOKEN = 'afosto-token-Zq9!-very-secret';

let dir: string;
let cleanup: () => void;
let logger: ReturnType<typeof memoryLogger>;
beforeEach(() => {
  resetFake();
  ({ dir, cleanup } = tempDir());
  logger = memoryLogger();
});
afterEach(() => cleanup());

const open = (o: { allowPlaintextBackend?: boolean; platform?: NodeJS.Platform } = {}) =>
  createSafeStorageSecretStore({
    dir,
    safeStorage: fake.safeStorage,
    allowPlaintextBackend: o.allowPlaintextBackend ?? false,
    logger,
    platform: o.platform ?? 'linux',
  });

describe('with a real keyring backend', () => {
  test('round-trips, and only ciphertext reaches the 0600 file', async () => {
    const store = await open();
    await store.set('afosto.token', TOKEN);
    await store.set('ucs.password', 'p@ss');
    expect(await store.get('afosto.token')).toBe(TOKEN);
    expect(await store.get('missing')).toBeNull();
    expect(store.describe()).toEqual({ backend: 'gnome_libsecret', encrypted: true });

    const file = path.join(dir, SECRETS_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const content = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(Object.keys(content.entries).sort()).toEqual(['afosto.token', 'ucs.password']);
    // Neither the text nor its base64 appears anywhere in the data dir (no temp files left either).
    expect(filesBelow(dir)).toEqual([file]);
    const raw = fs.readFileSync(file, 'utf8');
    for (const needle of [TOKEN, Buffer.from(TOKEN).toString('base64'), 'p@ss']) expect(raw).not.toContain(needle);
  });

  test.skipIf(process.platform === 'win32')('a secrets file an older version left readable by others is tightened to 0600 when read', async () => {
    await (await open()).set('k', 'v1');
    const file = path.join(dir, SECRETS_FILE);
    fs.chmodSync(file, 0o644);
    expect(await (await open()).get('k')).toBe('v1');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  test('a new store over the same file reads what the last one wrote; delete removes it', async () => {
    await (await open()).set('k', 'v1');
    const again = await open();
    expect(await again.get('k')).toBe('v1');
    await again.delete('k');
    expect(await (await open()).get('k')).toBeNull();
  });

  test('concurrent writes all survive', async () => {
    const store = await open();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    const fresh = await open();
    for (let i = 0; i < 20; i++) expect(await fresh.get(`k${i}`)).toBe(`v${i}`);
  });

  test('a value the OS key can no longer decrypt reads as absent, not as a crash', async () => {
    await (await open()).set('k', 'v');
    fake.safeStorage.key = Buffer.alloc(32, 7); // keyring reset
    expect(await (await open()).get('k')).toBeNull();
    expect(logger.lines.some((l) => l.includes('could not be decrypted'))).toBe(true);
  });

  test('a damaged file is moved aside and the store starts empty', async () => {
    fs.writeFileSync(path.join(dir, SECRETS_FILE), '{"version":1,"entries":{"k":"%%%"}}');
    const store = await open();
    expect(await store.get('k')).toBeNull();
    expect(fs.readdirSync(dir).some((f) => f.startsWith(`${SECRETS_FILE}.corrupt-`))).toBe(true);
  });
});

describe('refusals', () => {
  test('Linux basic_text is refused unless weak storage was allowed', async () => {
    fake.safeStorage.backend = 'basic_text';
    const store = await open();
    await expect(store.set('k', TOKEN)).rejects.toBeInstanceOf(SecretStoreRefusedError);
    await expect(store.get('k')).rejects.toThrow(WEAK_SECRETS_ENV);
    expect(store.describe()).toMatchObject({ backend: 'basic_text', encrypted: false });
    expect(store.describe().warning).toContain(`${WEAK_SECRETS_ENV}=1`);
    expect(fs.existsSync(path.join(dir, SECRETS_FILE))).toBe(false);
  });

  test('unknown backend (asked before ready) is refused too', async () => {
    fake.safeStorage.backend = 'unknown';
    await expect((await open()).set('k', 'v')).rejects.toBeInstanceOf(SecretStoreRefusedError);
  });

  test('with weak storage explicitly allowed, basic_text works but is reported as not encrypted', async () => {
    fake.safeStorage.backend = 'basic_text';
    const store = await open({ allowPlaintextBackend: true });
    await store.set('k', TOKEN);
    expect(await store.get('k')).toBe(TOKEN);
    expect(store.describe()).toMatchObject({ backend: 'basic_text', encrypted: false, warning: expect.stringContaining('Weak') });
  });

  test('no OS encryption at all is refused, even with weak storage allowed', async () => {
    fake.safeStorage.available = false;
    const store = await open({ allowPlaintextBackend: true });
    await expect(store.set('k', 'v')).rejects.toBeInstanceOf(SecretStoreRefusedError);
    expect(store.describe()).toMatchObject({ encrypted: false });
  });

  test('deleting still works when storing is refused (it discloses nothing)', async () => {
    await (await open()).set('k', 'v');
    fake.safeStorage.backend = 'basic_text';
    const refused = await open();
    await refused.delete('k');
    expect(JSON.parse(fs.readFileSync(path.join(dir, SECRETS_FILE), 'utf8')).entries).toEqual({});
  });
});

describe('judgeBackend', () => {
  test('names the OS store on macOS and Windows, where the Linux backend question does not arise', () => {
    const base = { backend: 'basic_text', encryptionAvailable: true, allowPlaintextBackend: false };
    expect(judgeBackend({ ...base, platform: 'darwin' })).toEqual({ usable: true, description: { backend: 'keychain', encrypted: true } });
    expect(judgeBackend({ ...base, platform: 'win32' })).toEqual({ usable: true, description: { backend: 'dpapi', encrypted: true } });
    expect(judgeBackend({ ...base, platform: 'linux', backend: 'kwallet6' }).usable).toBe(true);
  });
});
