// Scans the app received: the last few for display, and a listener list for screens that act on
// them (Pick and Pack will subscribe; the store alone would drop scans that arrive faster than a render).
import { createStore } from 'zustand/vanilla';
import type { FlowCommand, Scan } from './vocabulary';

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

export type CommandHandler = (scan: ScanRecord) => void;

/**
 * Delivers every scan, in order, to every subscriber; and routes work commands (CMD:NEXT, …) to
 * the screen that claimed them. The latest claim of a command wins until it is released, so a
 * screen can take over a command from the shell while it is shown.
 */
export function createScanBus() {
  const listeners = new Set<ScanListener>();
  const claims = new Map<FlowCommand, { handler: CommandHandler }[]>();
  const badgeClaims: ((badge: string) => void)[] = [];
  return {
    /**
     * While claimed, a scanned badge goes to the claimant (a supervisor's override on the Pack
     * screen) instead of signing its owner in. The latest claim wins until it is released.
     */
    claimBadge(handler: (badge: string) => void): () => void {
      badgeClaims.push(handler);
      return () => {
        const i = badgeClaims.lastIndexOf(handler);
        if (i >= 0) badgeClaims.splice(i, 1);
      };
    },
    badgeClaim(): ((badge: string) => void) | undefined {
      return badgeClaims.at(-1);
    },
    onScan(listener: ScanListener): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(scan: ScanRecord): void {
      for (const l of [...listeners]) l(scan);
    },
    claimCommands(commands: readonly FlowCommand[], handler: CommandHandler): () => void {
      const claim = { handler };
      for (const c of commands) claims.set(c, [...(claims.get(c) ?? []), claim]);
      return () => {
        for (const c of commands) claims.set(c, (claims.get(c) ?? []).filter((x) => x !== claim));
      };
    },
    isClaimed(command: FlowCommand): boolean {
      return (claims.get(command)?.length ?? 0) > 0;
    },
    /** Runs the current claim's handler; false when no screen handles the command now. */
    runCommand(command: FlowCommand, scan: ScanRecord): boolean {
      const claim = claims.get(command)?.at(-1);
      if (!claim) return false;
      claim.handler(scan);
      return true;
    },
  };
}
export type ScanBus = ReturnType<typeof createScanBus>;
