// The renderer shell end to end in happy-dom against the real core (in-memory SQLite, in-process
// transport): first run, sign-in with core's lockout, user switch, navigation, language, theme,
// status, scanner, users, and what another window's changes do here.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { click, renderApp, signInWithPad } from './renderApp';
import { seedOutbox, startCore, USERS } from './realCore';

const { supervisor, packer, agent } = USERS;

const text = (id: string) => screen.getByTestId(id).textContent;

describe('first run', () => {
  it('asks for station name and first supervisor, checks the PINs, then opens the shell signed in', async () => {
    const app = await renderApp({ station: 'new' });
    expect(screen.getByTestId('screen-setup')).toBeTruthy();
    fireEvent.change(screen.getByTestId('setup-station-name'), { target: { value: 'Bench 7' } });
    fireEvent.change(screen.getByTestId('setup-name'), { target: { value: 'Jana Svobodová' } });
    fireEvent.change(screen.getByTestId('setup-pin'), { target: { value: '654321' } });
    fireEvent.change(screen.getByTestId('setup-pin2'), { target: { value: '654322' } });
    await click(screen.getByTestId('setup-submit'));
    expect(screen.getByText('The two PINs differ.')).toBeTruthy();
    expect(app.bridge.callsOf('station.setup')).toEqual([]);

    fireEvent.change(screen.getByTestId('setup-pin2'), { target: { value: '654321' } });
    await click(screen.getByTestId('setup-submit'));
    await screen.findByTestId('screen-pick');
    expect(app.bridge.callsOf('station.setup')).toEqual([{ stationName: 'Bench 7', name: 'Jana Svobodová', pin: '654321' }]);
    // Core stored it: the supervisor is signed in there, and the PIN signs her in again.
    expect((await app.api.call('station.state', {})).currentUser?.name).toBe('Jana Svobodová');
    expect(text('header-station')).toBe('Bench 7');
    expect(text('header-user')).toContain('Jana Svobodová');
    expect(text('header-user')).toContain('Supervisor');
  });

  it('refuses a supervisor PIN that is not 6 to 8 digits before calling main', async () => {
    const app = await renderApp({ station: 'new' });
    fireEvent.change(screen.getByTestId('setup-station-name'), { target: { value: 'B' } });
    fireEvent.change(screen.getByTestId('setup-name'), { target: { value: 'J' } });
    fireEvent.change(screen.getByTestId('setup-pin'), { target: { value: '1234' } });
    fireEvent.change(screen.getByTestId('setup-pin2'), { target: { value: '1234' } });
    await click(screen.getByTestId('setup-submit'));
    expect(screen.getByText('A supervisor PIN is 6 to 8 digits.')).toBeTruthy();
    expect(app.bridge.callsOf('station.setup')).toEqual([]);
    expect((await app.api.call('station.state', {})).needsSetup).toBe(true);
  });
});

