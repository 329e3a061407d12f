// Installs scanner capture once for the app's lifetime. Config and the scan handler are read
// through refs so a settings change or a re-render never re-installs the listener mid-burst.
import { useEffect, useRef } from 'react';
import type { Scan } from './vocabulary';
import type { ScannerConfig } from './decoder';
import { installScannerCapture } from './capture';

export function useScannerCapture(
  config: ScannerConfig,
  onScan: (scan: Scan) => void,
  options: { now?: () => number } = {},
): void {
  const configRef = useRef(config);
  const onScanRef = useRef(onScan);
  const nowRef = useRef(options.now);
  useEffect(() => {
    configRef.current = config;
    onScanRef.current = onScan;
  });
  useEffect(() => {
    const now = nowRef.current;
    const capture = installScannerCapture(window, {
      config: () => configRef.current,
      onScan: (scan) => onScanRef.current(scan),
      ...(now ? { now } : {}),
    });
    return () => capture.dispose();
  }, []);
}
