// Keyboard shortcuts of the shell, as a pure mapping from a key press to an action.
// F1–F5 are the primary keys (one press, no chord, fine with gloves); Alt+1..5 are the same for
// keyboards without F-keys. `?` toggles the help unless the user is typing into a field.
// Ctrl+Shift+P reprints this station's last label from anywhere, even from a field (it types
// nothing, and a packer reaches for it with a label jammed and the scanner still in hand).
import { isNavCommand } from '../scanner/vocabulary';
import { SCREENS, type ScreenName } from './uiStore';

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

/** Shown in the help overlay; the check below matches it. */
export const REPRINT_LAST_KEYS = 'Ctrl+Shift+P';

export type ShortcutAction =
  | { type: 'navigate'; screen: ScreenName }
  | { type: 'toggleHelp' }
  | { type: 'closeHelp' }
  | { type: 'reprintLast' };

export interface ShortcutKey {
  key: string;
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey?: boolean;
}

export function shortcutFor(e: ShortcutKey, typingInField: boolean): ShortcutAction | null {
  // By physical key as well: with Shift held e.key is "P", and on some layouts something else.
  if ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === 'KeyP' || e.key.toLowerCase() === 'p')) {
    return { type: 'reprintLast' };
  }
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

/** Commands a barcode can carry to move between screens (CMD:PICK …): the scanning module's NAV_COMMANDS. */
export function screenForCommand(command: string): ScreenName | null {
  if (!isNavCommand(command.toUpperCase())) return null;
  const name = command.toLowerCase();
  return (SCREENS as readonly string[]).includes(name) ? (name as ScreenName) : null;
}
