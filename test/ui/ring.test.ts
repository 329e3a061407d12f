// The ring of an incoming call: at once, again every few seconds while it rings, silent when it is
// answered, hung up or transferred; only for someone who takes calls; in one window only.
import { describe, expect, it } from 'vitest';
import type { CallSummary } from '../../src-preload/contract';
import { createSoundPlayer, SOUNDS } from '../../src-renderer/src/sound';
import { RING_AT_MOST_MS, RING_EVERY_MS, ringsHere, startRinger } from '../../src-renderer/src/sound/ring';
import { FakeAudioContext } from './fakeAudio';

const call = (id: string, over: Partial<CallSummary> = {}): CallSummary => ({
  id, uniqueid: id, direction: 'inbound', number: '+420777123456', e164: '+420777123456', queue: null, queueName: null, status: 'ringing',
  transferredTo: null, source: 'endpoint', identification: 'known', contactId: 'p', companyId: null, callerName: 'Jan', companyName: null,
  disposition: null, orderRef: null, userId: null, startedAt: 0, answeredAt: null, endedAt: null, afterCallWork: null, ...over,
});

function setup(takes = { v: true }) {
  const listeners = new Map<string, (c: CallSummary) => void>();
  let t = 0;
  let interval: { fn: () => void; ms: number } | null = null;
  let plays = 0;
  const stop = startRinger({
    on: (e, l) => (listeners.set(e, l), () => listeners.delete(e)),
    play: () => plays++,
    takesCalls: () => takes.v,
    now: () => t,
    setInterval: (fn, ms) => (interval = { fn, ms }),
    clearInterval: () => (interval = null),
  });
  return {
    emit: (e: 'calls.incoming' | 'calls.changed', c: CallSummary) => listeners.get(e)?.(c),
    elapse(ms: number) {
      for (let left = ms; left >= RING_EVERY_MS && interval; left -= RING_EVERY_MS) {
        t += RING_EVERY_MS;
        interval.fn();
      }
    },
    plays: () => plays,
    ringing: () => interval !== null,
    stop,
    listeners,
  };
}

describe('ringer', () => {
  it('rings at once and every few seconds until the call is answered', () => {
    const r = setup();
    r.emit('calls.incoming', call('c1'));
    expect(r.plays()).toBe(1);
    r.elapse(3 * RING_EVERY_MS);
    expect(r.plays()).toBe(4);
    r.emit('calls.changed', call('c1', { status: 'answered' }));
    expect(r.ringing()).toBe(false);
    r.elapse(3 * RING_EVERY_MS);
    expect(r.plays()).toBe(4);
  });

  it('keeps ringing while another call still rings; a transfer away or hang-up silences', () => {
    const r = setup();
    r.emit('calls.incoming', call('c1'));
    r.emit('calls.incoming', call('c2'));
    r.emit('calls.incoming', call('c2')); // a repeated event: no extra ring
    expect(r.plays()).toBe(1);
    r.emit('calls.changed', call('c1', { status: 'missed' }));
    expect(r.ringing()).toBe(true);
    r.emit('calls.changed', call('c2', { transferredTo: '201' }));
    expect(r.ringing()).toBe(false);
  });

  it('an identification change while ringing keeps the ring; an outbound or already answered call never rings', () => {
    const r = setup();
    r.emit('calls.incoming', call('o1', { direction: 'outbound' }));
    r.emit('calls.incoming', call('a1', { status: 'answered' }));
    expect(r.plays()).toBe(0);
    r.emit('calls.incoming', call('c1'));
    r.emit('calls.changed', call('c1', { identification: 'known', contactId: 'p2' }));
    expect(r.ringing()).toBe(true);
  });

  it('silent for someone who does not take calls (a packer at the bench)', () => {
    const r = setup({ v: false });
    r.emit('calls.incoming', call('c1'));
    expect(r.plays()).toBe(0);
    expect(r.ringing()).toBe(false);
  });

  it('a call whose end never arrives stops ringing after a while; stop() silences and unsubscribes', () => {
    const r = setup();
    r.emit('calls.incoming', call('c1'));
    r.elapse(RING_AT_MOST_MS + 2 * RING_EVERY_MS);
    expect(r.ringing()).toBe(false);
    const r2 = setup();
    r2.emit('calls.incoming', call('c1'));
    r2.stop();
    expect(r2.ringing()).toBe(false);
    expect(r2.listeners.size).toBe(0);
  });

  it('rings in the incoming-call window, or anywhere in web mode; not in the desktop main window', () => {
    expect(ringsHere('?view=incoming-call&call=c1', false)).toBe(true);
    expect(ringsHere('', false)).toBe(false);
    expect(ringsHere('', true)).toBe(true);
  });

  it('the ring is a mid-register two-pulse sine trill, unlike success and error', () => {
    const ctx = new FakeAudioContext();
    expect(createSoundPlayer(() => ctx).play('ring', { sounds: true, volume: 1 })).toBe(true);
    const tones = ctx.tones();
    expect(tones).toHaveLength(4);
    for (const t of tones) {
      expect(t.type).toBe('sine');
      expect(t.frequency).toBeGreaterThan(400);
      expect(t.frequency).toBeLessThan(1000);
    }
    expect(tones[2]!.start).toBeGreaterThan(tones[0]!.stop); // two pulses
    expect(SOUNDS.success[0]!.frequency).toBeGreaterThan(1000);
    expect(createSoundPlayer(() => new FakeAudioContext()).play('ring', { sounds: false, volume: 1 })).toBe(false);
  });
});
