import path from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { findCallLink, installCallLinkInbox, isCallLink, registerCallLinkClient } from '../../../src-main/electron/callLink';
import { fake, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

beforeEach(() => resetFake());

const LINK = 'dockside://call?number=%2B420777123456&uniqueid=1700000000.42';

describe('dockside:// as the OS handler', () => {
  test('packaged: the app itself handles the scheme', () => {
    expect(registerCallLinkClient(fake.app, { isPackaged: true, execPath: '/opt/Dockside/dockside', argv: ['/opt/Dockside/dockside'] })).toBe(true);
    expect(fake.app.protocolClients).toEqual([{ protocol: 'dockside' }]);
  });

  test('unpackaged: Electron is started with our entry script as its argument', () => {
    registerCallLinkClient(fake.app, { isPackaged: false, execPath: '/n/electron', argv: ['/n/electron', 'out/main/main.js'] });
    expect(fake.app.protocolClients).toEqual([{ protocol: 'dockside', path: '/n/electron', args: [path.resolve('out/main/main.js')] }]);
  });
});

describe('finding the link on a command line', () => {
  test('anywhere among the arguments, Chromium switches after it, scheme in any case', () => {
    expect(findCallLink(['/opt/dockside', LINK, '--allow-file-access-from-files'])).toBe(LINK);
    expect(findCallLink(['/opt/dockside', 'DOCKSIDE://call?number=1'])).toBe('DOCKSIDE://call?number=1');
  });

  test('other schemes, look-alikes and over-long strings are not links', () => {
    expect(findCallLink(['/opt/dockside', '--demo', 'https://dockside/call', 'docksidex://call', 'dockside:call'])).toBeNull();
    expect(isCallLink(`dockside://call?number=${'1'.repeat(3000)}`)).toBe(false);
  });
});

describe('the link inbox', () => {
  test('links from argv, open-url and second-instance wait for core, then arrive in order', () => {
    const inbox = installCallLinkInbox(fake.app as never, { argv: ['/opt/dockside', 'dockside://call?n=1'], logger: memoryLogger() });
    let prevented = false;
    fake.app.emit('open-url', { preventDefault: () => (prevented = true) }, 'dockside://call?n=2');
    fake.app.emit('second-instance', {}, ['/opt/dockside', 'dockside://call?n=3', '--flag'], '/home');
    const got: string[] = [];
    inbox.attach((l) => got.push(l));
    expect(got).toEqual(['dockside://call?n=1', 'dockside://call?n=2', 'dockside://call?n=3']);
    expect(prevented).toBe(true); // macOS: we handled it
    fake.app.emit('second-instance', {}, ['/opt/dockside', 'dockside://call?n=4'], '/home');
    expect(got).toHaveLength(4);
  });

  test('a second instance without a link hands nothing over; a handler that throws does not break the next link', () => {
    const logger = memoryLogger();
    const inbox = installCallLinkInbox(fake.app as never, { argv: ['/opt/dockside'], logger });
    const got: string[] = [];
    inbox.attach((l) => {
      if (l.endsWith('bad')) throw new Error('not a call link');
      got.push(l);
    });
    fake.app.emit('second-instance', {}, ['/opt/dockside', '--demo'], '/home');
    fake.app.emit('open-url', { preventDefault() {} }, 'dockside://call?bad');
    fake.app.emit('open-url', { preventDefault() {} }, 'dockside://call?good');
    expect(got).toEqual(['dockside://call?good']);
    expect(logger.lines.some((l) => l.includes('call link refused'))).toBe(true);
  });

  test('disposed: no more listeners on the app', () => {
    const inbox = installCallLinkInbox(fake.app as never, { argv: [], logger: memoryLogger() });
    inbox.dispose();
    expect(fake.app.listenerCount('open-url')).toBe(0);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });
});
