import { describe, expect, test } from 'vitest';
import { createQuitGuard } from '../../../src-main/electron/lifecycle';

function quitEvent() {
  const e = { prevented: false, preventDefault: () => void (e.prevented = true) };
  return e;
}

describe('quit guard', () => {
  test('holds the first quit until core has closed, then quits once; later quits pass', async () => {
    const order: string[] = [];
    let release!: () => void;
    const guard = createQuitGuard({
      close: () => new Promise<void>((r) => (release = () => (order.push('closed'), r()))),
      quit: () => order.push('quit'),
      onError: () => order.push('error'),
    });
    const first = quitEvent();
    guard.onBeforeQuit(first);
    expect(first.prevented).toBe(true);
    // A second request while closing is held too, and does not close again.
    const second = quitEvent();
    guard.onBeforeQuit(second);
    expect(second.prevented).toBe(true);
    expect(order).toEqual([]);
    release();
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['closed', 'quit']);
    const after = quitEvent();
    guard.onBeforeQuit(after);
    expect(after.prevented).toBe(false);
    expect(guard.state).toBe('closed');
  });

  test('a failing close is reported and the app still quits', async () => {
    const errors: unknown[] = [];
    let quits = 0;
    const guard = createQuitGuard({ close: async () => Promise.reject(new Error('disk gone')), quit: () => quits++, onError: (e) => errors.push(e) });
    guard.onBeforeQuit(quitEvent());
    await new Promise((r) => setImmediate(r));
    expect(quits).toBe(1);
    expect(String(errors[0])).toContain('disk gone');
  });

  test('a hanging close times out and the app still quits', async () => {
    const errors: unknown[] = [];
    let quits = 0;
    const guard = createQuitGuard({ close: () => new Promise(() => {}), quit: () => quits++, onError: (e) => errors.push(e), timeoutMs: 20 });
    guard.onBeforeQuit(quitEvent());
    await new Promise((r) => setTimeout(r, 60));
    expect(quits).toBe(1);
    expect(String(errors[0])).toContain('timed out');
  });
});
