// Plays the tones through Web Audio. The AudioContext is created lazily on first use (browsers
// only let it start after a user gesture, and a key press or a scan is one) and is injectable so
// tests can record what would be played.
import { RAMP_S, SOUNDS, type SoundName } from './tones';

/** The slice of the Web Audio API used here (a real AudioContext satisfies it). */
export interface AudioParamLike {
  setValueAtTime(value: number, time: number): unknown;
  linearRampToValueAtTime(value: number, time: number): unknown;
  value: number;
}
export interface AudioNodeLike {
  connect(destination: unknown): unknown;
}
export interface OscillatorLike extends AudioNodeLike {
  type: string;
  frequency: AudioParamLike;
  start(when: number): void;
  stop(when: number): void;
}
export interface GainLike extends AudioNodeLike {
  gain: AudioParamLike;
}
export interface AudioContextLike {
  readonly currentTime: number;
  readonly destination: unknown;
  readonly state?: string;
  resume?(): Promise<void>;
  createOscillator(): OscillatorLike;
  createGain(): GainLike;
}

export interface SoundPrefs {
  sounds: boolean;
  volume: number;
}

export interface SoundPlayer {
  /** Answers whether anything was scheduled (false when muted, silent or audio is unavailable). */
  play(name: SoundName, prefs: SoundPrefs): boolean;
}

function defaultContext(): AudioContextLike | null {
  const Ctor = (globalThis as { AudioContext?: new () => AudioContextLike }).AudioContext;
  return Ctor ? new Ctor() : null;
}

export function createSoundPlayer(createContext: () => AudioContextLike | null = defaultContext): SoundPlayer {
  let ctx: AudioContextLike | null | undefined;
  return {
    play(name, prefs) {
      const volume = Math.min(1, Math.max(0, prefs.volume));
      if (!prefs.sounds || volume === 0) return false;
      if (ctx === undefined) {
        try {
          ctx = createContext();
        } catch {
          ctx = null;
        }
      }
      if (!ctx) return false;
      if (ctx.state === 'suspended') void ctx.resume?.().catch(() => {});
      const t0 = ctx.currentTime + 0.01;
      for (const tone of SOUNDS[name]) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = tone.wave;
        osc.frequency.setValueAtTime(tone.frequency, t0);
        const start = t0 + tone.offset;
        const end = start + tone.duration;
        const peak = tone.level * volume;
        gain.gain.setValueAtTime(0, start);
        gain.gain.linearRampToValueAtTime(peak, start + RAMP_S);
        gain.gain.setValueAtTime(peak, end - RAMP_S);
        gain.gain.linearRampToValueAtTime(0, end);
        osc.connect(gain);
        gain.connect(ctx.destination);
        osc.start(start);
        osc.stop(end + RAMP_S);
      }
      return true;
    },
  };
}