describe('sign-in and user switch', () => {
  it('signs in with the on-screen pad; a packer lands on Pick', async () => {
    const app = await renderApp();
    expect(screen.getByTestId('screen-signin')).toBeTruthy();
    await signInWithPad('1111');
    await screen.findByTestId('screen-pick');
    expect(app.bridge.callsOf('station.signIn')).toEqual([{ pin: '1111' }]);
    expect(text('header-user')).toBe('Petra NovákováPacker');
    expect(app.audio.tones().some((t) => t.frequency > 1000)).toBe(true); // success beep
  });

  it('a wrong PIN shows a clear error, plays the error buzz and clears the PIN; typed digits then work', async () => {
    const app = await renderApp();
    await signInWithPad('5555');
    expect(await screen.findByTestId('signin-error')).toBeTruthy();
    expect(text('signin-error')).toBe('Wrong PIN. Please try again.');
    expect((screen.getByTestId('signin-pin') as HTMLInputElement).value).toBe('');
    const tones = app.audio.tones();
    expect(tones).toHaveLength(1);
    expect(tones[0]).toMatchObject({ type: 'sawtooth' });
    expect(tones[0]!.frequency).toBeLessThan(200);

    // A person typing the PIN on the keyboard (slowly) is not mistaken for a scanner.
    (screen.getByTestId('signin-pin') as HTMLInputElement).focus();
    app.type('2222');
    expect((screen.getByTestId('signin-pin') as HTMLInputElement).value).toBe('2222');
    app.key('Enter');
    await screen.findByTestId('screen-calls'); // an agent lands on Calls
    expect(screen.queryByTestId('signin-error')).toBeNull();
  });

  it('switch user signs the current user out and the next PIN signs the next user in', async () => {
    const app = await renderApp({ signedInPin: packer.pin });
    await screen.findByTestId('screen-pick');
    await click(screen.getByTestId('switch-user'));
    await screen.findByTestId('screen-signin');
    expect(app.bridge.callsOf('station.signOut')).toHaveLength(1);
    await signInWithPad(supervisor.pin);
    await screen.findByTestId('screen-pick');
    expect(text('header-user')).toBe('Jana SvobodováSupervisor');
  });

  it('repeated wrong PINs: core locks sign-in and the screen shows its seconds; the right PIN works once they pass', async () => {
    const app = await renderApp();
    let tries = 0;
    // However many failures core allows, it answers with a lockout before long.
    while (!/Try again in/.test(screen.queryByTestId('signin-error')?.textContent ?? '') && tries < 20) {
      await signInWithPad('5555');
      await screen.findByTestId('signin-error');
      tries++;
    }
    const last = app.bridge.calls.filter((c) => c.method === 'station.signIn').at(-1)!.result;
    expect(last?.ok).toBe(false);
    const seconds = (last as { error: { details: { retryAfterSeconds: number } } }).error.details.retryAfterSeconds;
    expect(seconds).toBeGreaterThan(0);
    expect(text('signin-error')).toBe(`Too many wrong PINs. Try again in ${seconds} s.`);
    expect(tries).toBeGreaterThan(1); // the first wrong PIN only says so

    // Locked in core, not in the screen: even the right PIN is refused until the time passes.
    await signInWithPad(packer.pin);
    await waitFor(() => expect(text('signin-error')).toMatch(/^Too many wrong PINs\. Try again in \d+ s\.$/));
    expect(screen.getByTestId('screen-signin')).toBeTruthy();
    app.core.clock.advance(seconds * 1000);
    await signInWithPad(packer.pin);
    await screen.findByTestId('screen-pick');
    expect(text('header-user')).toBe('Petra NovákováPacker');
  });

  it('an UNAUTHORIZED answer anywhere returns to sign-in', async () => {
    const app = await renderApp({ signedInPin: packer.pin });
    await click(screen.getByTestId('nav-settings'));
    // Another window signs out; this window acts before core's station.changed reaches it.
    app.bridge.holdEvents(true);
    await app.api.call('station.signOut', {});
    await click(screen.getByTestId('settings-theme-dark'));
    await screen.findByTestId('screen-signin');
    expect(app.bridge.calls.find((c) => c.method === 'settings.set')?.result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('a FORBIDDEN answer keeps the user signed in and says their role may not', async () => {
    const app = await renderApp({ signedInPin: supervisor.pin });
    await click(screen.getByTestId('nav-settings'));
    await click(screen.getByTestId('settings-tab-users'));
    // A packer takes over the bench in another window; this window still shows the supervisor's screen.
    app.bridge.holdEvents(true);
    await app.api.call('station.signIn', { pin: packer.pin });
    const adam = screen.getAllByTestId('user-row').find((r) => r.textContent?.includes('Adam'))!;
    await click(within(adam).getByTestId('user-deactivate'));
    await waitFor(() => expect(screen.getAllByTestId('toast').map((t) => t.textContent)).toContain('Your role may not do this.×'));
    expect(app.bridge.callsOf('station.updateUser')).toHaveLength(1);
    expect(screen.queryByTestId('screen-signin')).toBeNull();
    expect(screen.getByTestId('screen-settings')).toBeTruthy();
    expect(app.audio.tones().filter((t) => t.type === 'sawtooth')).toHaveLength(1);
    // Adam is still active in core, and the held events then show who is signed in now.
    expect((await app.api.call('station.state', {})).users.find((u) => u.name === 'Adam Dvořák')?.active).toBe(true);
    act(() => app.bridge.holdEvents(false));
    await waitFor(() => expect(text('header-user')).toBe('Petra NovákováPacker'));
  });
});

describe('navigation', () => {
  it('moves between screens by click, F-keys and Alt+digit, and marks the current one', async () => {
    const app = await renderApp({ signedInPin: supervisor.pin });
    await click(screen.getByTestId('nav-sync'));
    expect(screen.getByTestId('screen-sync')).toBeTruthy();
    expect(screen.getByTestId('nav-sync').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-pick').getAttribute('aria-current')).toBeNull();
    expect(app.key('F2').prevented).toBe(true);
    expect(screen.getByTestId('screen-pack')).toBeTruthy();
    app.key('3', { altKey: true, code: 'Digit3' });
    expect(screen.getByTestId('screen-calls')).toBeTruthy();
    app.key('F5');
    expect(screen.getByTestId('screen-settings')).toBeTruthy();
    app.key('F1');
    expect(screen.getByTestId('screen-pick')).toBeTruthy();
    // Each nav item shows its key.
    expect(screen.getByTestId('nav-pack').textContent).toBe('PackF2');
  });

  it('? opens the shortcut help, Escape closes it; ? typed in a field is just a character', async () => {
    const app = await renderApp({ signedInPin: supervisor.pin });
    app.key('?');
    expect(screen.getByTestId('help-overlay').textContent).toContain('Alt+4');
    // the keys of each screen, in words
    expect(screen.getByTestId('help-keys-pick').textContent).toContain('F8Short pick (with a reason)');
    expect(screen.getByTestId('help-keys-pack').textContent).toContain('F11Take the last item back out');
    expect(screen.getByTestId('help-keys-calls').textContent).toContain('Ctrl+EnterSave the note');
    app.key('Escape');
    expect(screen.queryByTestId('help-overlay')).toBeNull();
    await click(screen.getByTestId('nav-settings'));
    await click(screen.getByTestId('settings-tab-users'));
    const name = screen.getByTestId('user-add-name') as HTMLInputElement;
    name.focus();
    app.key('?');
    expect(screen.queryByTestId('help-overlay')).toBeNull();
    expect(name.value).toBe('?');
  });

});

describe('language and theme', () => {
  it('switches the whole UI to Czech through settings.set', async () => {
    const app = await renderApp({ signedInPin: agent.pin });
    await click(screen.getByTestId('nav-settings'));
    await act(async () => {
      fireEvent.change(screen.getByTestId('settings-language'), { target: { value: 'cs' } });
    });
    await waitFor(() => expect(text('nav-pack')).toBe('BaleníF2'));
    expect(app.bridge.callsOf('settings.set')).toEqual([{ language: 'cs' }]);
    expect(document.documentElement.lang).toBe('cs');
    expect(text('nav-settings')).toBe('NastaveníF5');
    expect(text('header-user')).toBe('Adam DvořákOperátor');
    expect(text('switch-user')).toBe('Přepnout uživatele');
  });

  it('applies light and dark themes to <html>', async () => {
    const app = await renderApp({ signedInPin: packer.pin });
    expect(document.documentElement.dataset.theme).toBe('light'); // system, and the test system is light
    await click(screen.getByTestId('nav-settings'));
    await click(screen.getByTestId('settings-theme-dark'));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(screen.getByTestId('settings-theme-dark').getAttribute('aria-pressed')).toBe('true');
    await click(screen.getByTestId('settings-theme-light'));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    expect((await app.api.call('settings.get', {})).theme).toBe('light');
  });

  it('changing one setting keeps the others (theme survives a language change)', async () => {
    const app = await renderApp({ signedInPin: packer.pin });
    await click(screen.getByTestId('nav-settings'));
    await click(screen.getByTestId('settings-theme-dark'));
    await act(async () => {
      fireEvent.change(screen.getByTestId('settings-language'), { target: { value: 'cs' } });
    });
    await waitFor(() => expect(app.bridge.callsOf('settings.set')).toHaveLength(2));
    expect(await app.api.call('settings.get', {})).toMatchObject({ language: 'cs', theme: 'dark' });
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('saves scanner timing once typing stops, refusing values outside the contract range', async () => {
    const app = await renderApp({ signedInPin: packer.pin });
    await click(screen.getByTestId('nav-settings'));
    const gap = screen.getByTestId('settings-scanner-gap') as HTMLInputElement;
    expect(gap.value).toBe('35');
    fireEvent.change(gap, { target: { value: '500' } });
    expect(screen.getByText('Enter a whole number from 5 to 200.')).toBeTruthy();
    fireEvent.change(gap, { target: { value: '60' } });
    await waitFor(() => expect(app.bridge.callsOf('settings.set')).toEqual([{ scannerMaxGapMs: 60 }]));
    expect((await app.api.call('settings.get', {})).scannerMaxGapMs).toBe(60);
    expect(gap.value).toBe('60');
  });

  it('follows settings changed in another window (settings.changed)', async () => {
    const app = await renderApp({ signedInPin: packer.pin });
    await act(async () => void (await app.api.call('settings.set', { language: 'cs', theme: 'dark' })));
    await waitFor(() => expect(text('nav-pick')).toBe('VychystáváníF1'));
    expect(document.documentElement.dataset.theme).toBe('dark');
  });
});

describe('status', () => {
  it('shows connectivity and outbox counts from system.status and the transport', async () => {
    const app = await renderApp({ signedInPin: packer.pin });
    // Nothing configured yet: the station works local only, and never claims "Online".
    expect(screen.getByTestId('header-online').dataset.state).toBe('local');
    expect(text('header-online')).toBe('Local only');
    // A supervisor elsewhere configures a remote: core republishes system.status.
    await act(() => app.core.core.connections.save({ remote: 'ultracart', baseUrl: 'http://127.0.0.1:9/ultracart/rest/v2', secrets: { simpleKey: 'k' } }, null));
    // Never "Online" for a remote it has not heard from; its first answer makes it so.
    await waitFor(() => expect(screen.getByTestId('header-online').dataset.state).toBe('connecting'));
    expect(text('header-online')).toBe('Connecting…');
    act(() => app.core.core.sync.reachability.succeeded('ultracart'));
    await waitFor(() => expect(screen.getByTestId('header-online').dataset.state).toBe('online'));
    expect(text('outbox-pending')).toBe('0');
    seedOutbox(app.core.core, 12, 2);
    act(() => app.core.connectivity.set(false)); // core publishes system.status with the outbox counts
    expect(screen.getByTestId('header-online').dataset.state).toBe('offline');
    expect(text('header-online')).toBe('Offline');
    expect(text('outbox-pending')).toBe('12');
    expect(text('outbox-dead')).toBe('2');
    await click(screen.getByTestId('nav-sync'));
    expect(text('sync-pending')).toBe('12');
    expect(text('sync-dead')).toBe('2');

    act(() => app.connection.set(false));
    expect(screen.getByTestId('header-online').dataset.state).toBe('disconnected');
    const statusCalls = app.bridge.callsOf('system.status').length;
    // While the link is down core's events are lost: the machine comes back online, one more op queues.
    app.bridge.dropEvents(true);
    app.core.connectivity.set(true);
    seedOutbox(app.core.core, 1);
    app.bridge.dropEvents(false);
    expect(screen.getByTestId('header-online').dataset.state).toBe('disconnected');
    act(() => app.connection.set(true));
    // Reconnecting refetches.
    await waitFor(() => expect(text('outbox-pending')).toBe('13'));
    expect(app.bridge.callsOf('system.status').length).toBe(statusCalls + 1);
    expect(screen.getByTestId('header-online').dataset.state).toBe('online');
  });

  it('shows a retry screen when the service does not answer at start', async () => {
    const core = await startCore({ signedInPin: packer.pin });
    const inner = core.window();
    let up = false;
    const flaky = {
      invoke: (m: string, i: unknown) =>
        up ? inner.invoke(m, i) : Promise.resolve({ ok: false as const, error: { code: 'UNAVAILABLE' as const, message: 'down' } }),
      on: inner.on.bind(inner),
    };
    await renderApp({ core, bridge: flaky });
    expect(screen.getByTestId('screen-boot-error')).toBeTruthy();
    up = true;
    await click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('screen-pick');
  });
});

describe('scanner in the app', () => {
  it('lists scans on Pick with the exact code, GS kept, newest first, and answers each with a sound', async () => {
    const app = await renderApp({ signedInPin: packer.pin });
    app.scan('8594001234567');
    app.scan('0104012345678901\x1d10LOT42');
    const items = screen.getAllByTestId('scan-item').map((e) => e.textContent);
    expect(items).toEqual(['0104012345678901\x1d10LOT42', '8594001234567']);
    expect(within(screen.getByTestId('scan-list')).getByText('GS1')).toBeTruthy();
    // the pick lists screen takes a scan as a list number: these are none, so the error buzz
    await waitFor(() => expect(app.audio.tones().filter((t) => t.frequency === 140).length).toBeGreaterThanOrEqual(2));
  });

  it('a scan with a nav button focused does not press it; CMD:PACK navigates', async () => {
    const app = await renderApp({ signedInPin: packer.pin });
    screen.getByTestId('nav-settings').focus();
    app.scan('4006381333931');
    expect(screen.getByTestId('screen-pick')).toBeTruthy();
    expect(screen.getAllByTestId('scan-item').map((e) => e.textContent)).toEqual(['4006381333931']);
    app.scan('CMD:PACK');
    expect(screen.getByTestId('screen-pack')).toBeTruthy();
    expect(screen.getAllByTestId('toast').some((t) => t.textContent?.includes('Command barcode: Pack'))).toBe(true);
  });

  it('a scan into a focused form field leaves the field as it was', async () => {
    const app = await renderApp({ signedInPin: supervisor.pin });
    await click(screen.getByTestId('nav-settings'));
    await click(screen.getByTestId('settings-tab-users'));
    const name = screen.getByTestId('user-add-name') as HTMLInputElement;
    name.focus();
    app.type('Eva');
    app.scan('8594001234567');
    expect(name.value).toBe('Eva');
    app.type(' K');
    expect(name.value).toBe('Eva K');
    await click(screen.getByTestId('nav-pick'));
    expect(screen.getAllByTestId('scan-item').map((e) => e.textContent)).toEqual(['8594001234567']);
  });

  it('20 scans per second for 2.5 s: all 50 listed exactly, in order', async () => {
    const app = await renderApp({ signedInPin: packer.pin });
    const codes = Array.from({ length: 50 }, (_, i) => `P${String(i * 37).padStart(6, '0')}`);
    const start = app.clock.now;
    codes.forEach((code, i) => {
      app.clock.now = start + i * 50;
      for (const [k, c] of [...code].entries()) {
        app.clock.now += 2 + (k % 4); // 2–5 ms
        act(() => fireKey(c));
      }
      app.clock.now += 2;
      act(() => fireKey('Enter'));
    });
    expect(app.clock.now - start).toBeLessThan(2500);
    expect(screen.getAllByTestId('scan-item').map((e) => e.textContent)).toEqual([...codes].reverse());
  });
});

function fireKey(key: string) {
  const target = document.activeElement ?? document.body;
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }));
}

describe('users (supervisor)', () => {
  it('adds a user, refuses a PIN already in use, deactivates a user', async () => {
    const app = await renderApp({ signedInPin: supervisor.pin });
    await click(screen.getByTestId('nav-settings'));
    await click(screen.getByTestId('settings-tab-users'));
    expect(screen.getAllByTestId('user-row')).toHaveLength(3);

    fireEvent.change(screen.getByTestId('user-add-name'), { target: { value: 'Eva Králová' } });
    fireEvent.change(screen.getByTestId('user-add-role'), { target: { value: 'agent' } });
    fireEvent.change(screen.getByTestId('user-add-pin'), { target: { value: '1111' } });
    await click(screen.getByTestId('user-add-submit'));
    expect(await screen.findByText('This PIN is already used by someone else. Choose another.')).toBeTruthy();

    fireEvent.change(screen.getByTestId('user-add-pin'), { target: { value: '3333' } });
    await click(screen.getByTestId('user-add-submit'));
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(4));
    expect(app.bridge.callsOf('station.createUser')).toContainEqual({ name: 'Eva Králová', role: 'agent', pin: '3333' });
    expect(screen.getAllByTestId('toast').some((t) => t.textContent?.includes('Eva Králová'))).toBe(true);

    const petra = screen.getAllByTestId('user-row').find((r) => r.textContent?.includes('Petra'))!;
    await click(within(petra).getByTestId('user-deactivate'));
    await waitFor(() => expect(petra.textContent).toContain('Deactivated'));
    expect((await app.api.call('station.state', {})).users.find((u) => u.name === 'Petra Nováková')?.active).toBe(false);
    // The supervisor cannot deactivate themself.
    const me = screen.getAllByTestId('user-row').find((r) => r.textContent?.includes('(you)'))!;
    expect((within(me).getByTestId('user-deactivate') as HTMLButtonElement).disabled).toBe(true);
  });

  it('a user added or changed in another window appears here (station.changed)', async () => {
    const app = await renderApp({ signedInPin: supervisor.pin });
    await click(screen.getByTestId('nav-settings'));
    await click(screen.getByTestId('settings-tab-users'));
    expect(screen.getAllByTestId('user-row')).toHaveLength(3);
    const eva = await act(async () => app.api.call('station.createUser', { name: 'Eva Králová', role: 'agent', pin: '3333' }));
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(4));
    expect(screen.getAllByTestId('user-row').map((r) => r.textContent)).toContainEqual(expect.stringContaining('Eva Králová'));
    await act(async () => void (await app.api.call('station.updateUser', { id: eva.id, active: false })));
    const row = screen.getAllByTestId('user-row').find((r) => r.dataset.userId === eva.id)!;
    await waitFor(() => expect(row.textContent).toContain('Deactivated'));
    expect(app.bridge.callsOf('station.createUser')).toEqual([]); // this window only listened
  });

  it('packers and agents do not see the Users tab', async () => {
    await renderApp({ signedInPin: packer.pin });
    await click(screen.getByTestId('nav-settings'));
    expect(screen.queryByTestId('settings-tab-users')).toBeNull();
    expect(screen.getByTestId('settings-tab-general')).toBeTruthy();
    expect(screen.getByTestId('settings-tab-printers')).toBeTruthy();
  });
});
