// Scans the app received: the last few for display, and a listener list for screens that act on
// them (Pick and Pack will subscribe; the store alone would drop scans that arrive faster than a render).
import { createStore } from 'zustand/vanilla';
import type { Scan } from './commands';

export const SCAN_HISTORY = 50;

export type ScanRecord = Scan & { id: number; at: number };

export interface ScansStore {
  scans: ScanRecord[];
  add(scan: Scan, at: number): ScanRecord;
  clear(): void;
}

export type ScanListener = (scan: ScanRecord) => void;

export function createScansStore() {
  let nextId = 1;
  return createStore<ScansStore>()((set) => ({
    scans: [],
    add(scan, at) {
      const record: ScanRecord = { ...scan, id: nextId++, at };
      set((s) => ({ scans: [record, ...s.scans].slice(0, SCAN_HISTORY) }));
      return record;
    },
    clear: () => set({ scans: [] }),
  }));
}

/** Delivers every scan, in order, to every subscriber. */
export function createScanBus() {
  const listeners = new Set<ScanListener>();
  return {
    onScan(listener: ScanListener): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(scan: ScanRecord): void {
      for (const l of [...listeners]) l(scan);
    },
  };
}
export type ScanBus = ReturnType<typeof createScanBus>;
