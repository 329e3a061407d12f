// Demo mode: the simulator the app runs is pointed at the station's screen-pop endpoint, so the
// trainer's "Ring a call" pops the card — with --demo and after the first-run choice alike.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallSummary } from '../../../src-preload/contract';
import { tempDir } from '../../helpers/tmp';
import { startDemoCore, type DemoCore } from '../training/harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(demoFlag: boolean): Promise<DemoCore> {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const demo = await startDemoCore(dir, { demoFlag, sync: { autoStart: false } });
  cleanups.push(() => demo.stop());
  return demo;
}

async function ringAndSee(demo: DemoCore): Promise<CallSummary[]> {
  const incoming: CallSummary[] = [];
  demo.core.events.subscribe((event, payload) => event === 'calls.incoming' && incoming.push(payload as CallSummary));
  await demo.api.call('station.signIn', { pin: '999999' });
  const rung = await demo.api.call('training.ringCall', { number: '+420 601 234 567' });
  await demo.api.call('station.signIn', { pin: '2222' });
  const current = await demo.api.call('calls.current', {});
  expect(current.calls.map((c) => c.uniqueid)).toEqual([rung.uniqueid]);
  return incoming;
}

describe('demo: Training → Ring a call pops the card', () => {
  it('with --demo', async () => {
    const demo = await start(true);
    const incoming = await ringAndSee(demo);
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({ number: '+420 601 234 567', source: 'endpoint', status: 'ringing' });
  });

  it('after the first-run choice "Try it with sample data"', async () => {
    const demo = await start(false);
    await demo.api.call('training.startDemo', {});
    expect(await ringAndSee(demo)).toHaveLength(1);
  });
});
