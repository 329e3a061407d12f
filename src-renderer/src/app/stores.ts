// One set of stores per app instance (tests mount several apps; nothing leaks between them).
import { createScanBus, createScansStore } from '../scanner/scansStore';
import { createCallsStore } from '../features/calls/callsStore';
import { createSessionStore } from '../features/station/sessionStore';
import { createSettingsStore } from '../features/settings/settingsStore';
import { createSyncStore } from '../features/sync/syncStore';
import { createStatusStore } from '../shell/statusStore';
import { createUiStore } from '../shell/uiStore';

export function createAppStores() {
  return {
    session: createSessionStore(),
    status: createStatusStore(),
    settings: createSettingsStore(),
    sync: createSyncStore(),
    scans: createScansStore(),
    scanBus: createScanBus(),
    ui: createUiStore(),
    calls: createCallsStore(),
  };
}
export type AppStores = ReturnType<typeof createAppStores>;

export * from '../scanner/scansStore';
export * from '../features/station/sessionStore';
export * from '../features/settings/settingsStore';
export * from '../features/sync/syncStore';
export * from '../shell/statusStore';
export * from '../shell/uiStore';
export type { CallsStore } from '../features/calls/callsStore';
