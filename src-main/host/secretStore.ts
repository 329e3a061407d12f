import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createPrivateFile, ensurePrivateDir, tightenFile } from '../core/db/privateFiles';
import type { SecretStore } from '../core/platform/ports';

// Web mode has no OS keychain. Secrets are AES-256-GCM encrypted in <dataDir>/secrets.enc.json,
// keyed by DOCKSIDE_SECRET_KEY (a passphrase kept outside the data dir) or, failing that, by a
// random key in a 0600 file beside the data — which only protects against casual reading, hence
// the warning.
const fileSchema = z.object({
  version: z.literal(1),
  salt: z.string(),
  entries: z.record(z.string(), z.object({ iv: z.string(), tag: z.string(), data: z.string() })),
});
type SecretFile = z.infer<typeof fileSchema>;

export const SECRET_FILE = 'secrets.enc.json';
export const KEY_FILE = 'secret.key';

export function fileSecretStore(dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretStore {
  const file = path.join(dataDir, SECRET_FILE);
  const passphrase = env.DOCKSIDE_SECRET_KEY;
  const keyFile = path.join(dataDir, KEY_FILE);
  const warning = passphrase
    ? undefined
    : `Secrets are encrypted with a key file (${keyFile}) stored beside them; set DOCKSIDE_SECRET_KEY to keep the key elsewhere.`;
  // Files an older version (or a copy) left readable by others are made owner-only on open.
  if (fs.existsSync(dataDir)) ensurePrivateDir(dataDir);
  tightenFile(file);
  tightenFile(keyFile);

  function load(): SecretFile {
    if (!fs.existsSync(file)) return { version: 1, salt: randomBytes(16).toString('base64'), entries: {} };
    return fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  }

  function key(salt: string): Buffer {
    if (passphrase) return scryptSync(passphrase, Buffer.from(salt, 'base64'), 32);
    if (!fs.existsSync(keyFile)) {
      ensurePrivateDir(dataDir);
      fs.writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    return Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64');
  }

  function save(content: SecretFile): void {
    ensurePrivateDir(dataDir);
    const tmp = `${file}.${process.pid}.tmp`;
    createPrivateFile(tmp); // a stale tmp with a looser mode must not pass it on
    fs.writeFileSync(tmp, JSON.stringify(content), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }

  return {
    async get(name) {
      const content = load();
      const e = content.entries[name];
      if (!e) return null;
      const decipher = createDecipheriv('aes-256-gcm', key(content.salt), Buffer.from(e.iv, 'base64'));
      decipher.setAAD(Buffer.from(name));
      decipher.setAuthTag(Buffer.from(e.tag, 'base64'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(e.data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error(`Secret "${name}" cannot be decrypted: wrong DOCKSIDE_SECRET_KEY or a damaged ${SECRET_FILE}`);
      }
    },
    async set(name, value) {
      const content = load();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(content.salt), iv);
      cipher.setAAD(Buffer.from(name));
      const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      content.entries[name] = { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
      save(content);
    },
    async list() {
      return Object.keys(load().entries).sort();
    },
    async delete(name) {
      const content = load();
      if (!(name in content.entries)) return;
      delete content.entries[name];
      save(content);
    },
    describe: () => ({ backend: passphrase ? 'file+passphrase' : 'file+keyfile', encrypted: true, ...(warning ? { warning } : {}) }),
  };
}
