// Remote credentials encrypted by the OS through Electron's safeStorage (Keychain, DPAPI,
// libsecret/kwallet); only base64 ciphertext reaches `<userData>/secrets.json` (mode 0600).
//
// On Linux without a keyring, Chromium falls back to `basic_text`, a key hard-coded in the
// browser: that is obfuscation, not encryption. We refuse it (and `unknown`, which means "asked
// before ready") unless the operator sets DOCKSIDE_ALLOW_WEAK_SECRETS=1 for a kiosk that has no
// keyring; then secrets work and describe() carries a warning for the Settings screen and the log.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { tightenFile } from '../core/db/privateFiles';
import type { Logger } from '../core/log/logger';
import type { SecretStore } from '../core/platform/ports';

export const SECRETS_FILE = 'secrets.json';
export const WEAK_SECRETS_ENV = 'DOCKSIDE_ALLOW_WEAK_SECRETS';

/** The async (non-deprecated) half of Electron's safeStorage that this store uses. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(cipher: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend(): string;
}

export interface BackendVerdict {
  usable: boolean;
  description: { backend: string; encrypted: boolean; warning?: string };
}

const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/** Decides, from what safeStorage reports, whether secrets may be stored. Pure. */
export function judgeBackend(input: {
  platform: NodeJS.Platform;
  backend: string;
  encryptionAvailable: boolean;
  allowPlaintextBackend: boolean;
}): BackendVerdict {
  const backend = input.platform === 'linux' ? input.backend : input.platform === 'darwin' ? 'keychain' : input.platform === 'win32' ? 'dpapi' : input.backend;
  if (!input.encryptionAvailable) {
    return {
      usable: false,
      description: { backend, encrypted: false, warning: 'The operating system offers no encryption for secrets; remote credentials cannot be stored.' },
    };
  }
  if (input.platform === 'linux' && WEAK_LINUX_BACKENDS.has(backend)) {
    if (!input.allowPlaintextBackend) {
      return {
        usable: false,
        description: {
          backend,
          encrypted: false,
          warning: `No keyring (Secret Service or KWallet) was found, only the "${backend}" backend, which does not protect secrets. Install or unlock a keyring, or start Dockside with ${WEAK_SECRETS_ENV}=1 to accept weak storage.`,
        },
      };
    }
    return {
      usable: true,
      description: { backend, encrypted: false, warning: `Weak secret storage ("${backend}") accepted through ${WEAK_SECRETS_ENV}=1: credentials are only obfuscated.` },
    };
  }
  return { usable: true, description: { backend, encrypted: true } };
}

export class SecretStoreRefusedError extends Error {
  override readonly name = 'SecretStoreRefusedError';
}

const fileSchema = z.object({
  version: z.literal(1),
  entries: z.record(z.string(), z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')),
});
type SecretsFile = z.infer<typeof fileSchema>;

export interface SafeStorageSecretStoreOptions {
  /** Usually `<userData>`. */
  dir: string;
  safeStorage: SafeStorageLike;
  /** From DOCKSIDE_ALLOW_WEAK_SECRETS=1; never defaulted to true. */
  allowPlaintextBackend: boolean;
  logger: Logger;
  platform?: NodeJS.Platform;
}

/** Must be called after `app.whenReady()`: before that, Linux reports the backend as unknown. */
export async function createSafeStorageSecretStore(opts: SafeStorageSecretStoreOptions): Promise<SecretStore> {
  const { safeStorage, logger } = opts;
  const file = path.join(opts.dir, SECRETS_FILE);
  const platform = opts.platform ?? process.platform;
  const verdict = judgeBackend({
    platform,
    backend: platform === 'linux' ? safeStorage.getSelectedStorageBackend() : '',
    encryptionAvailable: await safeStorage.isAsyncEncryptionAvailable(),
    allowPlaintextBackend: opts.allowPlaintextBackend,
  });
  if (verdict.usable && !verdict.description.warning) logger.info('secret store ready', { backend: verdict.description.backend });
  else logger.warn('secret store', { ...verdict.description, usable: verdict.usable });

  let cache: SecretsFile | null = null;
  // Writes are chained so two concurrent set() calls never lose each other's entry.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  function load(): SecretsFile {
    if (cache) return cache;
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
      tightenFile(file); // an older version may have left it readable by others
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return (cache = { version: 1, entries: {} });
    }
    const parsed = fileSchema.safeParse(parseJson(raw));
    if (parsed.success) return (cache = parsed.data);
    // Keep the damaged file for support; the user re-enters credentials.
    const aside = `${file}.corrupt-${Date.now()}`;
    fs.renameSync(file, aside);
    logger.warn('secrets file was unreadable; moved aside', { file: aside });
    return (cache = { version: 1, entries: {} });
  }

  function save(next: SecretsFile): void {
    fs.mkdirSync(opts.dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(next));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    cache = next;
  }

  function refuseUnlessUsable(): void {
    if (!verdict.usable) throw new SecretStoreRefusedError(verdict.description.warning ?? 'Secret storage is unavailable');
  }

  async function encrypt(value: string): Promise<string> {
    return (await safeStorage.encryptStringAsync(value)).toString('base64');
  }

  return {
    async get(key) {
      refuseUnlessUsable();
      const b64 = load().entries[key];
      if (b64 === undefined) return null;
      let plain: { result: string; shouldReEncrypt: boolean };
      try {
        plain = await safeStorage.decryptStringAsync(Buffer.from(b64, 'base64'));
      } catch (err) {
        // The OS key changed (new keyring, other user): the value is lost, not the app.
        logger.warn('secret could not be decrypted; it must be entered again', { key, err: (err as Error).message });
        return null;
      }
      if (plain.shouldReEncrypt) {
        await serial(async () => {
          const current = load();
          if (current.entries[key] === b64) save({ version: 1, entries: { ...current.entries, [key]: await encrypt(plain.result) } });
        });
      }
      return plain.result;
    },
    async set(key, value) {
      refuseUnlessUsable();
      await serial(async () => {
        const cipher = await encrypt(value);
        save({ version: 1, entries: { ...load().entries, [key]: cipher } });
      });
    },
    async delete(key) {
      // Removing a ciphertext discloses nothing, so it works even when storing is refused.
      await serial(async () => {
        const current = load();
        if (!(key in current.entries)) return;
        const entries = { ...current.entries };
        delete entries[key];
        save({ version: 1, entries });
      });
    },
    // Names disclose nothing either (the values stay encrypted), so listing needs no OS key.
    async list() {
      return Object.keys(load().entries).sort();
    },
    describe: () => ({ ...verdict.description }),
  };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
