// Mounts the whole renderer against the real core (test/ui/realCore.ts) through one window's
// in-process transport, with a recording AudioContext and a manual clock for the scanner, so tests
// drive the UI the way a person and a scanner would.
import { act, render, screen } from '@testing-library/react';
import { createApi } from '../../src-renderer/src/api/client';
import { App } from '../../src-renderer/src/App';
import type { ConnectionSource } from '../../src-renderer/src/app/boot';
import { createI18n } from '../../src-renderer/src/i18n';
import { createSoundPlayer } from '../../src-renderer/src/sound';
import type { DocksideBridge } from '../../src-preload/contract';
import { FakeAudioContext } from './fakeAudio';
import { press } from './keyboard';
import { startCore, type StartOptions, type UiCore, type Window } from './realCore';

export class FakeConnection implements ConnectionSource {
  private readonly listeners = new Set<(c: boolean) => void>();
  onConnection(listener: (c: boolean) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  set(connected: boolean) {
    for (const l of this.listeners) l(connected);
  }
}

export async function renderApp(opts: StartOptions & { core?: UiCore; bridge?: DocksideBridge } = {}) {
  const core = opts.core ?? (await startCore(opts));
  const window: Window = core.window();
  const bridge = opts.bridge ?? window;
  const audio = new FakeAudioContext();
  const connection = new FakeConnection();
  const clock = { now: 10_000 };
  const utils = render(
    <App
      api={createApi(bridge)}
      i18n={createI18n('en')}
      sound={createSoundPlayer(() => audio)}
      connection={connection}
      now={() => clock.now}
    />,
  );
  await screen.findByTestId(/^screen-(setup|signin|pick|pack|calls|sync|settings|boot-error)$/);
  return {
    ...utils,
    /** The app's own window: what it sent (callsOf) and its event switch. */
    bridge: window,
    core,
    /** Another window on the same core. */
    api: core.api,
    audio,
    connection,
    clock,
    /** A scanner burst: keys `gap` ms apart, then Enter, through the real capture listener. */
    scan(code: string, gap = 3) {
      // One act() per key, as a browser flushes React after every discrete key event.
      for (const c of code) {
        clock.now += gap;
        act(() => void (c === '\x1d' ? press(']', { ctrlKey: true }) : press(c)));
      }
      clock.now += gap;
      act(() => void press('Enter'));
      clock.now += 200;
    },
    /** A person typing: keys far apart. */
    type(text: string) {
      for (const c of text) {
        clock.now += 150;
        act(() => void press(c));
      }
      clock.now += 200; // nobody scans within milliseconds of their last keystroke
    },
    key(key: string, o: Parameters<typeof press>[1] = {}) {
      clock.now += 150;
      let r = { prevented: false };
      act(() => {
        r = press(key, o);
      });
      return r;
    },
  };
}

/** Click a pad/nav/any element and let React settle. */
export async function click(el: HTMLElement) {
  await act(async () => {
    el.click();
  });
}

export async function signInWithPad(pin: string) {
  for (const d of pin) await click(screen.getByTestId(`pinpad-${d}`));
  await click(screen.getByTestId('signin-submit'));
}
