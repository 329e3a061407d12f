// UI-only state: which screen is shown, the help overlay, and short-lived toasts.
import { createStore } from 'zustand/vanilla';

export const SCREENS = ['pick', 'pack', 'calls', 'sync', 'settings'] as const;
export type ScreenName = (typeof SCREENS)[number];
export const SETTINGS_TABS = ['general', 'users', 'printers', 'connections', 'calls', 'packing', 'training'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

export type ToastKind = 'info' | 'success' | 'error';
export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

/** How long a toast stays; errors stay longer so they can be read. */
export const TOAST_MS: Record<ToastKind, number> = { info: 4000, success: 3000, error: 8000 };
const MAX_TOASTS = 4;

export interface UiStore {
  screen: ScreenName;
  settingsTab: SettingsTab;
  helpOpen: boolean;
  toasts: Toast[];
  navigate(screen: ScreenName): void;
  setSettingsTab(tab: SettingsTab): void;
  setHelpOpen(open: boolean): void;
  toast(kind: ToastKind, text: string): number;
  dismissToast(id: number): void;
}

export function createUiStore() {
  let nextId = 1;
  return createStore<UiStore>()((set) => ({
    screen: 'pick',
    settingsTab: 'general',
    helpOpen: false,
    toasts: [],
    navigate: (screen) => set({ screen, helpOpen: false }),
    setSettingsTab: (settingsTab) => set({ settingsTab }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    toast(kind, text) {
      const id = nextId++;
      set((s) => ({ toasts: [...s.toasts, { id, kind, text }].slice(-MAX_TOASTS) }));
      return id;
    },
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  }));
}
