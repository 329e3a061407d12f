import { beforeEach, describe, expect, test, vi } from 'vitest';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { DEFAULT_CALL_HOTKEYS, phoneInText, readSelectedText, registerCallHotkeys } from '../../../src-main/electron/callHotkeys';
import { fake, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

beforeEach(() => resetFake());
const settle = () => new Promise((r) => setImmediate(r));

function setup(platform: NodeJS.Platform = 'linux') {
  const calls: string[] = [];
  const hotkeys = registerCallHotkeys({
    globalShortcut: fake.globalShortcut,
    app: fake.app as never,
    clipboard: fake.clipboard,
    platform,
    handlers: {
      openCard: () => calls.push('openCard'),
      hangupNote: () => calls.push('hangupNote'),
      lookup: (n) => calls.push(`lookup ${n}`),
      noNumberSelected: () => calls.push('none'),
    },
    logger: memoryLogger(),
  });
  return { hotkeys, calls };
}

describe('a number in the selection', () => {
  test('found in text around it, in the forms people write', () => {
    expect(phoneInText('Call +420 777 123 456 today')).toBe('+420 777 123 456');
    expect(phoneInText('tel: 00420-777-123-456')).toBe('00420-777-123-456');
    expect(phoneInText('(602) 555 0101')).toBe('(602) 555 0101');
    expect(phoneInText('777123456')).toBe('777123456');
  });
  test('none in words, dates of too few digits or order numbers too long to dial', () => {
    expect(phoneInText('Jan Novák')).toBeNull();
    expect(phoneInText('12.3.')).toBeNull();
    expect(phoneInText('1234567890123456789')).toBeNull();
  });
  test('Linux reads the highlighted text (primary selection) before the clipboard; others the clipboard', async () => {
    fake.clipboard.text = { clipboard: 'copied 111 222 333', selection: ' highlighted 777 123 456 ' };
    expect(await readSelectedText(fake.clipboard, 'linux')).toBe('highlighted 777 123 456');
    expect(await readSelectedText(fake.clipboard, 'win32')).toBe('copied 111 222 333');
    fake.clipboard.reads = [];
    await readSelectedText(fake.clipboard, 'darwin');
    expect(fake.clipboard.reads).toEqual(['clipboard']);
    fake.clipboard.text.selection = '';
    expect(await readSelectedText(fake.clipboard, 'linux')).toBe('copied 111 222 333');
  });
});

describe('global call hotkeys', () => {
  test('all three registered; each key runs its action', async () => {
    const { hotkeys, calls } = setup();
    expect([...fake.globalShortcut.registered.keys()].sort()).toEqual(Object.values(DEFAULT_CALL_HOTKEYS).sort());
    expect(hotkeys.refused).toEqual([]);
    fake.globalShortcut.press(DEFAULT_CALL_HOTKEYS.openCard);
    fake.globalShortcut.press(DEFAULT_CALL_HOTKEYS.hangupNote);
    fake.clipboard.text.selection = 'Volal +420 777 123 456';
    fake.globalShortcut.press(DEFAULT_CALL_HOTKEYS.lookupSelection);
    await settle();
    fake.clipboard.text.selection = 'no number here';
    fake.globalShortcut.press(DEFAULT_CALL_HOTKEYS.lookupSelection);
    await settle();
    expect(calls).toEqual(['openCard', 'hangupNote', 'lookup +420 777 123 456', 'none']);
  });

  test('a key another app holds is reported, the others still work', async () => {
    fake.globalShortcut.takenByOthers.add(DEFAULT_CALL_HOTKEYS.hangupNote);
    const { hotkeys, calls } = setup();
    expect(hotkeys.refused).toEqual(['hangupNote']);
    expect(hotkeys.registered).not.toContain(DEFAULT_CALL_HOTKEYS.hangupNote);
    fake.globalShortcut.press(DEFAULT_CALL_HOTKEYS.openCard);
    await settle();
    expect(calls).toEqual(['openCard']);
  });

  test('released when the app quits, and only ours', () => {
    fake.globalShortcut.register('Ctrl+F12', () => {});
    setup();
    fake.app.emit('will-quit');
    expect([...fake.globalShortcut.registered.keys()]).toEqual(['Ctrl+F12']);
    expect(fake.app.listenerCount('will-quit')).toBe(0);
  });

  test('dispose before quit releases them too, once', () => {
    const { hotkeys } = setup();
    hotkeys.dispose();
    hotkeys.dispose();
    expect(fake.globalShortcut.registered.size).toBe(0);
  });
});
