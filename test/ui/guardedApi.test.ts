// The renderer's api guard against the real core's access checks: only UNAUTHORIZED (nobody is
// signed in) sends the app back to sign-in; FORBIDDEN (this role may not) leaves the user signed in.
import { describe, expect, it } from 'vitest';
import { createApi, RpcError } from '../../src-renderer/src/api/client';
import { guardApi } from '../../src-renderer/src/app/guardedApi';
import { startCore, USERS } from './realCore';

describe('guardApi', () => {
  it('signs out on UNAUTHORIZED only, and passes every error on with its code', async () => {
    const ui = await startCore({ signedInPin: USERS.packer.pin });
    let signedOut = 0;
    const api = guardApi(createApi(ui.window()), () => signedOut++);

    const forbidden = await api.call('station.createUser', { name: 'Eva', role: 'agent', pin: '3333' }).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(RpcError);
    expect(forbidden).toMatchObject({ code: 'FORBIDDEN' });
    const removal = await api.call('printing.removePrinter', { id: 'spool' }).catch((e: unknown) => e);
    expect(removal).toMatchObject({ code: 'FORBIDDEN' });
    expect(signedOut).toBe(0);
    expect((await api.call('station.state', {})).currentUser?.name).toBe(USERS.packer.name);

    await ui.api.call('station.signOut', {}); // another window
    await expect(api.call('settings.set', { theme: 'dark' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(signedOut).toBe(1);
  });
});
