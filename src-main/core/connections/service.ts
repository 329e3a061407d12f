// Connections: each remote's base URL and non-secret fields in SQLite, its secrets in the
// SecretStore (remote.<remote>.<field>), and a ready connector client per configured remote for
// the sync engine. Secret values are read only to build a client; they are never logged and never
// leave through list().
import {
  CONNECTION_FIELDS,
  connectionSaveSchema,
  REMOTES,
  type ConnectionInfo,
  type ConnectionList,
  type ConnectionSave,
  type ConnectionTestResult,
  type Remote,
  type SecretField,
} from '../../../src-preload/contract';
import { AfostoClient } from '../connectors/afosto/client';
import { HomsClient } from '../connectors/homs';
import { OpentapsClient } from '../connectors/opentaps';
import { RemoteError } from '../connectors/shared/errors';
import { UcsClient } from '../connectors/ucs';
import { UltracartClient } from '../connectors/ultracart';
import type { Logger } from '../log/logger';
import type { Clock, SecretStore } from '../platform/ports';
import { invalid } from '../rpc/errors';
import { secretName } from '../secrets/domain';
import type { ResolvedRemotes } from './config';
import { connectorConfig, failureKind, type ConfigOf, type StoredConnection } from './domain';
import { ConnectionsRepo, type ConnectionRow } from './repo';
import type { Db } from '../db/database';

export interface ClientOf {
  afosto: AfostoClient;
  ucs: UcsClient;
  ultracart: UltracartClient;
  homs: HomsClient;
  opentaps: OpentapsClient;
}

export interface ConnectionsDeps {
  db: Db;
  secrets: SecretStore;
  logger: Logger;
  clock: Clock;
  /** Per-call timeout of the clients (and of a test). */
  timeoutMs?: number;
  /** For tests: a fetch of their own. */
  fetch?: typeof fetch;
}

export function newClient<R extends Remote>(remote: R, config: ConfigOf[R], opts: { timeoutMs?: number; fetch?: typeof fetch } = {}): ClientOf[R] {
  const o = { ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}) };
  const make: { [K in Remote]: (c: ConfigOf[K]) => ClientOf[K] } = {
    afosto: (c) => new AfostoClient(c, o),
    ucs: (c) => new UcsClient(c, o),
    ultracart: (c) => new UltracartClient({ ...c, ...o }),
    homs: (c) => new HomsClient(c, o),
    opentaps: (c) => new OpentapsClient(c, o),
  };
  return (make[remote] as (c: ConfigOf[R]) => ClientOf[R])(config);
}

/** The cheapest authenticated call each document offers: "Test connection". */
async function probe(remote: Remote, client: ClientOf[Remote], config: object): Promise<void> {
  switch (remote) {
    case 'afosto':
      await (client as AfostoClient).connect();
      // A pasted token is not checked by getting it: one small authenticated read is.
      if ('accessToken' in config) await (client as AfostoClient).locations({ pageSize: 1 });
      return;
    case 'ucs':
      await (client as UcsClient).status();
      return;
    case 'ultracart':
      await (client as UltracartClient).getMe();
      return;
    case 'homs':
      await (client as HomsClient).whoAmI();
      return;
    default:
      return (client as OpentapsClient).ping();
  }
}

/** A remote may echo what it was sent: no secret of ours leaves in its words. */
function redact(text: string, config: object): string {
  let out = text;
  for (const [k, v] of Object.entries(config)) {
    if (k !== 'baseUrl' && k !== 'email' && k !== 'clientDomain' && typeof v === 'string' && v.length >= 4) out = out.split(v).join('***');
  }
  return out;
}

export class ConnectionsService {
  private readonly repo: ConnectionsRepo;
  /** One client per remote, shared by every caller so its token is too; dropped on save/remove. */
  private readonly clients = new Map<Remote, Promise<ClientOf[Remote] | undefined>>();
  private readonly listeners = new Set<(list: ConnectionList) => void>();

  constructor(private readonly deps: ConnectionsDeps) {
    this.repo = new ConnectionsRepo(deps.db);
  }

