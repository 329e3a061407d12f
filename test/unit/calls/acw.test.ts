// After-call work is kept in main and in the store: it survives a renderer reload (the state is
// read back with its remaining time) and an app restart (same SQLite file): one that ran out
// while the app was closed is timed out at the next start, the default disposition set on the
// call and merged into its UCS metadata once; the agent capability's hook hears every change.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AfterCallWork } from '../../../src-preload/contract';
import { createCore, type Core } from '../../../src-main/core/app';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { memorySettingsStore } from '../../../src-main/core/settings/memoryStore';
import { inProcessBridge } from '../../../src-main/core/rpc/inProcess';
import { createApi, type Api } from '../../../src-renderer/src/api/client';
import { memorySecrets, switchableConnectivity } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { TestClock } from '../sync/crash/core';

let tmp = tempDir('dockside-acw-');
afterEach(() => {
  tmp.cleanup();
  tmp = tempDir('dockside-acw-');
});

async function open(clock: TestClock, hook: AfterCallWork[], timers = false): Promise<{ core: Core; api: Api }> {
  const core = await createCore({
    dataDir: tmp.dir,
    settings: memorySettingsStore(),
    secrets: memorySecrets(),
    connectivity: switchableConnectivity(false),
    logger: memoryLogger('error'),
    version: '0.0.0-test',
    platform: 'test',
    clock,
    sync: { autoStart: false },
    calls: { screenPopPort: false, pollIntervalMs: false, timers, onAfterCallWork: (s) => hook.push(s) },
  });
  return { core, api: createApi(inProcessBridge(core.dispatcher, core.events)) };
}

const ev = (kind: 'ring' | 'answer' | 'hangup', uniqueid: string) => ({ kind, number: '601123456', uniqueid, queue: '74', queueName: null, transferTo: null, source: 'endpoint' as const, params: {} });

describe('after-call work', () => {
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  it('survives a restart and times out with the default disposition, merged into UCS once', async () => {
    const clock = new TestClock(Date.UTC(2030, 0, 1, 9));
    const hook: AfterCallWork[] = [];
    let c = await open(clock, hook);
    core = c.core;
    await c.api.call('station.setup', { stationName: 'Desk', name: 'Jana', pin: '999999' });
    await c.api.call('station.createUser', { name: 'Adam', role: 'agent', pin: '2222' });
    await c.api.call('station.signIn', { pin: '2222' });
    // only a supervisor edits the configuration
    await expect(c.api.call('calls.saveConfig', { ...(await c.api.call('calls.config', {})), acwSeconds: 30 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await c.api.call('calls.config', {})).acwSeconds).toBe(60);

    const s = core.calls.service;
    const { callId } = s.ingest(ev('ring', '7.1'));
    s.ingest(ev('answer', '7.1'));
    clock.advance(90_000);
    s.ingest(ev('hangup', '7.1'));
    expect(hook.map((h) => h.status)).toEqual(['running']);

    // a renderer reload reads it back, with the time left
    clock.advance(20_000);
    const reloaded = await c.api.call('calls.current', {});
    expect(reloaded.afterCallWork).toMatchObject({ callId, status: 'running', remainingMs: 40_000 });

    // the app closes; 5 minutes pass; it starts again on the same file
    await core.close();
    clock.advance(5 * 60_000);
    c = await open(clock, hook);
    core = c.core;
    await c.api.call('station.signIn', { pin: '2222' });
    const after = await c.api.call('calls.recent', { limit: 5 });
    expect(after[0]).toMatchObject({ id: callId, disposition: 'unspecified', afterCallWork: { status: 'timed_out', remainingMs: 0 } });
    expect(hook.map((h) => h.status)).toEqual(['running', 'timed_out']);
    expect((await c.api.call('calls.current', {})).afterCallWork).toBeNull();
    const ops = core.outbox.list({ status: 'open', limit: 10 }).filter((o) => o.operation === 'call.metadata');
    expect(ops.map((o) => o.payload)).toEqual([{ uniqueid: '7.1', patch: { disposition: 'unspecified' } }]);

    // a ring the phone system never followed up leaves the current list after 10 minutes
    core.calls.service.ingest(ev('ring', '7.2'));
    expect((await c.api.call('calls.current', {})).calls.map((x) => x.uniqueid)).toEqual(['7.2']);
    clock.advance(10 * 60_000 + 1);
    expect((await c.api.call('calls.current', {})).calls).toEqual([]);

    // a third start applies nothing again
    await core.close();
    c = await open(clock, hook);
    core = c.core;
    expect(hook).toHaveLength(2);
    expect(core.outbox.list({ status: 'open', limit: 10 }).filter((o) => o.operation === 'call.metadata')).toHaveLength(1);
  });

  it('finishing keeps the disposition the agent chose; a timer in main times out a running one', async () => {
    const clock = new TestClock(Date.UTC(2030, 0, 1, 9));
    const hook: AfterCallWork[] = [];
    const c = await open(clock, hook, true);
    core = c.core;
    await c.api.call('station.setup', { stationName: 'Desk', name: 'Jana', pin: '999999' });
    await c.api.call('calls.saveConfig', { ...(await c.api.call('calls.config', {})), acwSeconds: 5 });
    await expect(c.api.call('calls.saveConfig', { ...(await c.api.call('calls.config', {})), defaultDisposition: 'nope' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'default_not_listed' },
    });
    await c.api.call('station.createUser', { name: 'Adam', role: 'agent', pin: '2222' });
    await c.api.call('station.signIn', { pin: '2222' });
    const s = core.calls.service;
    const heard: string[] = [];
    s.onAfterCallWork((st) => heard.push(`${st.callId}:${st.status}`));

    const a = s.ingest(ev('ring', '8.1')).callId;
    s.ingest(ev('answer', '8.1'));
    s.ingest(ev('hangup', '8.1'));
    const done = await c.api.call('calls.finishAfterCallWork', { callId: a, disposition: 'complaint' });
    expect(done).toMatchObject({ status: 'finished' });
    expect((await c.api.call('calls.card', { callId: a })).call.disposition).toBe('complaint');
    await expect(c.api.call('calls.finishAfterCallWork', { callId: a })).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'acw_not_running' } });

    // started by hand for a missed call too; the real timer (5 s of the injected clock) fires
    const b = s.ingest(ev('ring', '8.2')).callId;
    s.ingest(ev('hangup', '8.2'));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await expect(c.api.call('calls.startAfterCallWork', { callId: b })).resolves.toMatchObject({ status: 'running', remainingMs: 5000 });
      clock.advance(4_000);
      vi.advanceTimersByTime(4_000);
      expect(hook.filter((h) => h.callId === b).map((h) => h.status)).toEqual(['running']);
      clock.advance(1_000);
      vi.advanceTimersByTime(1_100);
    } finally {
      vi.useRealTimers();
    }
    expect(hook.filter((h) => h.callId === b).map((h) => h.status)).toEqual(['running', 'timed_out']);
    expect((await c.api.call('calls.card', { callId: b })).call.disposition).toBe('unspecified');
    expect(heard).toEqual([`${a}:running`, `${a}:finished`, `${b}:running`, `${b}:timed_out`]);
  });
});
