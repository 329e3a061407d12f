// The recount defer behind the header's counts: prompt for the first change, then spaced, so a
// drain of thousands of operations is not recounted after each one.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { spacedDefer } from '../../../src-main/core/util/spacedDefer';

beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] }));
afterEach(() => void vi.useRealTimers());

it('answers the first change on the next turn and later ones at most once per interval', async () => {
  const defer = spacedDefer(100);
  const ran: number[] = [];
  const at = () => ran.push(Math.round(performance.now()));
  const start = Math.round(performance.now());

  defer(at);
  await vi.advanceTimersByTimeAsync(0);
  expect(ran).toEqual([start]); // no waiting for the first

  defer(at); // 0 ms after the last run: waits out the interval
  await vi.advanceTimersByTimeAsync(99);
  expect(ran).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(ran).toEqual([start, start + 100]);

  await vi.advanceTimersByTimeAsync(500); // quiet for longer than the interval: prompt again
  defer(at);
  await vi.advanceTimersByTimeAsync(0);
  expect(ran).toEqual([start, start + 100, start + 600]);
});
