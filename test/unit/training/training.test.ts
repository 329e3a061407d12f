// training.*: the first-run choice and the trainer's panel against a real in-process simulator,
// with core reaching it only over HTTP (its control API) and through the real connectors.
import { afterEach, describe, expect, it } from 'vitest';
import { RpcError } from '../../../src-renderer/src/api/client';
import { RemoteError } from '../../../src-main/core/connectors/shared/errors';
import { isDemoDataDir } from '../../../src-main/host/demo';
import { tempDir } from '../../helpers/tmp';
import { startDemoCore, type DemoCore } from './harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(demoFlag: boolean): Promise<DemoCore & { dir: string }> {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  // The sync engine's own pulls would meet the faults these tests inject and count: it stays off.
  const demo = await startDemoCore(dir, { demoFlag, sync: { autoStart: false } });
  cleanups.push(() => demo.stop());
  return { ...demo, dir };
}

async function rpcError(p: Promise<unknown>): Promise<RpcError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RpcError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

async function simJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  return res.json();
}

describe('first-run choice: training.startDemo', () => {
  it('on a new folder starts the simulator, configures the five connections, creates the demo users and marks the folder', async () => {
    const { api, host, core, dir } = await start(false);
    const changed: unknown[] = [];
    core.events.subscribe((event, payload) => event === 'training.changed' && changed.push(payload));
    expect(host.running()).toBeNull();

    const station = await api.call('training.startDemo', {});
    expect(station.needsSetup).toBe(false);
    expect(station.currentUser).toBeNull(); // the demo users sign in with their PINs
    expect(station.users.map((u) => u.role).sort()).toEqual(['agent', 'packer', 'supervisor']);
    expect(host.running()).not.toBeNull();
    expect(isDemoDataDir(dir)).toBe(true); // the next start runs the simulator again
    expect(await api.call('system.info', {})).toMatchObject({ demo: true });
    expect(await api.call('training.state', {})).toEqual({ demo: true, canStartDemo: false });
    expect(changed).toEqual([{ demo: true, canStartDemo: false }]);

    await api.call('station.signIn', { pin: '999999' });
    expect((await api.call('connections.list', {})).connections.every((c) => c.configured)).toBe(true);
    expect(await api.call('connections.test', { remote: 'afosto' })).toEqual({ ok: true });
    expect(await api.call('training.status', {})).toEqual({ offline: [], faults: [] });

    // Taken once: a second click is a CONFLICT, not a second simulator.
    const again = await rpcError(api.call('training.startDemo', {}));
    expect(again.code).toBe('CONFLICT');
    expect(again.details).toEqual({ reason: 'already_demo' });
  });

  it('is refused on a station already set up', async () => {
    const { api, host } = await start(false);
    await api.call('station.setup', { stationName: 'Real bench', name: 'Boss', pin: '123456' });
    expect(await api.call('training.state', {})).toEqual({ demo: false, canStartDemo: false });
    const err = await rpcError(api.call('training.startDemo', {}));
    expect(err.code).toBe('CONFLICT');
    expect(err.details).toEqual({ reason: 'station_exists' });
    expect(host.running()).toBeNull();
  });
});

