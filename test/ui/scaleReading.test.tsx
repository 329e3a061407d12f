// The scale at the pack bench, on the real core with a fake MT-SICS scale on a loopback TCP port:
// the live weight, F7 taking a steady weight above 0 g, refusals with the error sound, the reasons
// in words, and the Scale card in Settings that sets it all up.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src-renderer/src/api/client';
import { AppContext } from '../../src-renderer/src/app/context';
import { createAppStores } from '../../src-renderer/src/app/stores';
import { ScaleReading } from '../../src-renderer/src/features/packing/ScaleReading';
import { createI18n, cs, en } from '../../src-renderer/src/i18n';
import { SCALE_REASONS } from '../../src-preload/contract';
import { createSoundPlayer } from '../../src-renderer/src/sound';
import { MtSicsTcpScale } from '../../src-main/core/scale/mtsicsTcp';
import { FakeScale } from '../helpers/fakeScale';
import { FakeAudioContext } from './fakeAudio';
import { press } from './keyboard';
import { renderApp } from './renderApp';
import { startCore, USERS, type UiCore } from './realCore';

const fakes: FakeScale[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.stop();
});

const scaleDriver = (c: { host: string; port: number }) =>
  new MtSicsTcpScale({ host: c.host, port: c.port, connectTimeoutMs: 500, replyTimeoutMs: 300, stableTimeoutMs: 1500, reconnectDelayMs: 0 });

async function bench(opts: { configure?: boolean } = {}): Promise<{ ui: UiCore; fake: FakeScale }> {
  const fake = await FakeScale.start();
  fakes.push(fake);
  const ui = await startCore({ signedInPin: USERS.supervisor.pin, coreOptions: { scaleDriver } });
  if (opts.configure ?? true) await ui.api.call('scale.configure', { kind: 'mt-sics', host: '127.0.0.1', port: fake.port });
  await ui.api.call('station.signIn', { pin: USERS.packer.pin });
  return { ui, fake };
}

