// Keyboard shortcuts of the shell, as a pure mapping from a key press to an action.
// F1–F5 are the primary keys (one press, no chord, fine with gloves); Alt+1..5 are the same for
// keyboards without F-keys. `?` toggles the help unless the user is typing into a field.
import { SCREENS, type ScreenName } from '../stores/ui';

export interface NavShortcut {
  screen: ScreenName;
  key: string;
  alt: string;
}

export const NAV_SHORTCUTS: readonly NavShortcut[] = SCREENS.map((screen, i) => ({
  screen,
  key: `F${i + 1}`,
  alt: `Alt+${i + 1}`,
}));

export type ShortcutAction = { type: 'navigate'; screen: ScreenName } | { type: 'toggleHelp' } | { type: 'closeHelp' };

export interface ShortcutKey {
  key: string;
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export function shortcutFor(e: ShortcutKey, typingInField: boolean): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey) return null;
  if (!e.altKey) {
    const fn = NAV_SHORTCUTS.find((s) => s.key === e.key);
    if (fn) return { type: 'navigate', screen: fn.screen };
    if (e.key === 'Escape') return { type: 'closeHelp' };
    if (e.key === '?' && !typingInField) return { type: 'toggleHelp' };
    return null;
  }
  // Alt+digit: use the physical key too, since Alt changes e.key on some layouts (Czech: Alt+2 → ě…).
  const digit = /^Digit([1-9])$/.exec(e.code ?? '')?.[1] ?? (/^[1-9]$/.test(e.key) ? e.key : null);
  if (digit === null) return null;
  const target = NAV_SHORTCUTS[Number(digit) - 1];
  return target ? { type: 'navigate', screen: target.screen } : null;
}

/** Commands a barcode can carry to move between screens (CMD:PICK …). */
export function screenForCommand(command: string): ScreenName | null {
  const name = command.toLowerCase();
  return (SCREENS as readonly string[]).includes(name) ? (name as ScreenName) : null;
}
