// The two sounds as scheduled Web Audio tones: distinct, shaped, honouring sounds/volume.
import { describe, expect, it } from 'vitest';
import { createSoundPlayer, RAMP_S, SOUNDS } from '../../src-renderer/src/sound';
import { FakeAudioContext } from './fakeAudio';

const ON = { sounds: true, volume: 1 };

describe('sound player', () => {
  it('success is a short high double beep; error a single long low buzz', () => {
    const ctx = new FakeAudioContext();
    const player = createSoundPlayer(() => ctx);
    expect(player.play('success', ON)).toBe(true);
    const success = ctx.tones();
    expect(success).toHaveLength(2);
    for (const t of success) {
      expect(t.frequency).toBeGreaterThanOrEqual(1000);
      expect(t.stop - t.start).toBeLessThan(0.1);
      expect(t.connectedToDestination).toBe(true);
    }
    expect(success[1]!.start).toBeGreaterThan(success[0]!.stop); // two separate beeps

    const ctx2 = new FakeAudioContext();
    createSoundPlayer(() => ctx2).play('error', ON);
    const [buzz, ...rest] = ctx2.tones();
    expect(rest).toEqual([]);
    expect(buzz!.frequency).toBeLessThan(200);
    expect(buzz!.type).toBe('sawtooth');
    expect(buzz!.stop - buzz!.start).toBeGreaterThan(0.3);
  });

  it('scales loudness by volume and ramps in and out (no clicks)', () => {
    const loud = new FakeAudioContext();
    const soft = new FakeAudioContext();
    createSoundPlayer(() => loud).play('success', { sounds: true, volume: 1 });
    createSoundPlayer(() => soft).play('success', { sounds: true, volume: 0.25 });
    expect(soft.tones()[0]!.peakGain).toBeCloseTo(loud.tones()[0]!.peakGain * 0.25, 6);
    const events = loud.gains[0]!.gain.events;
    expect(events[0]!.value).toBe(0);
    expect(events[events.length - 1]!.value).toBe(0);
    expect(events[1]!.time - events[0]!.time).toBeCloseTo(RAMP_S, 6);
  });

  it('plays nothing, and creates no AudioContext, when sounds are off or volume is 0', () => {
    let created = 0;
    const player = createSoundPlayer(() => {
      created++;
      return new FakeAudioContext();
    });
    expect(player.play('success', { sounds: false, volume: 1 })).toBe(false);
    expect(player.play('error', { sounds: true, volume: 0 })).toBe(false);
    expect(created).toBe(0);
  });

  it('creates one context lazily, resumes it if the browser suspended it, and survives no audio at all', () => {
    const ctx = new FakeAudioContext();
    ctx.state = 'suspended';
    let created = 0;
    const player = createSoundPlayer(() => {
      created++;
      return ctx;
    });
    player.play('success', ON);
    player.play('error', ON);
    expect(created).toBe(1);
    expect(ctx.resumed).toBe(1);
    expect(ctx.oscillators).toHaveLength(SOUNDS.success.length + SOUNDS.error.length);

    const broken = createSoundPlayer(() => {
      throw new Error('no audio device');
    });
    expect(broken.play('error', ON)).toBe(false);
    expect(createSoundPlayer(() => null).play('error', ON)).toBe(false);
  });
});
