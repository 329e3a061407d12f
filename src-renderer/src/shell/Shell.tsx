// The signed-in app: header, navigation, the current screen, the help overlay and shortcuts.
import { useEffect } from 'react';
import { useServices, useUi } from '../app/context';
import { useReprintLast } from '../features/printing/useReprintLast';
import { CallsScreen } from '../features/calls/CallsScreen';
import { IncomingCallLayer } from '../features/calls/IncomingCall';
import { PackScreen } from '../features/packing/PackScreen';
import { PickScreen } from '../features/picking/PickScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SyncScreen } from '../features/sync/SyncScreen';
import type { ScreenName } from './uiStore';
import { Header } from './Header';
import { HelpOverlay } from './HelpOverlay';
import { Nav } from './Nav';
import { shortcutFor } from './shortcuts';

const SCREEN_COMPONENTS: Record<ScreenName, () => React.JSX.Element> = {
  pick: PickScreen,
  pack: PackScreen,
  calls: CallsScreen,
  sync: SyncScreen,
  settings: SettingsScreen,
};

function isTypingField(el: Element | null): boolean {
  if (!el) return false;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName === 'INPUT') return !['button', 'checkbox', 'radio', 'range', 'submit'].includes((el as HTMLInputElement).type);
  return (el as HTMLElement).isContentEditable === true;
}

export function Shell() {
  const { stores } = useServices();
  const screen = useUi((s) => s.screen);
  const helpOpen = useUi((s) => s.helpOpen);
  const reprintLast = useReprintLast();

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      // Scanner keys were already swallowed in the capture phase; what arrives here is a person.
      if (e.defaultPrevented) return;
      const action = shortcutFor(e, isTypingField(document.activeElement));
      if (!action) return;
      const ui = stores.ui.getState();
      if (action.type === 'reprintLast') {
        e.preventDefault(); // also keeps the browser's own Ctrl+Shift+P away
        if (!e.repeat) void reprintLast();
        return;
      }
      if (action.type === 'navigate') ui.navigate(action.screen);
      else if (action.type === 'toggleHelp') ui.setHelpOpen(!ui.helpOpen);
      else if (!ui.helpOpen) return;
      else ui.setHelpOpen(false);
      e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stores, reprintLast]);

  // CMD:REPRINT from the command sheet does what Ctrl+Shift+P does, on every screen
  // (a pack screen may claim it later for its own parcel).
  useEffect(() => stores.scanBus.claimCommands(['REPRINT'], () => void reprintLast()), [stores, reprintLast]);

  const Screen = SCREEN_COMPONENTS[screen];
  return (
    <div className="shell">
      <Header />
      <Nav />
      <main className="content" data-testid={`screen-${screen}`} aria-labelledby="screen-title">
        <Screen />
      </main>
      <IncomingCallLayer />
      {helpOpen ? <HelpOverlay /> : null}
    </div>
  );
}
