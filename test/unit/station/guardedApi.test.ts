// The renderer's guard over the real core: only "nobody is signed in" sends the app back to
// sign-in; a wrong PIN typed on the switch-user pad does not sign the current user out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessBridge } from '../../../src-main/core/rpc/inProcess';
import { createApi, type Api } from '../../../src-renderer/src/api/client';
import { guardApi } from '../../../src-renderer/src/app/guardedApi';
import { createTestCore, type TestCore } from '../../helpers/core';

let t: TestCore;
let api: Api;
let signedOut: number;
beforeEach(async () => {
  t = await createTestCore();
  signedOut = 0;
  api = guardApi(createApi(inProcessBridge(t.core.dispatcher, t.core.events)), () => signedOut++);
  await api.call('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
  await api.call('station.createUser', { name: 'Petra', role: 'packer', pin: '1111' });
});
afterEach(() => t.dispose());

describe('guarded api', () => {
  it('a wrong PIN or a paused sign-in keeps the session; a call without one signs the UI out', async () => {
    await api.call('station.signIn', { pin: '1111' });
    for (let i = 0; i < 6; i++) await expect(api.call('station.signIn', { pin: '4040' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(signedOut).toBe(0);
    expect((await api.call('station.state', {})).currentUser?.name).toBe('Petra');
    await api.call('station.signOut', {});
    await expect(api.call('printing.listPrinters', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(signedOut).toBe(1);
  });
});
