// The one mutation helper every screen uses: busy while the call runs, the answer or undefined,
// the error sound on every failure and the success sound when asked, and a toast whose text comes
// from the error's code (or the screen's own words for a code), never from the message.
import { act, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { RpcError } from '../../src-renderer/src/api/client';
import { AppContext } from '../../src-renderer/src/app/context';
import { createAppStores } from '../../src-renderer/src/app/stores';
import { useAction, type RunAction } from '../../src-renderer/src/app/useAction';
import { createI18n } from '../../src-renderer/src/i18n';
import { createSoundPlayer } from '../../src-renderer/src/sound';
import { FakeAudioContext } from './fakeAudio';

function mount() {
  const stores = createAppStores();
  const audio = new FakeAudioContext();
  const seen: { run?: RunAction; busy: boolean[] } = { busy: [] };
  function Probe() {
    const { run, busy } = useAction();
    seen.run = run;
    seen.busy.push(busy);
    return null;
  }
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <AppContext.Provider value={{ api: { call: () => Promise.reject(new Error('unused')), on: () => () => {} }, stores, sound: createSoundPlayer(() => audio), info: null }}>
        <Probe />
      </AppContext.Provider>
    </I18nextProvider>,
  );
  return {
    busy: () => seen.busy.at(-1),
    toasts: () => stores.ui.getState().toasts.map((t) => `${t.kind}: ${t.text}`),
    beeps: () => audio.tones().filter((t) => t.frequency > 1000).length,
    buzzes: () => audio.tones().filter((t) => t.type === 'sawtooth').length,
    runAction: () => seen.run!,
  };
}

const rpcError = (code: 'CONFLICT' | 'FORBIDDEN' | 'INTERNAL', message = 'English text from core') =>
  new RpcError({ code, message, ...(code === 'INTERNAL' ? { correlationId: 'c-42' } : {}) });

describe('useAction', () => {
  it('is busy while the call runs, answers its value, and toasts/beeps on success only when asked', async () => {
    const m = mount();
    let finish!: (v: { name: string }) => void;
    let answer: Promise<{ name: string } | undefined>;
    act(() => {
      answer = m.runAction()(() => new Promise<{ name: string }>((r) => (finish = r)), { success: (v) => `Saved ${v.name}.` });
    });
    expect(m.busy()).toBe(true);
    await act(async () => finish({ name: 'Bench 2' }));
    expect(await answer!).toEqual({ name: 'Bench 2' });
    expect(m.busy()).toBe(false);
    expect(m.toasts()).toEqual(['success: Saved Bench 2.']);
    expect(m.beeps()).toBe(0);

    await act(async () => void (await m.runAction()(async () => 1, { successSound: true })));
    expect(m.beeps()).toBe(2); // one double beep
    expect(m.toasts()).toHaveLength(1);
  });

  it('a failure answers undefined, buzzes, and says what the code means, not what the message says', async () => {
    const m = mount();
    let value: unknown = 'unset';
    await act(async () => void (value = await m.runAction()(() => Promise.reject(rpcError('FORBIDDEN')))));
    expect(value).toBeUndefined();
    expect(m.toasts()).toEqual(['error: Your role may not do this.']);
    expect(m.buzzes()).toBe(1);
    expect(m.busy()).toBe(false);

    await act(async () => void (await m.runAction()(() => Promise.reject(rpcError('INTERNAL')))));
    await act(async () => void (await m.runAction()(() => Promise.reject(new TypeError('x is undefined')))));
    expect(m.toasts().slice(1)).toEqual(['error: Something went wrong. Reference: c-42', 'error: Something went wrong.']);
    expect(m.toasts().join(' ')).not.toContain('English text');
  });

  it('a screen may word a code its own way, or show the error in place instead of a toast', async () => {
    const m = mount();
    await act(async () => void (await m.runAction()(() => Promise.reject(rpcError('CONFLICT')), { errors: { CONFLICT: 'The spool stays.' } })));
    expect(m.toasts()).toEqual(['error: The spool stays.']);

    let shown: string | null = null;
    await act(
      async () =>
        void (await m.runAction()(() => Promise.reject(rpcError('FORBIDDEN')), {
          onError: (_e, text) => {
            shown = text;
            return true;
          },
        })),
    );
    expect(shown).toBe('Your role may not do this.');
    expect(m.toasts()).toHaveLength(1); // handled in place: no second toast
    expect(m.buzzes()).toBe(2); // but every failure is heard
  });
});
