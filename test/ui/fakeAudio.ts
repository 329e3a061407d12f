// A recording AudioContext: Web Audio does not exist in happy-dom, and what matters is which
// tones would be scheduled (frequency, wave, timing, loudness), not the speaker.
import type { AudioContextLike, AudioParamLike, GainLike, OscillatorLike } from '../../src-renderer/src/sound';

export interface RecordedTone {
  type: string;
  frequency: number;
  start: number;
  stop: number;
  peakGain: number;
  connectedToDestination: boolean;
}

function param(initial: number): AudioParamLike & { events: { value: number; time: number }[] } {
  const events: { value: number; time: number }[] = [];
  return {
    value: initial,
    events,
    setValueAtTime(value, time) {
      events.push({ value, time });
    },
    linearRampToValueAtTime(value, time) {
      events.push({ value, time });
    },
  };
}

export class FakeAudioContext implements AudioContextLike {
  currentTime = 0;
  readonly destination = { kind: 'destination' };
  state = 'running';
  resumed = 0;
  readonly oscillators: (OscillatorLike & { started: number; stopped: number; target: unknown })[] = [];
  readonly gains: (GainLike & { target: unknown; gain: ReturnType<typeof param> })[] = [];

  async resume(): Promise<void> {
    this.resumed += 1;
    this.state = 'running';
  }

  createOscillator() {
    const osc = {
      type: 'sine',
      frequency: param(440),
      started: NaN,
      stopped: NaN,
      target: null as unknown,
      connect(target: unknown) {
        osc.target = target;
        return target;
      },
      start(when: number) {
        osc.started = when;
      },
      stop(when: number) {
        osc.stopped = when;
      },
    };
    this.oscillators.push(osc);
    return osc;
  }

  createGain() {
    const g = {
      gain: param(1),
      target: null as unknown,
      connect(target: unknown) {
        g.target = target;
        return target;
      },
    };
    this.gains.push(g);
    return g;
  }

  /** What was scheduled, one entry per oscillator. */
  tones(): RecordedTone[] {
    return this.oscillators.map((o) => {
      const gain = this.gains.find((g) => o.target === g);
      return {
        type: o.type,
        frequency: (o.frequency as ReturnType<typeof param>).events[0]?.value ?? o.frequency.value,
        start: o.started,
        stop: o.stopped,
        peakGain: Math.max(0, ...(gain?.gain.events.map((e) => e.value) ?? [])),
        connectedToDestination: gain?.target === this.destination,
      };
    });
  }
}
