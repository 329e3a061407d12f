import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createElectronConnectivity } from '../../../src-main/electron/connectivity';
import { fake, resetFake } from './fakeElectron';

beforeEach(() => {
  resetFake();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('electron connectivity', () => {
  test('reports net.isOnline and announces changes found by polling, once each', () => {
    const c = createElectronConnectivity({ net: fake.net, powerMonitor: fake.powerMonitor }, { pollMs: 1000 });
    const seen: boolean[] = [];
    c.onChange((o) => seen.push(o));
    expect(c.isOnline()).toBe(true);
    fake.net.online = false;
    vi.advanceTimersByTime(999);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(5000); // still offline: no repeats
    fake.net.online = true;
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([false, true]);
    c.dispose();
  });

  test('waking from sleep re-checks at once, without waiting for the poll', () => {
    const c = createElectronConnectivity({ net: fake.net, powerMonitor: fake.powerMonitor }, { pollMs: 60_000 });
    const seen: boolean[] = [];
    c.onChange((o) => seen.push(o));
    fake.net.online = false;
    fake.powerMonitor.emit('resume');
    expect(seen).toEqual([false]);
    expect(c.isOnline()).toBe(false);
    c.dispose();
  });

  test('dispose stops polling and the resume listener; unsubscribe stops one listener', () => {
    const c = createElectronConnectivity({ net: fake.net, powerMonitor: fake.powerMonitor }, { pollMs: 1000 });
    const a: boolean[] = [];
    const b: boolean[] = [];
    const offA = c.onChange((o) => a.push(o));
    c.onChange((o) => b.push(o));
    offA();
    fake.net.online = false;
    vi.advanceTimersByTime(1000);
    expect([a, b]).toEqual([[], [false]]);
    c.dispose();
    expect(fake.powerMonitor.listenerCount('resume')).toBe(0);
    fake.net.online = true;
    vi.advanceTimersByTime(10_000);
    expect(b).toEqual([false]);
  });
});
