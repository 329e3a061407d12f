// The desktop's incoming-call window (?view=incoming-call): the renderer shows the incoming card
// alone (no shell) for the real core's ringing call, rings while it rings, and shows nothing once
// the call is answered. The main window (no view) stays the whole app and stays quiet.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src-renderer/src/api/client';
import { App } from '../../src-renderer/src/App';
import { createI18n } from '../../src-renderer/src/i18n';
import { createSoundPlayer } from '../../src-renderer/src/sound';
import { FakeAudioContext } from './fakeAudio';
import { startCore, USERS, type UiCore } from './realCore';

const ring = (ui: UiCore, uniqueid: string, kind: 'ring' | 'answer' = 'ring') =>
  act(() => {
    ui.core.calls.service.ingest({ kind, number: '+420 602 555 010', uniqueid, queue: null, queueName: null, transferTo: null, source: 'endpoint', params: {} });
  });

async function open(view: string) {
  window.history.replaceState(null, '', view);
  const ui = await startCore({ signedInPin: USERS.agent.pin, coreOptions: { calls: { screenPopPort: false, pollIntervalMs: false, timers: false } } });
  const audio = new FakeAudioContext();
  // Over IPC (no `connection`): only the incoming-call window rings, not the main window.
  render(<App api={createApi(ui.window())} i18n={createI18n('en')} sound={createSoundPlayer(() => audio)} />);
  return { ui, audio };
}

afterEach(() => window.history.replaceState(null, '', '/'));

describe('incoming-call window', () => {
  it('shows the ringing call alone and rings; empty once the call is answered', async () => {
    const { ui, audio } = await open('/index.html?view=incoming-call&call=x');
    const frame = await screen.findByTestId('incoming-window');
    expect(screen.queryByTestId('nav-calls')).toBeNull(); // no shell in this small window
    await ring(ui, 'w-1');
    const card = await within(frame).findByTestId('incoming-call');
    expect(within(card).getByTestId('incoming-number').textContent).toBe('+420 602 555 010');
    expect(card.dataset.kind).toBe('unknown');
    await waitFor(() => expect(audio.tones().length).toBeGreaterThan(0));
    await ring(ui, 'w-1', 'answer');
    await waitFor(() => expect(within(frame).queryByTestId('incoming-call')).toBeNull());
  });

  it('the main window is the whole app and does not ring over IPC (the card window does)', async () => {
    const { ui, audio } = await open('/index.html');
    await screen.findByTestId('screen-calls');
    await ring(ui, 'w-2');
    await screen.findByTestId('incoming-call');
    expect(screen.queryByTestId('incoming-window')).toBeNull();
    expect(audio.tones()).toEqual([]);
  });
});
