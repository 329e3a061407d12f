// One set of stores per app instance (tests mount several apps; nothing leaks between them).
import { createScanBus, createScansStore } from './scans';
import { createSessionStore } from './session';
import { createSettingsStore } from './settings';
import { createStatusStore } from './status';
import { createUiStore } from './ui';

export function createAppStores() {
  return {
    session: createSessionStore(),
    status: createStatusStore(),
    settings: createSettingsStore(),
    scans: createScansStore(),
    scanBus: createScanBus(),
    ui: createUiStore(),
  };
}
export type AppStores = ReturnType<typeof createAppStores>;

export * from './scans';
export * from './session';
export * from './settings';
export * from './status';
export * from './ui';
