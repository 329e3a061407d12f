/** Users: list, get/patch/delete by id or external id, create (with UCS-style attribute validation). */
import { bodyJson, PARSE_ERROR, type Ctx, type Json } from '../http';
import type { UcsContext } from './context';
import { API, fail, ok } from './protocol';

export function registerUsers(sim: UcsContext): void {
  const { r, users, usersTouched, usersDeleted, memberships, groups, roles, teams } = sim;
  let nextUserId = 100;
  const userByRef = (ctx: Ctx): Json | undefined => {
    if (ctx.params.external_id !== undefined) return [...users.values()].find((u) => u.external_id === ctx.params.external_id);
    return /^\d+$/.test(ctx.params.user_id as string) ? users.get(Number(ctx.params.user_id)) : undefined;
  };
  const validateUser = (b: Json, creating: boolean): Record<string, string> => {
    const e: Record<string, string> = {};
    if (creating && !b.username) e.username = 'required attribute';
    if (creating && b.group_id === undefined) e.group_id = 'required attribute';
    if (b.username !== undefined && [...users.values()].some((u) => String(u.username).toLowerCase() === String(b.username).toLowerCase() && u.id !== b.id)) e.username = 'already exists';
    for (const k of ['group_id', 'role_id', 'team_id', 'filter_id', 'primary_extension', 'wssip_device_id']) {
      if (b[k] !== undefined && b[k] !== null && !Number.isInteger(b[k])) e[k] = 'value must be integer number';
    }
    if (b.group_id !== undefined && Number.isInteger(b.group_id) && !groups.some((g) => g.id === b.group_id)) e.group_id = 'unknown group';
    if (b.role_id != null && Number.isInteger(b.role_id) && !roles.some((x) => x.id === b.role_id)) e.role_id = 'unknown role';
    if (b.team_id != null && Number.isInteger(b.team_id) && !teams.some((x) => x.id === b.team_id) && b.team_id !== 1) e.team_id = 'unknown team';
    for (const k of ['number', 'clid_number']) {
      if (typeof b[k] === 'string') {
        const bad = /[^0-9+*#\s]/.exec(b[k]);
        if (bad) e[k] = `contain invalid character (invalid character "${bad[0]}")`;
      }
    }
    if (b.locale !== undefined && !['cs_CZ', 'en_US', 'sk_SK'].includes(b.locale)) e.locale = 'unknown locale';
    for (const k of ['active', 'public', 'certificate']) if (b[k] !== undefined && typeof b[k] !== 'boolean') e[k] = 'value must be boolean';
    return e;
  };
  r.get(`${API}/users`, () => ok([...users.values()].map((u) => ({ id: u.id, name: u.displayname ?? u.username, external_id: u.external_id ?? null }))));
  for (const ref of ['/user/:user_id', '/user/external/:external_id']) {
    r.get(`${API}${ref}`, (ctx) => {
      const u = userByRef(ctx);
      return u ? ok(publicUser(u)) : fail({ id: 'User not found' });
    });
    r.patch(`${API}${ref}`, (ctx) => {
      const u = userByRef(ctx);
      if (!u) return fail({ id: 'User not found' });
      const b = bodyJson(ctx);
      if (b === PARSE_ERROR || !b || typeof b !== 'object') return fail({ payload: 'invalid JSON' });
      const e = validateUser({ ...(b as Json), id: u.id }, false);
      if (Object.keys(e).length) return fail(e); // one bad attribute blocks the whole update
      const { id: _ignore, ...rest } = b as Json;
      Object.assign(u, rest);
      if (rest.firstname !== undefined || rest.lastname !== undefined) u.displayname = [u.firstname, u.lastname].filter((x) => x && x !== 'null').join(' ') || u.username;
      usersTouched.add(u.id);
      return ok(null);
    });
    r.delete(`${API}${ref}`, (ctx) => {
      const u = userByRef(ctx);
      if (!u) return fail({ id: 'User not found' });
      users.delete(u.id);
      memberships.delete(u.id);
      usersDeleted.push(u.id);
      return ok(null);
    });
  }
  r.post(`${API}/user`, (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR || !b || typeof b !== 'object') return fail({ payload: 'invalid JSON' });
    const e = validateUser(b as Json, true);
    if (Object.keys(e).length) return fail(e);
    while (users.has(nextUserId) || usersDeleted.includes(nextUserId)) nextUserId++; // skip the seed's user 123
    const id = nextUserId++;
    const bb = b as Json;
    users.set(id, { id, active: true, external_id: null, role_id: null, team_id: null, locale: 'cs_CZ', firstname: null, lastname: null, public: true, data: {}, ...bb, displayname: bb.displayname ?? ([bb.firstname, bb.lastname].filter(Boolean).join(' ') || bb.username) });
    usersTouched.add(id);
    return ok(id);
  });
}

/** a user without its password */
export const publicUser = (u: Json): Json => {
  const { password: _p, ...rest } = u;
  return rest;
};
