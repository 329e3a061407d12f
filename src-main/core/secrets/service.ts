// Remote credentials through the SecretStore port. Core reads a value with get() (the sync
// engine, next issue); over the contract only names and set-flags leave. Values are never
// logged and never written to the database.
import type { SecretList, SecretName } from '../../../src-preload/contract';
import type { Logger } from '../log/logger';
import type { SecretStore } from '../platform/ports';
import { secretEntries } from './domain';

export class SecretsService {
  constructor(
    private readonly store: SecretStore,
    private readonly logger: Logger,
  ) {}

  async list(): Promise<SecretList> {
    const { backend, encrypted, warning } = this.store.describe();
    return {
      entries: secretEntries(new Set(await this.store.list())),
      storage: { backend, encrypted, ...(warning ? { warning } : {}) },
    };
  }

  async set(name: SecretName, value: string, by: string | null): Promise<SecretList> {
    await this.store.set(name, value);
    this.logger.info('credential stored', { name, by });
    return this.list();
  }

  async remove(name: SecretName, by: string | null): Promise<SecretList> {
    await this.store.delete(name);
    this.logger.info('credential removed', { name, by });
    return this.list();
  }

  /** The value, for core's own use (signing in to a remote). Never hand it to a handler. */
  get(name: SecretName): Promise<string | null> {
    return this.store.get(name);
  }
}
