import { beforeEach, describe, expect, test, vi } from 'vitest';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { createCallNotifier, lookupContent, notificationContent, type IncomingCallInfo } from '../../../src-main/electron/callNotification';
import { fake, FakeNotification, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

beforeEach(() => resetFake());

const known: IncomingCallInfo = { callId: 'c1', number: '+420 777 123 456', name: 'Jan Novák', company: 'Acme s.r.o.' };
const unknown: IncomingCallInfo = { callId: 'c2', number: '+420 602 000 111', name: null, company: null };

function setup(focused: { v: boolean }) {
  const clicked: string[] = [];
  const notifier = createCallNotifier({
    Notification: fake.Notification as never,
    appFocused: () => focused.v,
    language: () => 'cs',
    onClick: (id) => clicked.push(id),
    logger: memoryLogger(),
  });
  return { notifier, clicked };
}

describe('incoming-call notification', () => {
  test('says who calls, in the station language', () => {
    expect(notificationContent(known, 'en')).toEqual({ title: 'Incoming call: Jan Novák', body: 'Acme s.r.o. · +420 777 123 456' });
    expect(notificationContent(unknown, 'cs')).toEqual({ title: 'Příchozí hovor: Neznámý volající', body: '+420 602 000 111' });
  });

  test('shown only when the app is in the background', () => {
    const focused = { v: true };
    const { notifier } = setup(focused);
    expect(notifier.incoming(known)).toBe(false);
    expect(FakeNotification.instances).toHaveLength(0);
    focused.v = false;
    expect(notifier.incoming(known)).toBe(true);
    expect(FakeNotification.instances).toHaveLength(1);
    expect(FakeNotification.instances[0]!.shown).toBe(true);
    // Silent: the incoming-call window rings; it stays until the call is dealt with.
    expect(FakeNotification.instances[0]!.options).toMatchObject({ title: 'Příchozí hovor: Jan Novák', silent: true, timeoutType: 'never' });
  });

  test('one per call however often it rings; closed when the call is answered or ended', () => {
    const { notifier } = setup({ v: false });
    notifier.incoming(known);
    notifier.incoming(known);
    expect(FakeNotification.instances).toHaveLength(1);
    notifier.ended('c1');
    expect(FakeNotification.instances[0]!.closed).toBe(true);
  });

  test('a click brings the app forward on that call', () => {
    const { notifier, clicked } = setup({ v: false });
    notifier.incoming(unknown);
    FakeNotification.instances[0]!.click();
    expect(clicked).toEqual(['c2']);
  });

  test('nothing where the desktop has no notifications', () => {
    FakeNotification.supported = false;
    const { notifier } = setup({ v: false });
    expect(notifier.incoming(known)).toBe(false);
    expect(FakeNotification.instances).toHaveLength(0);
  });

  test('a look-up says who holds the number: one, several (a shared switchboard), or nobody', () => {
    const m = (name: string, companyName: string | null) => ({ kind: 'contact' as const, contactId: name, companyId: null, name, companyName, role: null, number: '1', label: null, exact: true, shared: true });
    const base = { contactId: null, companyId: null, e164: null };
    expect(lookupContent('777 123 456', { ...base, kind: 'known', matches: [m('Jan Novák', 'Acme')] }, 'en')).toEqual({ title: 'Jan Novák', body: 'Acme · 777 123 456' });
    expect(lookupContent('222 111 000', { ...base, kind: 'choose', matches: [m('Acme', null), m('Jan', 'Acme'), m('Eva', 'Acme'), m('Petr', 'Acme')] }, 'cs')).toEqual({
      title: 'Toto číslo sdílí 4 kontakty',
      body: 'Acme, Jan, Eva',
    });
    expect(lookupContent('602 000 111', { ...base, kind: 'unknown', matches: [] }, 'cs')).toEqual({ title: 'Toto číslo na stanici nikdo nemá', body: '602 000 111' });
  });
});