function mount(ui: UiCore, props: { takeKey?: string } = {}) {
  const audio = new FakeAudioContext();
  const weights: number[] = [];
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <AppContext.Provider value={{ api: createApi(ui.window()), stores: createAppStores(), sound: createSoundPlayer(() => audio), info: null }}>
        <input data-testid="some-field" />
        <ScaleReading onWeight={(g) => weights.push(g)} pollMs={40} {...props} />
      </AppContext.Provider>
    </I18nextProvider>,
  );
  return {
    weights,
    beeps: () => audio.tones().filter((t) => t.frequency > 1000).length,
    buzzes: () => audio.tones().filter((t) => t.type === 'sawtooth').length,
  };
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe('ScaleReading', () => {
  it('shows the live weight, and F7 (even from a focused field) hands the steady weight to onWeight', async () => {
    const { ui, fake } = await bench();
    fake.show('0.750', 'kg');
    const m = mount(ui);
    await waitFor(() => expect(text('scale-weight')).toBe('750 g'));
    expect(screen.getByTestId('scale-reading').dataset.state).toBe('stable');
    expect(text('scale-state')).toBe('Steady');

    fake.show('1.25', 'lb'); // the scale's unit does not matter: grams come out
    await waitFor(() => expect(text('scale-weight')).toBe('567 g'));
    fake.show('1.204', 'kg');
    await waitFor(() => expect(text('scale-weight')).toBe('1.204 kg'));

    screen.getByTestId('some-field').focus();
    // The event is left alone, so the Pack screen's own F7 (focus the typed weight) still runs.
    let prevented = true;
    act(() => void (prevented = press('F7').prevented));
    expect(prevented).toBe(false);
    await waitFor(() => expect(m.weights).toEqual([1204]));
    expect(text('scale-taken')).toBe('Weight taken: 1.204 kg');
    expect(m.beeps()).toBe(2);
    expect(fake.received).toContain('S');
  });

  it('a moving pan shows "moving"; taking waits for it to settle and takes the settled weight', async () => {
    const { ui, fake } = await bench();
    fake.settleAfter(60_000, '2.000');
    const m = mount(ui);
    await waitFor(() => expect(screen.getByTestId('scale-reading').dataset.state).toBe('moving'));
    expect(text('scale-state')).toBe('Moving: wait for it to settle');
    fake.settleAfter(150, '2.000');
    fireEvent.click(screen.getByTestId('scale-take'));
    await waitFor(() => expect(m.weights).toEqual([2000]));
  });

  it('refuses 0 g and an unsteady pan with the error sound, and never calls onWeight', async () => {
    const { ui, fake } = await bench();
    fake.show('0.000');
    const m = mount(ui);
    await waitFor(() => expect(text('scale-weight')).toBe('0 g'));
    act(() => void press('F7'));
    await waitFor(() => expect(text('scale-refusal')).toBe('A weight of 0 is refused: put the parcel on the scale.'));
    expect(m.buzzes()).toBe(1);

    fake.stableHoldMs = 100;
    fake.setCondition('moving');
    act(() => void press('F7'));
    await waitFor(() => expect(text('scale-refusal')).toBe('The weight does not settle: keep the parcel still.'));
    expect(m.buzzes()).toBe(2);
    expect(m.weights).toEqual([]);
  });

  it('says overload and a scale that went away in words; reads again when it is back', async () => {
    const { ui, fake } = await bench();
    fake.setCondition('overload');
    mount(ui);
    await waitFor(() => expect(text('scale-state')).toBe('Too heavy for the scale.'));
    expect(screen.getByTestId('scale-reading').dataset.state).toBe('error');
    expect(text('scale-weight')).toBe('—');
    fake.show('0.310');
    await waitFor(() => expect(text('scale-weight')).toBe('310 g'));
    fake.next({ disconnect: true });
    await waitFor(() => expect(text('scale-state')).toBe('The connection to the scale was lost.'));
    await waitFor(() => expect(text('scale-weight')).toBe('310 g'));
  });

  it('without a scale it says to type the weight, and F7 does nothing', async () => {
    const { ui, fake } = await bench({ configure: false });
    const m = mount(ui);
    await waitFor(() => expect(text('scale-reading')).toBe('No scale at this station: type the weight.'));
    expect(screen.queryByTestId('scale-take')).toBeNull();
    act(() => void press('F7'));
    await new Promise((r) => setTimeout(r, 100));
    expect(m.weights).toEqual([]);
    expect(m.buzzes()).toBe(0);
    expect(fake.connections).toBe(0);
  });

  it('follows a new setting made in another window (scale.changed)', async () => {
    const { ui, fake } = await bench({ configure: false });
    fake.show('0.420');
    mount(ui);
    await screen.findByText('No scale at this station: type the weight.');
    await ui.api.call('station.signIn', { pin: USERS.supervisor.pin });
    await ui.api.call('scale.configure', { kind: 'mt-sics', host: '127.0.0.1', port: fake.port });
    await waitFor(() => expect(text('scale-weight')).toBe('420 g'));
  });
});

describe('scale reasons', () => {
  it('every reason code core can answer has words in English and Czech', () => {
    for (const r of SCALE_REASONS) {
      expect(en.scale.reasons[r], r).toBeTruthy();
      expect(cs.scale.reasons[r], r).toBeTruthy();
    }
  });
});

describe('Scale card in Settings', () => {
  it('a supervisor sets the scale up by host and port, and "Read now" reads it', async () => {
    const fake = await FakeScale.start();
    fakes.push(fake);
    fake.show('0.812');
    const app = await renderApp({ signedInPin: USERS.supervisor.pin, coreOptions: { scaleDriver } });
    app.key('F5');
    const card = await screen.findByTestId('scale-settings');
    expect(card).toBeTruthy();
    fireEvent.change(screen.getByTestId('scale-kind'), { target: { value: 'mt-sics' } });
    fireEvent.change(screen.getByTestId('scale-host'), { target: { value: '127.0.0.1' } });
    fireEvent.change(screen.getByTestId('scale-port'), { target: { value: '99999' } });
    expect((screen.getByTestId('scale-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('scale-port'), { target: { value: String(fake.port) } });
    fireEvent.click(screen.getByTestId('scale-save'));
    await waitFor(() => expect(app.core.core.scale.status().config).toEqual({ kind: 'mt-sics', host: '127.0.0.1', port: fake.port }));
    fireEvent.click(await screen.findByTestId('scale-read-now'));
    await waitFor(() => expect(text('scale-test-result')).toBe('Steady: 812 g'));
  });

  it('a packer sees the setting but cannot change it', async () => {
    const app = await renderApp({ signedInPin: USERS.packer.pin, coreOptions: { scaleDriver } });
    app.key('F5');
    await screen.findByTestId('scale-settings');
    expect((screen.getByTestId('scale-kind') as HTMLSelectElement).disabled).toBe(true);
    expect(screen.queryByTestId('scale-save')).toBeNull();
  });
});