describe('training panel on a demo station (supervisor)', () => {
  async function supervisor(): Promise<DemoCore & { dir: string; control: string }> {
    const demo = await start(true);
    await demo.api.call('station.signIn', { pin: '999999' });
    return { ...demo, control: demo.host.running()!.urls.control };
  }

  it('rings a call that the simulated phone system then lists', async () => {
    const { api, control } = await supervisor();
    const call = await api.call('training.ringCall', { number: '+420 601 234 567', name: 'Test caller' });
    expect(call).toMatchObject({ number: '+420 601 234 567', state: 'ringing' });
    const calls = (await simJson(`${control}/calls`)) as { uniqueid: string; state: string }[];
    expect(calls).toContainEqual(expect.objectContaining({ uniqueid: call.uniqueid, state: 'ringing' }));
  });

  it('takes a remote offline (its requests fail with a network error, the others work) and brings it back', async () => {
    const { api, core } = await supervisor();
    expect(await api.call('training.setOffline', { remote: 'homs', offline: true })).toEqual({ offline: ['homs'], faults: [] });
    // Twice is still one fault.
    expect(await api.call('training.setOffline', { remote: 'homs', offline: true })).toEqual({ offline: ['homs'], faults: [] });

    const homs = (await core.connections.clientFor('homs'))!;
    const err = await homs.whoAmI().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).kind).toBe('network');
    // Not once: every request, until it is back.
    expect(await api.call('connections.test', { remote: 'homs' })).toMatchObject({ ok: false, kind: 'network' });
    expect(await api.call('connections.test', { remote: 'opentaps' })).toEqual({ ok: true });

    expect(await api.call('training.setOffline', { remote: 'homs', offline: false })).toEqual({ offline: [], faults: [] });
    await expect(homs.whoAmI()).resolves.toBeDefined();
    expect(await api.call('connections.test', { remote: 'homs' })).toEqual({ ok: true });
  });

  it('the station notices at once: offline makes HOMS unreachable in sync.remotes and system.status, back makes it connected', async () => {
    const { api } = await supervisor();
    const homsState = async () => (await api.call('sync.remotes', {})).remotes.find((r) => r.remote === 'homs')!.state;
    const waitFor = async (want: string) => {
      for (let i = 0; i < 200 && (await homsState()) !== want; i++) await new Promise((r) => setTimeout(r, 25));
      return homsState();
    };
    await api.call('training.setOffline', { remote: 'homs', offline: true });
    expect(await waitFor('unreachable')).toBe('unreachable'); // no "Sync now", no interval: the toggle ran a pass
    expect((await api.call('system.status', {})).remotes.unreachable).toBe(1);
    await api.call('training.setOffline', { remote: 'homs', offline: false });
    expect(await waitFor('connected')).toBe('connected');
  });

  it('injects a fault the simulator shows in /_sim and that a request then meets; clear removes them all', async () => {
    const { api, control } = await supervisor();
    const status = await api.call('training.injectFault', { remote: 'ucs', fault: 'rate_limited' });
    expect(status.faults).toEqual([expect.objectContaining({ remote: 'ucs', kind: 'error', status: 429, remaining: 3, applied: 0 })]);
    expect(await simJson(`${control}/faults`)).toEqual([expect.objectContaining({ system: 'ucs', kind: 'error', status: 429, retryAfter: 5 })]);

    // The connector meets it: rate limited, the remote's Retry-After read.
    expect(await api.call('connections.test', { remote: 'ucs' })).toMatchObject({ ok: false, kind: 'rate_limited', status: 429 });
    expect((await api.call('training.status', {})).faults[0]).toMatchObject({ remaining: 2, applied: 1 });

    await api.call('training.injectFault', { remote: null, fault: 'latency' });
    await api.call('training.setOffline', { remote: 'afosto', offline: true });
    const all = await api.call('training.status', {});
    expect(all.offline).toEqual(['afosto']);
    expect(all.faults.map((f) => [f.remote, f.kind])).toEqual([
      ['ucs', 'error'],
      [null, 'latency'],
    ]);

    expect(await api.call('training.clearFaults', {})).toEqual({ offline: [], faults: [] });
    expect(await simJson(`${control}/faults`)).toEqual([]);
  });

  it('every fault button maps to a fault spec the simulator accepts', async () => {
    const { api } = await supervisor();
    for (const fault of ['rate_limited', 'server_error', 'malformed', 'latency', 'token_expiry', 'lost_reply'] as const) {
      await api.call('training.injectFault', { remote: 'opentaps', fault });
    }
    expect((await api.call('training.status', {})).faults).toHaveLength(6);
  });
});

describe('training access', () => {
  it('a packer or agent may not use the panel (FORBIDDEN); nobody signed in is UNAUTHORIZED', async () => {
    const { api } = await start(true);
    expect((await rpcError(api.call('training.status', {}))).code).toBe('UNAUTHORIZED');
    await api.call('station.signIn', { pin: '1111' });
    for (const call of [
      () => api.call('training.status', {}),
      () => api.call('training.ringCall', { number: '+420601234567' }),
      () => api.call('training.setOffline', { remote: 'homs', offline: true }),
      () => api.call('training.injectFault', { remote: null, fault: 'server_error' }),
      () => api.call('training.clearFaults', {}),
    ]) {
      expect((await rpcError(call())).code).toBe('FORBIDDEN');
    }
    await api.call('station.signIn', { pin: '2222' });
    expect((await rpcError(api.call('training.ringCall', { number: '+420601234567' }))).code).toBe('FORBIDDEN');
  });

  it('on a station that is no demo, even a supervisor gets FORBIDDEN with reason not_demo', async () => {
    const { api } = await start(false);
    await api.call('station.setup', { stationName: 'Real bench', name: 'Boss', pin: '123456' });
    for (const call of [() => api.call('training.status', {}), () => api.call('training.ringCall', { number: '+420601234567' })]) {
      const err = await rpcError(call());
      expect(err.code).toBe('FORBIDDEN');
      expect(err.details).toEqual({ reason: 'not_demo' });
    }
  });
});
