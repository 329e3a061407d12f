// Scans the app must answer: every command printed on the command sheet (and the navigation
// ones), unknown commands, and badge codes that sign a user in or switch to them — against the
// real core, so a badge is one that core issued.
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { commandCode, NAV_COMMANDS, SHEET_COMMANDS } from '../../src-preload/scanning';
import { startCore, type UiCore } from './realCore';
import { renderApp } from './renderApp';

const ERROR_HZ = 140; // the error buzz (sound/tones.ts); the success beep is above 1 kHz

const toasts = () => screen.queryAllByTestId('toast').map((t) => t.textContent ?? '');

/** Core issues a badge for the user called `name` (as Settings → Users does before printing it). */
async function badgeFor(core: UiCore, name: string): Promise<string> {
  await core.api.call('station.signIn', { pin: '999999' });
  const user = (await core.api.call('station.state', {})).users.find((u) => u.name.startsWith(name))!;
  const { code } = await core.api.call('station.issueBadge', { userId: user.id });
  await core.api.call('station.signOut', {});
  return code;
}

describe('command sheet codes in the app', () => {
  it('every sheet command gets an answer on Pick: REPRINT reprints, the rest (on the pick-lists screen) say they do nothing here, with the error sound', async () => {
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
        await waitFor(() => expect(toasts().some((t) => t.includes(`${code} does nothing on this screen`)), code).toBe(true));
      }
      await waitFor(() => expect(app.audio.tones().filter((t) => t.frequency === ERROR_HZ).length, code).toBeGreaterThan(before));
      expect(screen.getByTestId('screen-pick')).toBeTruthy();
    }
    // Each command was listed as a command, none as an ordinary code.
    expect(screen.getAllByTestId('scan-item').map((e) => e.textContent)).toEqual(SHEET_COMMANDS.map(commandCode).reverse());
  });

  it('navigation commands switch screens; an unknown command says so', async () => {
    const app = await renderApp({ signedInPin: '999999' });
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
    await waitFor(() => expect(toasts().some((t) => t.includes('CMD:SHORT na této obrazovce nic nedělá'))).toBe(true));
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
  it('on the sign-in screen, a scanned badge signs its owner in', async () => {
    const core = await startCore();
    const petra = await badgeFor(core, 'Petra');
    const app = await renderApp({ core });
    app.scan(petra);
    await screen.findByTestId('screen-pick');
    expect(app.bridge.callsOf('station.signIn')).toEqual([{ badge: petra }]);
    expect(screen.getByTestId('header-user').textContent).toContain('Petra');
  });

  it('while someone is signed in, another badge switches user; a badge is never listed', async () => {
    const core = await startCore();
    const jana = await badgeFor(core, 'Jana');
    await core.api.call('station.signIn', { pin: '1111' });
    const app = await renderApp({ core });
    expect(screen.getByTestId('header-user').textContent).toContain('Petra');
    app.scan(jana);
    await waitFor(() => expect(screen.getByTestId('header-user').textContent).toContain('Jana'));
    expect(app.bridge.callsOf('station.signIn')).toEqual([{ badge: jana }]);
    expect(screen.queryAllByTestId('scan-item').map((e) => e.textContent)).toEqual([]);
  });

  it('an unknown or revoked badge leaves the signed-in user signed in, with a toast and the error sound', async () => {
    const core = await startCore();
    const revoked = await badgeFor(core, 'Adam');
    await badgeFor(core, 'Adam'); // a new badge revokes the first
    await core.api.call('station.signIn', { pin: '1111' });
    const app = await renderApp({ core });
    app.scan(revoked);
    await waitFor(() => expect(toasts().some((t) => t.includes('This badge is not valid on this station.'))).toBe(true));
    expect(app.audio.tones().some((t) => t.frequency === ERROR_HZ)).toBe(true);
    expect(screen.getByTestId('screen-pick')).toBeTruthy();
    expect(screen.getByTestId('header-user').textContent).toContain('Petra');
  });
});
