// The app's sounds, described as oscillator tones (no audio files to ship or load).
// Success is a short, high, rising double beep; error a low, longer buzz: easy to tell apart
// across a noisy bench without looking at the screen. Ring is a soft two-pulse trill in the middle
// register, repeated while a call rings (sound/ring.ts): unlike either, and not shrill.

export type SoundName = 'success' | 'error' | 'ring';

export interface Tone {
  /** Hz */
  frequency: number;
  wave: 'sine' | 'square' | 'sawtooth' | 'triangle';
  /** Seconds from the sound's start. */
  offset: number;
  /** Seconds. */
  duration: number;
  /** Relative loudness 0..1, multiplied by the user's volume. */
  level: number;
}

export const SOUNDS: Record<SoundName, readonly Tone[]> = {
  success: [
    { frequency: 1760, wave: 'sine', offset: 0, duration: 0.07, level: 0.9 },
    { frequency: 2217, wave: 'sine', offset: 0.1, duration: 0.07, level: 0.9 },
  ],
  error: [{ frequency: 140, wave: 'sawtooth', offset: 0, duration: 0.45, level: 0.7 }],
  ring: [
    { frequency: 660, wave: 'sine', offset: 0, duration: 0.35, level: 0.6 },
    { frequency: 880, wave: 'sine', offset: 0, duration: 0.35, level: 0.4 },
    { frequency: 660, wave: 'sine', offset: 0.5, duration: 0.35, level: 0.6 },
    { frequency: 880, wave: 'sine', offset: 0.5, duration: 0.35, level: 0.4 },
  ],
};

/** Attack/release ramps (s): an instant start or stop clicks audibly. */
export const RAMP_S = 0.005;
