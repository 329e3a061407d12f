// A real core on a real SQLite file with the bench's people signed in through the contract, for the
// scale and evidence service tests.
import type { MethodName, RpcResult } from '../../../src-preload/contract';
import { inProcessBridge } from '../../../src-main/core/rpc/inProcess';
import { MtSicsTcpScale } from '../../../src-main/core/scale/mtsicsTcp';
import { createTestCore, type TestCore, type TestCoreOptions } from '../../helpers/core';

export interface Bench extends TestCore {
  invoke(method: MethodName, input?: unknown): Promise<RpcResult<unknown>>;
  call<T>(method: MethodName, input?: unknown): Promise<T>;
  signIn(pin: '999999' | '1111' | '2222'): Promise<void>;
}

/** Short timeouts, so a hung scale fails a test in well under a second. */
export const fastScale: TestCoreOptions['scaleDriver'] = (c) =>
  new MtSicsTcpScale({ host: c.host, port: c.port, connectTimeoutMs: 500, replyTimeoutMs: 300, stableTimeoutMs: 1000, reconnectDelayMs: 0 });

export async function openBench(opts: TestCoreOptions = {}): Promise<Bench> {
  const t = await createTestCore({ scaleDriver: fastScale, sync: { autoStart: false }, ...opts });
  const bridge = inProcessBridge(t.core.dispatcher, t.core.events);
  const invoke = (m: MethodName, input: unknown = {}) => bridge.invoke(m, input) as Promise<RpcResult<unknown>>;
  const call = async <T>(m: MethodName, input: unknown = {}) => {
    const r = await invoke(m, input);
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  if (t.core.station.state().needsSetup) {
    await t.core.station.setup({ stationName: 'Bench 1', name: 'Jana', pin: '999999' });
    await t.core.station.createUser({ name: 'Petra', role: 'packer', pin: '1111' }, null);
    await t.core.station.createUser({ name: 'Adam', role: 'agent', pin: '2222' }, null);
  }
  return {
    ...t,
    invoke,
    call,
    async signIn(pin) {
      await call('station.signIn', { pin });
    },
    async dispose() {
      bridge.close();
      await t.dispose();
    },
  };
}
