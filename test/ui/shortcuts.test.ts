// The shell's key map (pure).
import { describe, expect, it } from 'vitest';
import { NAV_SHORTCUTS, screenForCommand, shortcutFor } from '../../src-renderer/src/shell/shortcuts';

const k = (key: string, o: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; code: string }> = {}) => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...o,
});

describe('shortcuts', () => {
  it('F1–F5 go to Pick, Pack, Calls, Sync, Settings', () => {
    expect(NAV_SHORTCUTS.map((s) => `${s.key}=${s.screen}`)).toEqual(['F1=pick', 'F2=pack', 'F3=calls', 'F4=sync', 'F5=settings']);
    expect(shortcutFor(k('F4'), true)).toEqual({ type: 'navigate', screen: 'sync' });
  });

  it('Alt+digit works by physical key, so Czech layouts (Alt+ě on the 2 key) work too', () => {
    expect(shortcutFor(k('2', { altKey: true }), false)).toEqual({ type: 'navigate', screen: 'pack' });
    expect(shortcutFor(k('ě', { altKey: true, code: 'Digit2' }), false)).toEqual({ type: 'navigate', screen: 'pack' });
    expect(shortcutFor(k('6', { altKey: true, code: 'Digit6' }), false)).toBeNull();
  });

  it('? toggles help only outside text fields; Escape closes; Ctrl/Meta chords are left to the system', () => {
    expect(shortcutFor(k('?'), false)).toEqual({ type: 'toggleHelp' });
    expect(shortcutFor(k('?'), true)).toBeNull();
    expect(shortcutFor(k('Escape'), true)).toEqual({ type: 'closeHelp' });
    expect(shortcutFor(k('F1', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(k('a'), false)).toBeNull();
  });

  it('Ctrl+Shift+P (or Cmd+Shift+P) reprints the last label, in a field too, on any layout', () => {
    expect(shortcutFor(k('P', { ctrlKey: true, shiftKey: true, code: 'KeyP' }), true)).toEqual({ type: 'reprintLast' });
    expect(shortcutFor(k('P', { metaKey: true, shiftKey: true }), false)).toEqual({ type: 'reprintLast' });
    expect(shortcutFor(k('π', { ctrlKey: true, shiftKey: true, code: 'KeyP' }), false)).toEqual({ type: 'reprintLast' });
    // Ctrl+P (print the page) and Ctrl+Alt+Shift+P are not it.
    expect(shortcutFor(k('p', { ctrlKey: true, code: 'KeyP' }), false)).toBeNull();
    expect(shortcutFor(k('P', { ctrlKey: true, shiftKey: true, altKey: true, code: 'KeyP' }), false)).toBeNull();
    expect(shortcutFor(k('P', { shiftKey: true, code: 'KeyP' }), false)).toBeNull();
  });

  it('command barcodes name screens case-insensitively; others are not navigation', () => {
    expect(screenForCommand('PACK')).toBe('pack');
    expect(screenForCommand('settings')).toBe('settings');
    expect(screenForCommand('NEXT')).toBeNull();
  });
});
