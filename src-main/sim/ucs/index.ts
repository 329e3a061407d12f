/**
 * UCS (INSOFT call-center / PBX) REST API v1.0 simulator — seed 003 + digest ucs.md.
 * Auth: OAuth2 client_credentials at /login/oauth2/token, then `Authorization: Bearer`.
 * Expected errors: HTTP 200 `{success:false, data:{field: message}}`; OAuth errors 400/401.
 * Also: simulated calls (ring / answer / hang up) driven through the control API.
 */
import { header, json, type Ctx } from '../http';
import type { SimState, SystemModule } from '../state';
import { registerAgents } from './agents';
import { registerAuth, UCS_CREDENTIALS } from './auth';
import { createCallSim, type SimCall } from './calls';
import { registerCompanies } from './companies';
import { createUcsContext } from './context';
import { FIXTURE_COMPANIES, FIXTURE_PERSONS } from './fixtures';
import { registerMetadata } from './metadata';
import { registerPersons } from './persons';
import { oauthErr } from './protocol';
import { registerQueues } from './queues';
import { registerShared } from './shared';
import { publicUser, registerUsers } from './users';

export { UCS_CREDENTIALS } from './auth';
export type { SimCall } from './calls';

export interface UcsSystem extends SystemModule {
  ring(number: string, queue: string | number, opts?: { name?: string }): Promise<SimCall | { error: string }>;
  answer(uniqueid: string, agent?: number | string): SimCall | { error: string };
  hangup(uniqueid: string): SimCall | { error: string };
  calls(): SimCall[];
}

export function createUcs(state: SimState): UcsSystem {
  const sim = createUcsContext(state);
  // registration order is route precedence among equally specific patterns: keep it
  registerAuth(sim);
  registerQueues(sim);
  registerMetadata(sim);
  registerShared(sim);
  registerUsers(sim);
  registerAgents(sim);
  registerPersons(sim);
  registerCompanies(sim);

  const { r, tokens, persons, companies, isFixture, users, usersTouched, usersDeleted, memberships, metadataOverlay, shared, sharedTouched, simCalls } = sim;
  const sys: UcsSystem = {
    name: 'ucs',
    prefix: '/ucs',
    router: r,
    hasTokens: true,
    credentials: UCS_CREDENTIALS,
    authenticate(ctx: Ctx) {
      const h = header(ctx, 'authorization');
      const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
      if (!m) return oauthErr(401, 'invalid_token', 'Missing access token');
      const c = tokens.check(m[1]);
      if (!c.ok) return oauthErr(401, 'invalid_token', c.reason === 'expired' ? 'The access token provided has expired' : 'Invalid access token');
      ctx.principal = c.info.sub;
      return null;
    },
    errorReply(status: number, message: string) {
      if (status === 401) return oauthErr(401, 'invalid_token', message);
      return json(status, { success: false, data: { error: message } });
    },
    expireTokens() {
      tokens.expireAll();
    },
    snapshot() {
      const pc = persons.changes();
      const cc = companies.changes();
      return {
        persons: { count: persons.size, created: pc.created.filter((e) => !isFixture(e)), updated: [...pc.updated, ...pc.created.filter(isFixture).filter((e) => JSON.stringify(e) !== JSON.stringify(FIXTURE_PERSONS.find((f) => f.id === e.id)))], deleted: pc.deleted },
        companies: { count: companies.size, created: cc.created.filter((e) => !isFixture(e)), updated: [...cc.updated, ...cc.created.filter(isFixture).filter((e) => JSON.stringify(e) !== JSON.stringify(FIXTURE_COMPANIES.find((f) => f.id === e.id)))], deleted: cc.deleted },
        users: { all: [...users.values()].map(publicUser), touched: [...usersTouched], deleted: usersDeleted },
        memberships: Object.fromEntries([...memberships].map(([k, v]) => [k, v])),
        metadata: Object.fromEntries(metadataOverlay),
        shared: Object.fromEntries([...sharedTouched].map((k) => [k, shared[k]])),
        calls: [...simCalls.values()],
      };
    },
    ...createCallSim(sim),
  };
  return sys;
}
