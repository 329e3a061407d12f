// Scans the app must answer: every command printed on the command sheet (and the navigation
// ones), unknown commands, and badge codes that sign a user in or switch to them.
// The badge half of station.signIn ({ badge }) lands on the station branch; here a thin bridge
// maps a badge to its user's PIN in front of the contract-checked fake.
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RpcResult } from '../../src-preload/contract';
import { commandCode, NAV_COMMANDS, SHEET_COMMANDS } from '../../src-preload/scanning';
import { FakeBridge, type FakeBridgeOptions } from './fakeBridge';
import { renderApp } from './renderApp';

const ERROR_HZ = 140; // the error buzz (sound/tones.ts); the success beep is above 1 kHz

const toasts = () => screen.queryAllByTestId('toast').map((t) => t.textContent ?? '');
const badgeOf = (seed: string) => `BADGE:${(seed.toUpperCase().replace(/[^A-Z]/g, '') + 'A'.repeat(26)).slice(0, 26)}`;

class BadgeBridge extends FakeBridge {
  readonly badges = new Map<string, string>();
  readonly badgeCalls: string[] = [];
  constructor(opts: FakeBridgeOptions, badges: Record<string, string>) {
    super(opts);
    for (const [badge, pin] of Object.entries(badges)) this.badges.set(badge, pin);
  }
  override async invoke(method: string, input: unknown): Promise<RpcResult<unknown>> {
    if (method === 'station.signIn' && typeof input === 'object' && input !== null && 'badge' in input) {
      const badge = String((input as { badge: unknown }).badge);
      this.badgeCalls.push(badge);
      if (!this.badges.has(badge)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Unknown badge' } };
      return super.invoke(method, { pin: this.badges.get(badge) });
    }
    return super.invoke(method, input);
  }
}

describe('command sheet codes in the app', () => {
  it('every sheet command gets an answer on Pick: REPRINT reprints, the rest say they are not available yet, with the error sound', async () => {
    const app = await renderApp({ signedInPin: '1111' });
    for (const command of SHEET_COMMANDS) {
      const code = commandCode(command);
      const before = app.audio.tones().filter((t) => t.frequency === ERROR_HZ).length;
      const lastJobCalls = app.bridge.callsOf('printing.lastJob').length;
      app.scan(code);
      if (command === 'REPRINT') {
        // Same as Ctrl+Shift+P: asks for the station's last job (none yet: says so, error sound).
        await waitFor(() => expect(app.bridge.callsOf('printing.lastJob').length).toBe(lastJobCalls + 1));
        await waitFor(() => expect(toasts().some((t) => t.includes('Nothing has been printed on this station yet.'))).toBe(true));
      } else {
        await waitFor(() => expect(toasts().some((t) => t.includes(`${code} is not available here yet`)), code).toBe(true));
      }
      await waitFor(() => expect(app.audio.tones().filter((t) => t.frequency === ERROR_HZ).length, code).toBeGreaterThan(before));
      expect(screen.getByTestId('screen-pick')).toBeTruthy();
    }
    // Each command was listed as a command, none as an ordinary code.
    expect(screen.getAllByTestId('scan-item').map((e) => e.textContent)).toEqual(SHEET_COMMANDS.map(commandCode).reverse());
  });

  it('navigation commands switch screens; an unknown command says so', async () => {
    const app = await renderApp({ signedInPin: '9999' });
    for (const command of NAV_COMMANDS) {
      app.scan(commandCode(command));
      expect(screen.getByTestId(`screen-${command.toLowerCase()}`)).toBeTruthy();
    }
    app.scan('CMD:FOO');
    await waitFor(() => expect(toasts().some((t) => t.includes('CMD:FOO is not a Dockside command'))).toBe(true));
    expect(app.audio.tones().some((t) => t.frequency === ERROR_HZ)).toBe(true);
  });

  it('in Czech too', async () => {
    const app = await renderApp({ signedInPin: '1111' });
    await act(async () => void (await app.bridge.invoke('settings.set', { language: 'cs' })));
    await waitFor(() => expect(document.documentElement.lang).toBe('cs'));
    app.scan('CMD:SHORT');
    await waitFor(() => expect(toasts().some((t) => t.includes('CMD:SHORT tu zatím není k dispozici'))).toBe(true));
  });

  it('before anyone signs in, a command asks to sign in first (error sound), and does nothing', async () => {
    const app = await renderApp();
    expect(screen.getByTestId('screen-signin')).toBeTruthy();
    app.scan('CMD:PACK');
    await waitFor(() => expect(toasts().some((t) => t.includes('CMD:PACK: sign in first'))).toBe(true));
    expect(app.audio.tones().some((t) => t.frequency === ERROR_HZ)).toBe(true);
    expect(screen.getByTestId('screen-signin')).toBeTruthy();
  });
});

describe('badge sign-in', () => {
  const PETRA = badgeOf('petra');
  const JANA = badgeOf('jana');

  it('on the sign-in screen, a scanned badge signs its owner in', async () => {
    const bridge = new BadgeBridge({}, { [PETRA]: '1111' });
    const app = await renderApp({ bridge });
    app.scan(PETRA);
    await screen.findByTestId('screen-pick');
    expect(bridge.badgeCalls).toEqual([PETRA]);
    expect(screen.getByTestId('header-user').textContent).toContain('Petra');
  });

  it('while someone is signed in, another badge switches user; a badge is never listed', async () => {
    const bridge = new BadgeBridge({ signedInPin: '1111' }, { [JANA]: '999999', [PETRA]: '1111' });
    bridge.users.find((u) => u.role === 'supervisor')!.pin = '999999';
    const app = await renderApp({ bridge });
    expect(screen.getByTestId('header-user').textContent).toContain('Petra');
    app.scan(JANA);
    await waitFor(() => expect(screen.getByTestId('header-user').textContent).toContain('Jana'));
    expect(bridge.badgeCalls).toEqual([JANA]);
    expect(screen.queryAllByTestId('scan-item').map((e) => e.textContent)).toEqual([]);
  });

  it('an unknown badge leaves the signed-in user signed in, with a toast and the error sound', async () => {
    const bridge = new BadgeBridge({ signedInPin: '1111' }, {});
    const app = await renderApp({ bridge });
    app.scan(badgeOf('stranger'));
    await waitFor(() => expect(toasts().some((t) => t.includes('This badge is not valid on this station.'))).toBe(true));
    expect(app.audio.tones().some((t) => t.frequency === ERROR_HZ)).toBe(true);
    expect(screen.getByTestId('screen-pick')).toBeTruthy();
    expect(screen.getByTestId('header-user').textContent).toContain('Petra');
  });
});
