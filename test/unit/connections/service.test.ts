// Connections through the real core and its dispatcher, against the in-process simulator over
// real HTTP: the five "Test connection" calls with the simulator's demo credentials (ok) and with a
// wrong secret (auth); secrets kept in the SecretStore and never in the database, the settings
// file, the logs or any answer; secrets optional on edit; --config remotes applied at start.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/app';
import type { ResolvedRemotes } from '../../../src-main/core/connections/config';
import { ConnectionsService } from '../../../src-main/core/connections/service';
import { memoryLogger } from '../../../src-main/core/log/logger';
import type { SecretStore } from '../../../src-main/core/platform/ports';
import { inProcessBridge } from '../../../src-main/core/rpc/inProcess';
import { memorySettingsStore } from '../../../src-main/core/settings/memoryStore';
import { demoRemotes } from '../../../src-main/host/demo';
import { startSim, type RunningSim } from '../../../src-main/sim/server';
import { REMOTES, type ConnectionSave, type MethodName, type Remote, type RpcResult } from '../../../src-preload/contract';
import { memorySecrets, switchableConnectivity } from '../../helpers/core';
import { filesBelow, tempDir } from '../../helpers/tmp';
import { afostoToken } from '../../sim/helpers';

let sim: RunningSim;
beforeEach(async () => {
  sim = await startSim({ port: 0, seed: 42 });
});
afterEach(async () => {
  await sim.close();
});

/** The simulator's demo credentials, as a supervisor would type them. */
function demoInputs(s: RunningSim): Record<Remote, ConnectionSave> {
  const remotes = demoRemotes(s);
  return Object.fromEntries(REMOTES.map((remote) => [remote, { remote, ...remotes[remote] }])) as Record<Remote, ConnectionSave>;
}

/** The secret whose wrong value each remote must refuse. */
const WRONG: Record<Remote, string> = { afosto: 'clientSecret', ucs: 'clientSecret', ultracart: 'simpleKey', homs: 'token', opentaps: 'authToken' };

interface Bench {
  core: Core;
  dir: string;
  logger: ReturnType<typeof memoryLogger>;
  settings: ReturnType<typeof memorySettingsStore>;
  secrets: SecretStore;
  invoke(method: MethodName, input: unknown): Promise<RpcResult<unknown>>;
  call<T = unknown>(method: MethodName, input: unknown): Promise<T>;
  dispose(): Promise<void>;
}

const open: Bench[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.dispose();
});

