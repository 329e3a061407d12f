// What core needs from its host. Electron implements these in src-main/electron, web mode in
// src-main/host, tests with in-memory fakes. Nothing here may import a host API.
import type { Settings, SettingsPatch } from '../../../src-preload/contract';

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

/** Small preferences, schema-validated; writes are synchronous and durable. */
export interface SettingsStore {
  get(): Settings;
  set(patch: SettingsPatch): Settings;
}

/**
 * Remote credentials and tokens. Values are encrypted at rest by the implementation;
 * `describe()` says how, for the Settings screen and the log.
 */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Names of the stored secrets (never their values), without decrypting anything. */
  list(): Promise<string[]>;
  describe(): { backend: string; encrypted: boolean; warning?: string };
}

/** Is this machine on a network at all? (Remote reachability is the sync engine's job.) */
export interface Connectivity {
  isOnline(): boolean;
  onChange(listener: (online: boolean) => void): () => void;
}

/** OS printing (Electron: webContents.print / printToPDF). Optional: web mode has none. */
export interface OsPrintPort {
  listPrinters(): Promise<{ name: string; isDefault: boolean }[]>;
  printPdf(pdf: Uint8Array, opts: { printerName?: string; silent: boolean }): Promise<void>;
}

export interface Notifier {
  notify(title: string, body: string): void;
}
