import path from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { EventBus } from '../../../src-main/core/rpc/events';
import { appPaths, createAppUrlPolicy } from '../../../src-main/electron/appUrl';
import { attachCallDesktop } from '../../../src-main/electron/callDesktop';
import { createCallNotifier } from '../../../src-main/electron/callNotification';
import { createIncomingCallWindows } from '../../../src-main/electron/callWindow';
import { createWindowRegistry } from '../../../src-main/electron/window';
import type { CallSummary, Identification } from '../../../src-preload/contract';
import { fake, FakeBrowserWindow, FakeNotification, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const paths = appPaths(path.resolve('/app/out/main'));

beforeEach(() => resetFake());

const summary = (id: string, over: Partial<CallSummary> = {}): CallSummary => ({
  id,
  uniqueid: `u-${id}`,
  direction: 'inbound',
  number: '+420777123456',
  e164: '+420777123456',
  queue: '1',
  queueName: 'Podpora',
  status: 'ringing',
  transferredTo: null,
  source: 'endpoint',
  identification: 'known',
  contactId: 'p-1',
  companyId: null,
  callerName: 'Jan Novák',
  companyName: null,
  disposition: null,
  orderRef: null,
  userId: null,
  startedAt: 1_700_000_000_000,
  answeredAt: null,
  endedAt: null,
  afterCallWork: null,
  ...over,
});

const jan: Identification = {
  kind: 'known',
  matches: [{ kind: 'contact', contactId: 'p-1', companyId: 'co-1', name: 'Jan Novák', companyName: 'Acme s.r.o.', role: null, number: '+420 777 123 456', label: 'mobil', exact: true, shared: false }],
  contactId: 'p-1',
  companyId: 'co-1',
  e164: '+420777123456',
};

function setup() {
  const focused: string[] = [];
  const timers: ({ fn: () => void; ms: number } | null)[] = [];
  const events = new EventBus();
  const urls = createAppUrlPolicy();
  const registry = createWindowRegistry();
  const logger = memoryLogger();
  const main = new fake.BrowserWindow({});
  registry.add(main as never);
  const windows = createIncomingCallWindows({
    preload: paths.preload,
    urls,
    registry,
    workArea: () => fake.screen.getPrimaryDisplay().workArea,
    onActivate: (id) => desktop.openCall(id),
    logger,
  });
  const appFocused = () => registry.list().some((w) => w.isFocused());
  const desktop = attachCallDesktop({
    events,
    windows,
    notifier: createCallNotifier({
      Notification: fake.Notification as never,
      appFocused,
      language: () => 'en',
      onClick: (id) => desktop.openCall(id),
      onAppRequested: () => desktop.hotkeys.openCard(),
      logger,
    }),
    mainWindow: () => main as never,
    lookup: (n) => (n.includes('777') ? jan : { kind: 'unknown', matches: [], contactId: null, companyId: null, e164: null }),
    focus: (target, callId) => focused.push(callId ? `${target} ${callId}` : target),
    logger,
    setTimeout: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length - 1;
    },
    clearTimeout: (h) => void (timers[h as number] = null),
  });
  const cards = () => FakeBrowserWindow.instances.filter((w) => w !== main && !w.destroyed);
  /** Runs the timers still set (the ring's time is up). */
  const timeUp = () => timers.splice(0).forEach((t) => t?.fn());
  return { events, main, desktop, cards, timers, timeUp, focused };
}