async function bench(opts: { remotes?: ResolvedRemotes; dir?: string; secrets?: SecretStore; signIn?: 'supervisor' | 'none' } = {}): Promise<Bench> {
  const t = opts.dir ? { dir: opts.dir, cleanup: () => {} } : tempDir();
  const logger = memoryLogger();
  const settings = memorySettingsStore();
  const secrets = opts.secrets ?? memorySecrets();
  const core = await createCore({
    dataDir: t.dir,
    settings,
    secrets,
    connectivity: switchableConnectivity(),
    logger,
    version: '0.0.0-test',
    platform: 'test',
    ...(opts.remotes ? { remotes: opts.remotes } : {}),
  });
  const bridge = inProcessBridge(core.dispatcher, core.events);
  const invoke = (m: MethodName, input: unknown) => bridge.invoke(m, input) as Promise<RpcResult<unknown>>;
  const b: Bench = {
    core,
    dir: t.dir,
    logger,
    settings,
    secrets,
    invoke,
    async call<T>(m: MethodName, input: unknown) {
      const r = await invoke(m, input);
      if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.details)}`);
      return r.value as T;
    },
    async dispose() {
      bridge.close();
      await core.close();
      t.cleanup();
    },
  };
  if (opts.signIn !== 'none') {
    if (core.station.state().needsSetup) await b.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
    await b.call('station.signIn', { pin: '999999' });
  }
  open.push(b);
  return b;
}

describe('connections.test against the simulator', () => {
  it('passes for all five with the demo credentials, and a ready client comes from clientFor', async () => {
    const b = await bench();
    for (const remote of REMOTES) expect(await b.call('connections.test', { remote }), remote).toEqual({ ok: false, kind: 'not_configured' });
    for (const remote of REMOTES) await b.call('connections.save', demoInputs(sim)[remote]);
    for (const remote of REMOTES) expect(await b.call('connections.test', { remote }), remote).toEqual({ ok: true });

    const homs = await b.core.connections.clientFor('homs');
    expect((await homs!.whoAmI()).email).toBe(sim.credentials.homs.email);
    expect(await b.core.connections.clientFor('homs')).toBe(homs); // shared, so is its token
    await b.call('connections.remove', { remote: 'homs' });
    expect(await b.core.connections.clientFor('homs')).toBeUndefined();
  });

  it("fails with kind 'auth' for a wrong secret, for every remote", async () => {
    const b = await bench();
    for (const remote of REMOTES) {
      const input = demoInputs(sim)[remote];
      await b.call('connections.save', { ...input, secrets: { ...input.secrets, [WRONG[remote]]: 'wrong-secret-value' } });
      expect(await b.call('connections.test', { remote }), remote).toMatchObject({ ok: false, kind: 'auth' });
    }
  });

  it("an unreachable remote is kind 'network'", async () => {
    const b = await bench();
    const url = sim.urls.homs;
    await sim.close();
    await b.call('connections.save', { ...demoInputs(sim).homs, baseUrl: url });
    expect(await b.call('connections.test', { remote: 'homs' })).toMatchObject({ ok: false, kind: 'network' });
    sim = await startSim({ port: 0, seed: 42 }); // for afterEach
  });

  it("a remote's own words come along under the kind, with any secret of ours it echoed blanked", async () => {
    const b = await bench();
    const echo: typeof fetch = async (_url, init) => {
      const sent = JSON.parse(String(init?.body)) as { client_secret: string };
      return new Response(JSON.stringify({ error: 'invalid_client', error_description: `unknown secret ${sent.client_secret}` }), { status: 401, headers: { 'content-type': 'application/json' } });
    };
    const svc = new ConnectionsService({ db: b.core.db, secrets: b.secrets, logger: b.logger, clock: { now: () => Date.now() }, fetch: echo });
    await svc.save({ remote: 'ucs', baseUrl: 'http://127.0.0.1:9/ucs', secrets: { clientId: 'id-1', clientSecret: 'Very-Secret-1234' } }, null);
    expect(await svc.test('ucs')).toEqual({ ok: false, kind: 'auth', status: 401, remoteMessage: 'invalid_client: unknown secret ***' });
  });

  it('Afosto takes a pasted access token instead of client credentials; the one given replaces the other', async () => {
    const b = await bench();
    await b.call('connections.save', demoInputs(sim).afosto);
    const token = await afostoToken(sim);
    await b.call('connections.save', { remote: 'afosto', baseUrl: sim.urls.afosto, secrets: { accessToken: token } });
    expect(await b.secrets.list()).toEqual(['remote.afosto.accessToken']);
    expect(await b.call('connections.test', { remote: 'afosto' })).toEqual({ ok: true });
    // A pasted token is checked with a call, not only taken.
    await b.call('connections.save', { remote: 'afosto', baseUrl: sim.urls.afosto, secrets: { accessToken: 'not-a-token-we-were-given' } });
    expect(await b.call('connections.test', { remote: 'afosto' })).toMatchObject({ ok: false, kind: 'auth' });
    await b.call('connections.save', demoInputs(sim).afosto);
    expect(await b.secrets.list()).toEqual(['remote.afosto.clientId', 'remote.afosto.clientSecret']);
  });
});

describe('connections.save and list', () => {
  it('lists which secrets are set, never values; a secret left out on edit keeps the stored one', async () => {
    const b = await bench();
    await b.call('connections.save', demoInputs(sim).homs);
    const list = await b.call<{ connections: unknown[] }>('connections.list', {});
    expect(list.connections).toContainEqual({
      remote: 'homs',
      configured: true,
      baseUrl: sim.urls.homs,
      settings: { email: sim.credentials.homs.email },
      secrets: { token: true },
      source: 'settings',
      updatedAt: expect.any(Number),
    });
    expect(list.connections).toContainEqual(expect.objectContaining({ remote: 'ucs', configured: false, baseUrl: null, secrets: { clientId: false, clientSecret: false } }));
    expect(JSON.stringify(list)).not.toContain(sim.credentials.homs.apiToken);

    // Edit the URL only: the token stays, the test still passes.
    await b.call('connections.save', { remote: 'homs', baseUrl: sim.urls.homs + '/', settings: { email: sim.credentials.homs.email } });
    expect(await b.secrets.get('remote.homs.token')).toBe(sim.credentials.homs.apiToken);
    expect(await b.call('connections.test', { remote: 'homs' })).toEqual({ ok: true });
  });

  it('an incomplete connection, a field of another remote or a bad URL is VALIDATION, and nothing is stored', async () => {
    const b = await bench();
    const r1 = await b.invoke('connections.save', { remote: 'ucs', baseUrl: sim.urls.ucs, secrets: { clientId: 'x' } });
    expect(r1).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ path: 'clientSecret' }] } });
    expect(await b.invoke('connections.save', { remote: 'ultracart', baseUrl: sim.urls.ultracart, secrets: { token: 'x' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await b.invoke('connections.save', { remote: 'ultracart', baseUrl: 'ftp://x', secrets: { simpleKey: 'x' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await b.secrets.list()).toEqual([]);
    expect((await b.call<{ connections: { configured: boolean }[] }>('connections.list', {})).connections.every((c) => !c.configured)).toBe(true);
  });

  it('only a supervisor may list, save, remove or test', async () => {
    const b = await bench();
    await b.call('station.createUser', { name: 'Petra', role: 'packer', pin: '1111' });
    await b.call('station.signIn', { pin: '1111' });
    for (const [m, input] of [
      ['connections.list', {}],
      ['connections.save', demoInputs(sim).homs],
      ['connections.remove', { remote: 'homs' }],
      ['connections.test', { remote: 'homs' }],
    ] as const) {
      expect(await b.invoke(m, input), m).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('secrets land in the SecretStore and never in the database, the settings, the logs, any answer or event', async () => {
    const b = await bench();
    const seen: string[] = [];
    b.core.events.subscribe((e, p) => seen.push(JSON.stringify({ e, p })));
    const inputs = demoInputs(sim);
    for (const remote of REMOTES) seen.push(JSON.stringify(await b.call('connections.save', inputs[remote])));
    for (const remote of REMOTES) seen.push(JSON.stringify(await b.call('connections.test', { remote })));
    seen.push(JSON.stringify(await b.call('connections.list', {})));
    await b.call('connections.save', { ...inputs.ucs, secrets: { clientId: 'x', clientSecret: 'Wrong-Žluť-secret-41' } });
    seen.push(JSON.stringify(await b.call('connections.test', { remote: 'ucs' })));
    await b.core.close(); // flush the database file

    const values = [sim.credentials.afosto.client_secret, sim.credentials.ucs.client_secret, sim.credentials.ultracart.key, sim.credentials.homs.apiToken, sim.credentials.opentaps.authToken, 'Wrong-Žluť-secret-41'];
    expect(await b.secrets.get('remote.opentaps.authToken')).toBe(sim.credentials.opentaps.authToken);
    const logs = b.logger.lines.join('\n');
    expect(logs).toContain('connection saved');
    const files = filesBelow(b.dir);
    expect(files.some((f) => f.endsWith('.sqlite'))).toBe(true);
    for (const v of values) {
      for (const n of [v, Buffer.from(v).toString('base64'), Buffer.from(v).toString('hex')]) {
        expect(logs.includes(n), `${n} in the log`).toBe(false);
        expect(JSON.stringify(b.settings.get()).includes(n)).toBe(false);
        for (const s of seen) expect(s.includes(n), `${n} in ${s.slice(0, 100)}`).toBe(false);
        for (const f of files) expect(fs.readFileSync(f).includes(Buffer.from(n)), `${n} in ${f}`).toBe(false);
      }
    }
    // The non-secret fields are kept where they belong: in the database.
    expect(files.some((f) => fs.readFileSync(f).includes(Buffer.from(sim.credentials.homs.email)))).toBe(true);
  });
});

describe('--config remotes at start', () => {
  it('configures the remotes in the file (secrets to the SecretStore), and a remote left out is off', async () => {
    const c = sim.credentials;
    const { dir, cleanup } = tempDir();
    const secrets = memorySecrets();
    const remotes: ResolvedRemotes = {
      ucs: { baseUrl: sim.urls.ucs, settings: {}, secrets: { clientId: c.ucs.client_id, clientSecret: c.ucs.client_secret } },
      opentaps: { baseUrl: sim.urls.opentaps, settings: { clientDomain: c.opentaps.clientDomain }, secrets: { authToken: c.opentaps.authToken } },
    };
    const first = await bench({ dir, secrets, remotes });
    await first.call('connections.save', demoInputs(sim).homs); // configured by hand in between
    const list = await first.call<{ connections: { remote: string; configured: boolean; source: string | null }[] }>('connections.list', {});
    expect(list.connections.filter((x) => x.configured).map((x) => [x.remote, x.source])).toEqual([
      ['ucs', 'config'],
      ['homs', 'settings'],
      ['opentaps', 'config'],
    ]);
    expect(await first.call('connections.test', { remote: 'ucs' })).toEqual({ ok: true });
    expect(await secrets.get('remote.ucs.clientSecret')).toBe(c.ucs.client_secret);
    await first.core.close();

    // Next start with only UCS in the file: Opentaps and HOMS are off, their secrets forgotten.
    const second = await bench({ dir, secrets, remotes: { ucs: remotes.ucs! } });
    const after = await second.call<{ connections: { remote: string; configured: boolean }[] }>('connections.list', {});
    expect(after.connections.filter((x) => x.configured).map((x) => x.remote)).toEqual(['ucs']);
    expect(await secrets.list()).toEqual(['remote.ucs.clientId', 'remote.ucs.clientSecret']);
    expect(await second.core.connections.clientFor('opentaps')).toBeUndefined();
    await second.dispose();
    cleanup();
  });

  it('an incomplete remote in the file stops the start with a message naming the field', async () => {
    await expect(bench({ remotes: { homs: { baseUrl: sim.urls.homs, settings: {}, secrets: { token: 'x' } } }, signIn: 'none' })).rejects.toThrow(/remotes\.homs: missing or invalid email/);
  });
});
