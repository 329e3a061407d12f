/**
 * The UCS simulator's state (queues, users, memberships, shared data, call metadata, persons and
 * companies as overlays on the demo dataset with the seed's fixtures) and the lookups the route modules share.
 */
import { OverlayCollection, ucs as U } from '../generator/index';
import { Router, type Json } from '../http';
import { TokenStore, type SimState } from '../state';
import type { SimCall } from './calls';
import { FIXTURE_CALLS, FIXTURE_COMPANIES, FIXTURE_PERSONS } from './fixtures';

export function createUcsContext(state: SimState) {
  const ds = state.ds;
  const seed = state.seed;
  const tokens = new TokenStore(() => state.now());
  const r = new Router();

  const groups: Json[] = ds.ucs.groups;
  const roles: Json[] = ds.ucs.roles;
  const teams: Json[] = ds.ucs.teams;
  const queues: Json[] = ds.ucs.queues.slice(0, ds.ucs.queues.count);
  const users = new Map<number, Json>(ds.ucs.users.map((u: Json) => [u.id, u]));
  const usersTouched = new Set<number>();
  const usersDeleted: number[] = [];
  const memberships = new Map<number, Json[]>(ds.ucs.memberships.map((m: Json) => [m.id, m.queues]));
  const shared: Record<string, Json> = ds.ucs.shared;
  const sharedTouched = new Set<string>();
  const metadataOverlay = new Map<string, Json>();
  const simCalls = new Map<string, SimCall>();
  const cdrOverlay = new Map<string, Json>();

  // fixtures (the seed's example records) sit in the first created slots under their documented ids
  const fixturePersonIdx = new Map<number, number>();
  const fixtureCompanyIdx = new Map<number, number>();
  const numericIndex = (fixtures: Map<number, number>, base: number) => (id: string) => {
    if (!/^\d+$/.test(id)) return null;
    const n = Number(id);
    const f = fixtures.get(n);
    if (f !== undefined) return f;
    return n >= base ? n - base : null;
  };
  const persons = new OverlayCollection<Json>({ baseCount: ds.counts.persons, gen: (i) => ds.ucs.persons.get(i), indexOf: numericIndex(fixturePersonIdx, U.UCS_PERSON_ID_BASE) });
  const companies = new OverlayCollection<Json>({ baseCount: ds.counts.companies, gen: (i) => ds.ucs.companies.get(i), indexOf: numericIndex(fixtureCompanyIdx, U.UCS_COMPANY_ID_BASE) });
  for (const f of FIXTURE_PERSONS) persons.create((i) => (fixturePersonIdx.set(f.id, i), structuredClone(f)));
  for (const f of FIXTURE_COMPANIES) companies.create((i) => (fixtureCompanyIdx.set(f.id, i), structuredClone(f)));
  const fixtureCalls = new Map<string, Json>(FIXTURE_CALLS.map((c) => [c.uniqueid, c]));
  const isFixture = (e: Json): boolean => fixturePersonIdx.has(e.id) || fixtureCompanyIdx.has(e.id);
  // external_id → index for persons/companies whose external id was set or changed through the API
  const personExt = new Map<string, number>(FIXTURE_PERSONS.filter((f) => f.external_id).map((f) => [f.external_id, fixturePersonIdx.get(f.id) as number]));
  const companyExt = new Map<string, number>(FIXTURE_COMPANIES.filter((f) => f.external_id).map((f) => [f.external_id, fixtureCompanyIdx.get(f.id) as number]));

  const teamCallUrl = (): void => {
    for (const t of teams) if (state.config.screenPopUrl) t.tasks = { ...t.tasks, call: 1, call_url: state.config.screenPopUrl };
  };
  teamCallUrl();

  const baseCall = (uid: string): Json | null => {
    const fx = fixtureCalls.get(uid);
    if (fx) return structuredClone(fx);
    const k = U.callIndexFromUniqueId(uid);
    if (k === null || k >= ds.counts.calls) return null;
    return ds.ucs.calls.get(k).cdr;
  };
  const getCdr = (uid: string): Json | null => {
    const o = cdrOverlay.get(uid);
    if (o) return structuredClone(o);
    return baseCall(uid);
  };
  const getMetadata = (uid: string): Json | null => {
    if (metadataOverlay.has(uid)) return structuredClone(metadataOverlay.get(uid));
    const c = getCdr(uid);
    return c ? structuredClone(c.metadata ?? {}) : null;
  };
  const queueDef = (id: number): Json | undefined => queues.find((q) => q.id === id);
  return {
    state, ds, seed, tokens, r, groups, roles, teams, queues, users, usersTouched, usersDeleted, memberships,
    shared, sharedTouched, metadataOverlay, simCalls, cdrOverlay, persons, companies, isFixture,
    personExt, companyExt, getCdr, getMetadata, queueDef,
  };
}

export type UcsContext = ReturnType<typeof createUcsContext>;
