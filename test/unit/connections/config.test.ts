// The --config file's `remotes`: parsed strictly, `{"env": NAME}` read from the environment at
// start, a missing variable a start-up error naming it, a remote left out off.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveRemotes, remotesConfigSchema } from '../../../src-main/core/connections/config';
import { ArgsError, parseWebArgs } from '../../../src-main/host/args';
import { tempDir } from '../../helpers/tmp';

const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));

function configFile(content: unknown): string {
  const { dir, cleanup } = tempDir();
  dirs.push(cleanup);
  const file = path.join(dir, 'dockside.json');
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

const FULL = {
  port: 0,
  remotes: {
    afosto: { baseUrl: 'http://127.0.0.1:4010/afosto', clientId: 'dockside-station-1', clientSecret: { env: 'AFOSTO_SECRET' } },
    ucs: { baseUrl: 'http://127.0.0.1:4010/ucs', clientId: 'dockside-api', clientSecret: 'ucs-demo-secret-7d41' },
    ultracart: { baseUrl: 'http://127.0.0.1:4010/ultracart/rest/v2', simpleKey: { env: 'UC_KEY' } },
    homs: { baseUrl: 'http://127.0.0.1:4010/homs', email: 'dockside@dockside.example', token: 'homs-demo-token-2f7c' },
    opentaps: { baseUrl: 'http://127.0.0.1:4010/opentaps', authToken: 'ot-demo-permanent-token-91c2', clientDomain: 'dockside.example' },
  },
};

describe('--config remotes', () => {
  it('reads every remote, env secrets resolved from the environment', () => {
    const args = parseWebArgs(['--config', configFile(FULL)], { AFOSTO_SECRET: 'from-env-1', UC_KEY: 'from-env-2' });
    expect(args.remotes).toEqual({
      afosto: { baseUrl: 'http://127.0.0.1:4010/afosto', settings: {}, secrets: { clientId: 'dockside-station-1', clientSecret: 'from-env-1' } },
      ucs: { baseUrl: 'http://127.0.0.1:4010/ucs', settings: {}, secrets: { clientId: 'dockside-api', clientSecret: 'ucs-demo-secret-7d41' } },
      ultracart: { baseUrl: 'http://127.0.0.1:4010/ultracart/rest/v2', settings: {}, secrets: { simpleKey: 'from-env-2' } },
      homs: { baseUrl: 'http://127.0.0.1:4010/homs', settings: { email: 'dockside@dockside.example' }, secrets: { token: 'homs-demo-token-2f7c' } },
      opentaps: { baseUrl: 'http://127.0.0.1:4010/opentaps', settings: { clientDomain: 'dockside.example' }, secrets: { authToken: 'ot-demo-permanent-token-91c2' } },
    });
  });

  it('a missing environment variable is a start-up error naming it and where it was asked for', () => {
    const file = configFile(FULL);
    expect(() => parseWebArgs(['--config', file], { UC_KEY: 'x' })).toThrow(ArgsError);
    expect(() => parseWebArgs(['--config', file], { UC_KEY: 'x' })).toThrow(/AFOSTO_SECRET \(remotes\.afosto\.clientSecret\)/);
    // An empty variable is as good as missing; both are named at once.
    expect(() => parseWebArgs(['--config', file], { AFOSTO_SECRET: '' })).toThrow(/AFOSTO_SECRET.*UC_KEY/);
  });

  it('a remote left out is off; no remotes section leaves the stored connections alone', () => {
    const only = parseWebArgs(['--config', configFile({ remotes: { homs: FULL.remotes.homs } })], {});
    expect(Object.keys(only.remotes ?? {})).toEqual(['homs']);
    expect(parseWebArgs(['--config', configFile({ port: 0 })], {}).remotes).toBeUndefined();
    expect(parseWebArgs([], {}).remotes).toBeUndefined();
  });

  it('refuses unknown remotes, fields of another remote and malformed env references', () => {
    expect(() => parseWebArgs(['--config', configFile({ remotes: { shopify: { baseUrl: 'http://x' } } })], {})).toThrow(/Config .*remotes/);
    expect(() => parseWebArgs(['--config', configFile({ remotes: { ultracart: { baseUrl: 'http://x', clientSecret: 's' } } })], {})).toThrow(/Config .*remotes\.ultracart/);
    expect(remotesConfigSchema.safeParse({ homs: { baseUrl: 'http://x', token: { env: 'NO SPACES' } } }).success).toBe(false);
    expect(remotesConfigSchema.safeParse({ homs: { baseUrl: 'http://x', token: { env: 'A', extra: 1 } } }).success).toBe(false);
  });

  it('resolveRemotes never puts a value in its error', () => {
    try {
      resolveRemotes({ ucs: { baseUrl: 'http://x', clientId: 'visible-id', clientSecret: { env: 'NOPE' } } }, {});
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe('Environment variable not set: NOPE (remotes.ucs.clientSecret)');
    }
  });
});