  /** Called after every change (the handlers announce it; the sync engine may restart a remote). */
  onChanged(listener: (list: ConnectionList) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many remotes have a saved connection (a save is refused unless it is complete). */
  configuredCount(): number {
    return this.repo.all().length;
  }

  async list(): Promise<ConnectionList> {
    const stored = new Set(await this.deps.secrets.list());
    const rows = new Map(this.repo.all().map((r) => [r.remote, r]));
    const connections = REMOTES.map((remote): ConnectionInfo => {
      const row = rows.get(remote);
      const secrets = Object.fromEntries(CONNECTION_FIELDS[remote].secrets.map((f) => [f, stored.has(secretName(remote, f))]));
      return {
        remote,
        configured: !!row,
        baseUrl: row?.baseUrl ?? null,
        settings: row?.settings ?? {},
        secrets,
        source: row?.source ?? null,
        updatedAt: row?.updatedAt ?? null,
      };
    });
    return { connections };
  }

  /** Configure one remote. Secrets left out keep the stored ones; the result must be complete. */
  async save(input: ConnectionSave, by: string | null, source: ConnectionRow['source'] = 'settings'): Promise<ConnectionList> {
    const v = connectionSaveSchema.parse(input);
    const remote = v.remote;
    const fields = CONNECTION_FIELDS[remote].secrets as readonly SecretField[];
    const current = await this.readSecrets(remote);
    const next = { ...current, ...v.secrets };
    // Afosto signs in one way or the other: the way just given replaces the other one.
    if (remote === 'afosto') {
      if (v.secrets.accessToken) {
        delete next.clientId;
        delete next.clientSecret;
      } else if (v.secrets.clientId || v.secrets.clientSecret) delete next.accessToken;
    }
    const checked = connectorConfig(remote, { baseUrl: v.baseUrl, settings: v.settings, secrets: next });
    if (!checked.ok) throw invalid(`${remote}: incomplete connection`, checked.problems.map((p) => ({ path: p, message: 'Required' })));

    for (const f of fields) {
      const value = next[f];
      if (value === undefined) {
        if (current[f] !== undefined) await this.deps.secrets.delete(secretName(remote, f));
      } else if (value !== current[f]) {
        await this.deps.secrets.set(secretName(remote, f), value);
      }
    }
    this.repo.upsert({ remote, baseUrl: v.baseUrl, settings: v.settings, source, updatedAt: this.deps.clock.now() }, by);
    this.clients.delete(remote);
    // Names only: which fields changed, never their values.
    this.deps.logger.info('connection saved', { remote, by, source, secretsChanged: Object.keys(v.secrets) });
    return this.changed();
  }

  async remove(remote: Remote, by: string | null): Promise<ConnectionList> {
    for (const f of CONNECTION_FIELDS[remote].secrets) await this.deps.secrets.delete(secretName(remote, f));
    this.repo.delete(remote);
    this.clients.delete(remote);
    this.deps.logger.info('connection removed', { remote, by });
    return this.changed();
  }

  /**
   * Web mode's --config: the remotes in the file are configured as written; when the file has a
   * `remotes` section, a remote left out of it is off.
   */
  async applyStartup(remotes: ResolvedRemotes): Promise<void> {
    for (const remote of REMOTES) {
      const r = remotes[remote];
      if (r) {
        try {
          await this.save({ remote, baseUrl: r.baseUrl, settings: r.settings, secrets: r.secrets }, null, 'config');
        } catch (err) {
          const issues = (err as { details?: { path: string }[] }).details?.map((d) => d.path).join(', ');
          throw new Error(`--config remotes.${remote}: ${issues ? `missing or invalid ${issues}` : (err as Error).message}`, { cause: err });
        }
      } else if (this.repo.get(remote)) {
        await this.remove(remote, null);
      }
    }
  }

  /** The connector config of a configured remote, or undefined when it is off or incomplete. */
  async configFor<R extends Remote>(remote: R): Promise<ConfigOf[R] | undefined> {
    const stored = await this.stored(remote);
    if (!stored) return undefined;
    const c = connectorConfig(remote, stored);
    return c.ok ? c.config : undefined;
  }

  /** A ready client for the sync engine (shared, so is its token), or undefined when the remote is off. */
  clientFor<R extends Remote>(remote: R): Promise<ClientOf[R] | undefined> {
    let p = this.clients.get(remote);
    if (!p) {
      p = this.configFor(remote).then((c) => (c ? newClient(remote, c, this.clientOpts()) : undefined));
      this.clients.set(remote, p);
      // A failed read is not cached: the next call tries again.
      p.catch(() => this.clients.delete(remote));
    }
    return p as Promise<ClientOf[R] | undefined>;
  }

  /** Test connection with a fresh client (a cached token must not hide a changed secret). */
  async test(remote: Remote): Promise<ConnectionTestResult> {
    const config = await this.configFor(remote);
    if (!config) return { ok: false, kind: 'not_configured' };
    const client = newClient(remote, config, this.clientOpts());
    try {
      await probe(remote, client, config);
      this.deps.logger.info('connection test passed', { remote });
      return { ok: true };
    } catch (err) {
      if (err instanceof RemoteError) {
        this.deps.logger.info('connection test failed', { remote, kind: err.kind, status: err.status });
        return {
          ok: false,
          kind: failureKind(err.kind),
          ...(err.status !== undefined ? { status: err.status } : {}),
          ...(err.remoteMessage ? { remoteMessage: redact(err.remoteMessage, config).slice(0, 500) } : {}),
        };
      }
      // Not the remote's answer (e.g. a URL fetch refuses): reported as unreachable.
      this.deps.logger.warn('connection test error', { remote, error: (err as Error).name });
      return { ok: false, kind: 'network' };
    }
  }

  private clientOpts() {
    return { ...(this.deps.timeoutMs !== undefined ? { timeoutMs: this.deps.timeoutMs } : {}), ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) };
  }

  private async stored(remote: Remote): Promise<StoredConnection | undefined> {
    const row = this.repo.get(remote);
    if (!row) return undefined;
    return { baseUrl: row.baseUrl, settings: row.settings, secrets: await this.readSecrets(remote) };
  }

  private async readSecrets(remote: Remote): Promise<Partial<Record<SecretField, string>>> {
    const out: Partial<Record<SecretField, string>> = {};
    for (const f of CONNECTION_FIELDS[remote].secrets) {
      const v = await this.deps.secrets.get(secretName(remote, f));
      if (v !== null) out[f] = v;
    }
    return out;
  }

  private async changed(): Promise<ConnectionList> {
    const list = await this.list();
    for (const l of this.listeners) l(list);
    return list;
  }
}
