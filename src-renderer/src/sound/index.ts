export { SOUNDS, RAMP_S, type SoundName, type Tone } from './tones';
export {
  createSoundPlayer,
  type AudioContextLike,
  type OscillatorLike,
  type GainLike,
  type AudioParamLike,
  type SoundPlayer,
  type SoundPrefs,
} from './player';