describe('call events on the desktop', () => {
  test('a ring opens the card window; answering closes it', () => {
    const { events, cards } = setup();
    events.emit('calls.incoming', summary('c1'));
    expect(cards()).toHaveLength(1);
    expect(cards()[0]!.loads[0]!.target).toBe('app://dockside/index.html?view=incoming-call&call=c1');
    events.emit('calls.changed', summary('c1', { identification: 'known', contactId: 'p-2' })); // still ringing
    expect(cards()).toHaveLength(1);
    events.emit('calls.changed', summary('c1', { status: 'answered', answeredAt: 1 }));
    expect(cards()).toHaveLength(0);
  });

  test('hung up unanswered or transferred away: the card goes as well', () => {
    const { events, cards } = setup();
    events.emit('calls.incoming', summary('c1'));
    events.emit('calls.changed', summary('c1', { status: 'missed', endedAt: 2 }));
    expect(cards()).toHaveLength(0);
    events.emit('calls.incoming', summary('c2'));
    events.emit('calls.changed', summary('c2', { transferredTo: '201' }));
    expect(cards()).toHaveLength(0);
  });

  test('a ring nothing follows up (UCS call_url sends only the ring): card and notification go after a minute', () => {
    const { events, main, cards, timers, timeUp } = setup();
    main.focused = false;
    events.emit('calls.incoming', summary('c1'));
    expect(timers.map((t) => t?.ms)).toEqual([60_000]);
    timeUp();
    expect(cards()).toHaveLength(0);
    expect(FakeNotification.instances[0]!.closed).toBe(true);
    // Answered in time: its timer is cancelled, so it cannot close a later card of the same id.
    events.emit('calls.incoming', summary('c2'));
    events.emit('calls.changed', summary('c2', { status: 'answered' }));
    expect(timers.at(-1)).toBeNull();
  });

  test('another call ending leaves the ringing one up; outbound calls open nothing', () => {
    const { events, cards } = setup();
    events.emit('calls.incoming', summary('c2', { direction: 'outbound' }));
    expect(cards()).toHaveLength(0);
    events.emit('calls.incoming', summary('c1'));
    events.emit('calls.changed', summary('c0', { status: 'ended', endedAt: 3 }));
    expect(cards()).toHaveLength(1);
  });

  test('notification only while the app is in the background; clicking it brings the app forward', () => {
    const { events, main, cards } = setup();
    main.focus();
    events.emit('calls.incoming', summary('c1'));
    expect(FakeNotification.instances).toHaveLength(0);
    events.emit('calls.changed', summary('c1', { status: 'missed' }));
    main.focused = false; // the agent is in another app
    events.emit('calls.incoming', summary('c2', { callerName: null, identification: 'unknown' }));
    expect(FakeNotification.instances).toHaveLength(1);
    expect(FakeNotification.instances[0]!.options).toMatchObject({ title: 'Incoming call: Unknown caller', body: '+420777123456' });
    FakeNotification.instances[0]!.click();
    expect(main.isFocused()).toBe(true);
    expect(cards()).toHaveLength(1); // the card stays until the call is dealt with
    events.emit('calls.changed', summary('c2', { status: 'answered' }));
    expect(FakeNotification.instances[0]!.closed).toBe(true);
  });
});

test('a click into the card window brings the app forward; the card steps aside but keeps ringing until answered', () => {
  const { events, main, cards } = setup();
  events.emit('calls.incoming', summary('c1'));
  const card = cards()[0]!;
  card.showInactive();
  card.focus(); // the agent clicks it
  expect(main.isFocused()).toBe(true);
  expect(card.isVisible()).toBe(false);
  expect(card.destroyed).toBe(false); // its renderer still rings
  events.emit('calls.changed', summary('c1', { status: 'answered' }));
  expect(card.destroyed).toBe(true);
});

describe('hotkeys', () => {
  test('open card and hang-up note bring the main window (its Calls screen) forward, above the other app, and ask for the card / the note', () => {
    const { events, desktop, main, cards, focused } = setup();
    events.emit('calls.incoming', summary('c1'));
    main.focused = false;
    desktop.hotkeys.openCard();
    expect(main.isFocused()).toBe(true);
    expect(cards()).toHaveLength(1); // the ringing card stays up
    main.focused = false;
    desktop.hotkeys.hangupNote();
    expect(main.isFocused()).toBe(true);
    // The current call's (the renderer knows which one its Calls screen shows).
    expect(focused).toEqual(['card', 'note']);
  });

  test("a click into a call's card window asks for that call's caller card", () => {
    const { events, desktop, main, focused } = setup();
    events.emit('calls.incoming', summary('c1'));
    main.focused = false;
    desktop.openCall('c1');
    expect(main.isFocused()).toBe(true);
    expect(focused).toEqual(['card c1']);
  });

  test('look up a number: a notice says who holds it; a click brings the app forward; nothing selected: a notice too', () => {
    const { desktop, main } = setup();
    desktop.hotkeys.lookup('+420 777 123 456');
    expect(FakeNotification.instances.at(-1)?.options).toMatchObject({ title: 'Jan Novák', body: 'Acme s.r.o. · +420 777 123 456' });
    desktop.hotkeys.lookup('602 000 111');
    expect(FakeNotification.instances.at(-1)?.options).toMatchObject({ title: 'Nobody on this station has this number', body: '602 000 111' });
    desktop.hotkeys.noNumberSelected();
    expect(FakeNotification.instances.at(-1)?.options).toMatchObject({ title: 'No phone number selected' });
    FakeNotification.instances[0]!.click();
    expect(main.isFocused()).toBe(true);
  });

  test('dispose: events no longer open windows', () => {
    const { events, desktop, cards } = setup();
    desktop.dispose();
    events.emit('calls.incoming', summary('c1'));
    expect(cards()).toHaveLength(0);
  });
});
