// settings.*: the station's preferences; every change is announced to every window.
import type { SettingsStore } from '../platform/ports';
import type { HandlersFor } from '../rpc/dispatcher';
import type { EventBus } from '../rpc/events';

export function settingsHandlers(settings: SettingsStore, events: EventBus): HandlersFor<'settings'> {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch) => {
      const next = settings.set(patch);
      events.emit('settings.changed', next);
      return next;
    },
  };
}
