import fs from 'node:fs';
import { describe, expect, test, vi } from 'vitest';
import type { DocksideBridge } from '../../../src-preload/contract';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../../../src-main/electron/ipc';
import { fake, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

// Each test evaluates the preload afresh, as a new renderer would: a distinct query string makes
// a distinct module instance while the (mocked) electron module stays the same.
let loads = 0;
async function loadPreload(): Promise<DocksideBridge> {
  resetFake();
  const spec = `../../../src-preload/index.ts?renderer=${++loads}`;
  await import(/* @vite-ignore */ spec);
  return fake.contextBridge.exposed.get('dockside') as DocksideBridge;
}

/** What main's transport sends on the event channel. */
const emitFromMain = (message: unknown) => fake.ipcRenderer.emit(EVENT_CHANNEL, { sender: 'ipc-event-object' }, message);

describe('preload surface', () => {
  test('exposes exactly window.dockside = {invoke, on} and nothing else', async () => {
    const bridge = await loadPreload();
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['dockside']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  test('imports nothing but electron at runtime (types only from the contract)', () => {
    const src = fs.readFileSync(new URL('../../../src-preload/index.ts', import.meta.url), 'utf8');
    const imports = [...src.matchAll(/^import\s+(type\s+)?.*?from\s+'([^']+)'/gm)].map((m) => ({ typeOnly: !!m[1], from: m[2] }));
    expect(imports.filter((i) => !i.typeOnly).map((i) => i.from)).toEqual(['electron']);
    expect(src).not.toMatch(/\brequire\(/);
  });
});

describe('invoke', () => {
  test('sends {method, input} on the rpc channel and returns main\'s RpcResult', async () => {
    const bridge = await loadPreload();
    fake.ipcRenderer.answer = (_ch, env) => ({ ok: true, value: { echoed: env } });
    const res = await bridge.invoke('system.info', { a: 1 });
    expect(fake.ipcRenderer.invokes).toEqual([{ channel: RPC_CHANNEL, args: [{ method: 'system.info', input: { a: 1 } }] }]);
    expect(res).toEqual({ ok: true, value: { echoed: { method: 'system.info', input: { a: 1 } } } });
  });

  test('passes a write\'s idempotency key along in the envelope', async () => {
    const bridge = await loadPreload();
    fake.ipcRenderer.answer = () => ({ ok: true, value: null });
    await bridge.invoke('printing.reprint', { id: 'j1' }, { idempotencyKey: 'k-1' });
    expect(fake.ipcRenderer.invokes).toEqual([{ channel: RPC_CHANNEL, args: [{ method: 'printing.reprint', input: { id: 'j1' }, idempotencyKey: 'k-1' }] }]);
  });

  test('a main process that is not listening yields UNAVAILABLE, not a rejection', async () => {
    const bridge = await loadPreload();
    fake.ipcRenderer.answer = null;
    await expect(bridge.invoke('system.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  test('a non-string method is rejected without reaching main', async () => {
    const bridge = await loadPreload();
    await expect(bridge.invoke(42 as unknown as string, {})).rejects.toThrow(TypeError);
    expect(fake.ipcRenderer.invokes).toEqual([]);
  });
});

describe('on', () => {
  test('delivers only the payload of the named event, never the IPC event object', async () => {
    const bridge = await loadPreload();
    const status: unknown[] = [];
    const settings: unknown[] = [];
    bridge.on('system.status', (p) => status.push(p));
    bridge.on('settings.changed', (p) => settings.push(p));
    emitFromMain({ event: 'system.status', payload: { online: true } });
    emitFromMain({ event: 'station.changed', payload: { x: 1 } });
    expect(status).toEqual([{ online: true }]);
    expect(settings).toEqual([]);
  });

  test('unsubscribe stops delivery; a second subscription of the same function stays', async () => {
    const bridge = await loadPreload();
    const seen: unknown[] = [];
    const listener = (p: unknown) => seen.push(p);
    const off1 = bridge.on('system.status', listener);
    bridge.on('system.status', listener);
    off1();
    off1();
    emitFromMain({ event: 'system.status', payload: 1 });
    expect(seen).toEqual([1]);
  });

  test('many subscriptions share one ipcRenderer listener', async () => {
    const bridge = await loadPreload();
    for (let i = 0; i < 50; i++) bridge.on(`e${i}`, () => {});
    expect(fake.ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(1);
  });

  test('malformed messages are ignored and a throwing listener does not starve the others', async () => {
    const bridge = await loadPreload();
    const seen: unknown[] = [];
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    bridge.on('system.status', () => {
      throw new Error('boom');
    });
    bridge.on('system.status', (p) => seen.push(p));
    emitFromMain(null);
    emitFromMain('system.status');
    emitFromMain({ event: 7, payload: 1 });
    emitFromMain({ event: 'system.status', payload: 2 });
    expect(seen).toEqual([2]);
    expect(err).toHaveBeenCalledTimes(1);
    err.mockRestore();
  });

  test('bad arguments throw', async () => {
    const bridge = await loadPreload();
    expect(() => bridge.on('system.status', 'nope' as never)).toThrow(TypeError);
  });
});
