// Every code printed on the command sheet is one the renderer recognises and answers: the sheet
// is rendered by the real template, each barcode classified by the shared vocabulary and routed
// by the renderer's scan routing (pure), signed in, with no screen claiming work commands
// (nothing is built yet) and with one that does.
import { describe, expect, it } from 'vitest';
import { commandSheet, defaultCommands } from '../../../src-main/core/printing/templates/commandSheet';
import { classify, FLOW_COMMANDS, NAV_COMMANDS, SHEET_COMMANDS } from '../../../src-preload/scanning';
import { routeScan } from '../../../src-renderer/src/scanner/route';
import { screenForCommand } from '../../../src-renderer/src/shell/shortcuts';
import { SCREENS } from '../../../src-renderer/src/shell/uiStore';

function printedCodes(lang: 'en' | 'cs'): string[] {
  const layout = commandSheet({ lang, paper: 'A4' });
  return layout.pages.flat().flatMap((el) => (el.type === 'barcode' ? [el.data] : []));
}

describe('command sheet ↔ scanning vocabulary', () => {
  it('prints exactly the shared sheet commands, in both languages', () => {
    for (const lang of ['en', 'cs'] as const) {
      expect(printedCodes(lang)).toEqual(SHEET_COMMANDS.map((c) => `CMD:${c}`));
      expect(defaultCommands(lang).map((c) => c.code)).toEqual(printedCodes(lang));
    }
  });

  it('each printed code is a known command and gets an answer (never silently delivered)', () => {
    const codes = printedCodes('en');
    expect(codes.length).toBe(8);
    for (const code of codes) {
      const scan = classify(code);
      expect(scan, code).toMatchObject({ kind: 'command', known: true });
      const unclaimed = routeScan(scan, { needsSetup: false, signedIn: true, isClaimed: () => false });
      expect(unclaimed, code).toEqual({ type: 'refuse', reason: 'commandNotHere', command: code.slice(4) });
      const claimed = routeScan(scan, { needsSetup: false, signedIn: true, isClaimed: () => true });
      expect(claimed, code).toEqual({ type: 'runCommand', command: code.slice(4) });
      const signedOut = routeScan(scan, { needsSetup: false, signedIn: false, isClaimed: () => true });
      expect(signedOut.type, code).toBe('refuse');
    }
  });

  it('navigation commands and the renderer screens are the same set', () => {
    expect(NAV_COMMANDS.map((c) => screenForCommand(c))).toEqual([...SCREENS]);
    for (const c of FLOW_COMMANDS) expect(screenForCommand(c)).toBeNull();
    for (const c of NAV_COMMANDS) {
      expect(routeScan(classify(`CMD:${c}`), { needsSetup: false, signedIn: true, isClaimed: () => false })).toEqual({ type: 'navigate', screen: c.toLowerCase() });
    }
  });

  it('unknown commands and badges are answered too', () => {
    expect(routeScan(classify('CMD:FOO'), { needsSetup: false, signedIn: true, isClaimed: () => true })).toEqual({ type: 'refuse', reason: 'unknownCommand', command: 'FOO' });
    const badge = `BADGE:${'A'.repeat(26)}`;
    expect(routeScan(classify(badge), { needsSetup: false, signedIn: true, isClaimed: () => false })).toEqual({ type: 'signIn', badge });
    expect(routeScan(classify(badge), { needsSetup: false, signedIn: false, isClaimed: () => false })).toEqual({ type: 'signIn', badge });
    expect(routeScan(classify(badge), { needsSetup: true, signedIn: false, isClaimed: () => false })).toEqual({ type: 'refuse', reason: 'setupFirst' });
    expect(routeScan(classify('4006381333931'), { needsSetup: false, signedIn: true, isClaimed: () => false })).toEqual({ type: 'deliver' });
  });
});
