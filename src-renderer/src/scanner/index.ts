// Scanner capture: pure decoding (decoder, keys, commands) plus the DOM adapter and React hook.
export { classifyKey, GS, type KeyLike, type ScanKey } from './keys';
export { interpretCode, COMMAND_PREFIX, type Scan } from './commands';
export {
  createScanDecoder,
  decodeKeyStream,
  RECOGNISE_AFTER,
  MAX_CODE_LENGTH,
  type ScanDecoder,
  type ScannerConfig,
  type TimedKey,
  type Verdict,
} from './decoder';
export { installScannerCapture, RELEASE_GRACE_MS, type CaptureOptions, type ScannerCapture } from './capture';
export { useScannerCapture } from './useScannerCapture';
