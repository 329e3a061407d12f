// Demo and training mode in the real renderer against the real core and an in-process simulator
// the "host" starts (createDemoHost, as web mode and Electron do): the first-run choice turns a new
// station into a demo with the DEMO marker on every screen, and a supervisor's Training panel rings
// calls, takes a remote offline and back, and injects and clears faults in the simulator.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src-main/core/log/logger';
import { createDemoHost, type DemoHost } from '../../src-main/host/demo';
import { SCREENS } from '../../src-renderer/src/shell/uiStore';
import { tempDir } from '../helpers/tmp';
import { click, renderApp, signInWithPad } from './renderApp';
import { startCore, USERS } from './realCore';

let host: DemoHost;
let removeDir: () => void;
beforeEach(() => {
  const { dir, cleanup } = tempDir('dockside-demo-ui-');
  removeDir = cleanup;
  host = createDemoHost({ dataDir: dir, logger: memoryLogger('warn') });
  // Core runs in this DOM test's process: let happy-dom's fetch reach the simulator's loopback port.
  (window as unknown as { happyDOM: { settings: { fetch: { disableSameOriginPolicy: boolean } } } }).happyDOM.settings.fetch.disableSameOriginPolicy = true;
});
afterEach(async () => {
  await host.close();
  removeDir();
});

const toasts = () => screen.queryAllByTestId('toast').map((t) => t.textContent ?? '');

describe('first-run choice', () => {
  it('a new station offers "Try it with sample data" beside the real set-up; choosing it leads to sign-in with the demo PINs and DEMO on every screen', async () => {
    await renderApp({ station: 'new', coreOptions: { demoPort: host.port } });
    const choice = await screen.findByTestId('demo-choice');
    expect(within(choice).getByText(/999999/)).toBeTruthy();
    expect(screen.getByTestId('setup-submit')).toBeTruthy(); // the real set-up stays right there
    expect(screen.queryByTestId('demo-badge')).toBeNull();

    await click(screen.getByTestId('demo-start'));
    await screen.findByTestId('screen-signin');
    await waitFor(() => expect(screen.getByTestId('demo-badge').textContent).toBe('DEMO')); // sign-in says so too
    expect(host.running()).not.toBeNull();
    expect(toasts().some((t) => t.includes('Demo station ready'))).toBe(true);

    await signInWithPad(USERS.supervisor.pin);
    await screen.findByTestId('screen-pick');
    for (const s of SCREENS) {
      await click(screen.getByTestId(`nav-${s}`));
      await screen.findByTestId(`screen-${s}`);
      expect(screen.getByTestId('demo-badge').textContent, s).toBe('DEMO');
    }
    expect(screen.getByTestId('settings-tab-training')).toBeTruthy();
  });

  it('is not offered where the host cannot run the simulator', async () => {
    await renderApp({ station: 'new' });
    await screen.findByTestId('screen-setup');
    // training.state has answered (canStartDemo false): nothing to offer.
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(screen.queryByTestId('demo-choice')).toBeNull();
  });

  it('a real station (set up, no demo) shows no DEMO marker and no Training tab, even to a supervisor', async () => {
    await renderApp({ signedInPin: USERS.supervisor.pin, coreOptions: { demoPort: host.port } });
    await click(screen.getByTestId('nav-settings'));
    await screen.findByTestId('settings-tab-general');
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(screen.queryByTestId('demo-badge')).toBeNull();
    expect(screen.queryByTestId('settings-tab-training')).toBeNull();
  });
});

describe('Training panel', () => {
  async function openPanel(pin: string = USERS.supervisor.pin) {
    const sim = await host.start();
    // As web mode starts a demo station: the demo users come from core (same PINs as USERS).
    const ui = await startCore({ station: 'new', coreOptions: { demo: true, remotes: sim.remotes, demoControlUrl: sim.controlUrl } });
    await ui.api.call('station.signIn', { pin });
    const app = await renderApp({ core: ui });
    await click(screen.getByTestId('nav-settings'));
    return { app, control: sim.controlUrl };
  }

  it('rings a call (the simulator lists it), takes HOMS offline and back, injects a fault and clears it', async () => {
    const { control } = await openPanel();
    await waitFor(() => expect(screen.getByTestId('settings-tab-training')).toBeTruthy());
    await click(screen.getByTestId('settings-tab-training'));
    await screen.findByTestId('training-panel');
    expect(screen.getByTestId('demo-badge')).toBeTruthy();

    await act(async () => {
      fireEvent.change(screen.getByTestId('training-number'), { target: { value: '+420 777 000 111' } });
    });
    await click(screen.getByTestId('training-ring'));
    await waitFor(() => expect(toasts().some((t) => t.includes('A call from +420 777 000 111 is ringing.'))).toBe(true));
    const calls = (await (await fetch(`${control}/calls`)).json()) as { number: string; state: string }[];
    expect(calls).toContainEqual(expect.objectContaining({ number: '+420 777 000 111', state: 'ringing' }));

    await waitFor(() => expect((screen.getByTestId('training-toggle-homs') as HTMLButtonElement).disabled).toBe(false));
    await click(screen.getByTestId('training-toggle-homs'));
    await waitFor(() => expect(screen.getByTestId('training-remote-homs').dataset.offline).toBe('true'));
    expect(within(screen.getByTestId('training-remote-homs')).getByText('Offline')).toBeTruthy();
    expect(((await (await fetch(`${control}/faults`)).json()) as { system: string; kind: string }[])).toEqual([expect.objectContaining({ system: 'homs', kind: 'reset' })]);
    await click(screen.getByTestId('training-toggle-homs'));
    await waitFor(() => expect(screen.getByTestId('training-remote-homs').dataset.offline).toBe('false'));

    await act(async () => {
      fireEvent.change(screen.getByTestId('training-target'), { target: { value: 'ucs' } });
    });
    await click(screen.getByTestId('training-fault-rate_limited'));
    await waitFor(() => expect(screen.getAllByTestId('training-active-fault')).toHaveLength(1));
    expect(screen.getByTestId('training-active-fault').textContent).toContain('UCS');
    expect(screen.getByTestId('training-active-fault').textContent).toContain('429');
    expect(((await (await fetch(`${control}/faults`)).json()) as { system: string; status: number }[])).toEqual([expect.objectContaining({ system: 'ucs', status: 429 })]);

    await click(screen.getByTestId('training-clear'));
    await screen.findByTestId('training-no-faults');
    expect(await (await fetch(`${control}/faults`)).json()).toEqual([]);
  });

  it('a packer on a demo station sees DEMO but no Training tab', async () => {
    await openPanel(USERS.packer.pin);
    await screen.findByTestId('settings-tab-general');
    await waitFor(() => expect(screen.getByTestId('demo-badge')).toBeTruthy());
    expect(screen.queryByTestId('settings-tab-training')).toBeNull();
  });
});
