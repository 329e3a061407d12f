// Scanner capture: pure decoding (decoder, keys, the shared vocabulary), what a scan does (route),
// plus the DOM adapter and React hooks.
export { classifyKey, GS, type KeyLike, type ScanKey } from './keys';
export { classify, COMMAND_PREFIX, type Scan } from './vocabulary';
export { routeScan, type ScanAction, type ScanContext, type Refusal } from './route';
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
