// Turns a keyboard event's fields into what the scan decoder cares about. Pure: no DOM types,
// so the decoder and its tests run anywhere.

/** The fields of a KeyboardEvent the decoder needs (a real KeyboardEvent satisfies this). */
export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  repeat?: boolean;
  isComposing?: boolean;
}

export type ScanKey =
  /** One character of a possible scan (GS1 FNC1 arrives as GS, \x1d). */
  | { kind: 'char'; char: string }
  /** Enter or Tab: ends a scanner burst. */
  | { kind: 'terminator'; key: 'Enter' | 'Tab' }
  /** A modifier on its own: scanners press Shift for capitals, so it must not break a burst. */
  | { kind: 'modifier' }
  /** Anything else (arrows, Backspace, F-keys, shortcuts, held keys): a person is at the keyboard. */
  | { kind: 'other' };

export const GS = '\x1d';

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'OS']);

export function classifyKey(e: KeyLike): ScanKey {
  if (e.isComposing) return { kind: 'other' };
  if (MODIFIERS.has(e.key)) return { kind: 'modifier' };
  // Auto-repeat of a held key comes at ~30 ms and would look like a burst.
  if (e.repeat) return { kind: 'other' };
  // Wedge scanners send GS either as the raw character or as Ctrl+] (its ASCII control chord).
  if (e.key === GS) return { kind: 'char', char: GS };
  if (e.ctrlKey && !e.altKey && !e.metaKey && e.key === ']') return { kind: 'char', char: GS };
  if (e.key === 'Enter' || e.key === 'Tab') {
    if (e.ctrlKey || e.altKey || e.metaKey) return { kind: 'other' };
    return { kind: 'terminator', key: e.key };
  }
  // AltGr on European layouts reports ctrl+alt together for ordinary characters (@, €, …).
  const altGr = e.ctrlKey === true && e.altKey === true;
  if ((e.ctrlKey || e.metaKey || e.altKey) && !altGr) return { kind: 'other' };
  if ([...e.key].length === 1) return { kind: 'char', char: e.key };
  return { kind: 'other' };
}
