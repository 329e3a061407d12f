/** µCRM persons: list, get by id or external id, create, patch (contacts replace the list), delete. */
import { indexFromUuid, ucs as U } from '../generator/index';
import { bodyJson, PARSE_ERROR, type Json } from '../http';
import type { UcsContext } from './context';
import { API, fail, listLimit, ok } from './protocol';
import { PersonSchema } from './schemas';

export function registerPersons(sim: UcsContext): void {
  const { r, ds, seed, persons, personExt, groups } = sim;
  let nextContactId = U.UCS_CONTACT_ID_BASE + ds.counts.persons * 8 + 100;
  r.get(`${API}/crm/persons`, (ctx) => {
    const { limit, offset } = listLimit(ctx);
    const page = persons.list(offset, limit).map((p) => ({ id: p.id, group_id: p.group_id, displayname: p.displayname, firstname: p.firstname, lastname: p.lastname, external_id: p.external_id }));
    return ok(page, { total: persons.size });
  });
  const personByExt = (ext: string): Json | undefined => {
    const touched = personExt.get(ext);
    if (touched !== undefined) {
      const p = persons.getAt(touched);
      return p && p.external_id === ext ? p : undefined;
    }
    const i = indexFromUuid(seed, 'contact', ext);
    if (i === null) return undefined;
    const p = persons.getAt(i);
    return p && p.external_id === ext ? p : undefined;
  };
  r.get(`${API}/crm/person/external/:external_id`, (ctx) => {
    const p = personByExt(ctx.params.external_id as string);
    return p ? ok(p) : fail({ external_id: 'Person not found' });
  });
  r.get(`${API}/crm/person/:person_id`, (ctx) => {
    const p = persons.get(ctx.params.person_id as string);
    return p ? ok(p) : fail({ person_id: 'Person not found' });
  });
  const contactErrors = (contacts: Json[] | undefined): Record<string, string> => {
    const e: Record<string, string> = {};
    (contacts ?? []).forEach((c, k) => {
      if (c.type === 1 && /[^0-9+()\s/-]/.test(c.contact)) e[`contacts.${k}.contact`] = `contain invalid character (invalid character "${/[^0-9+()\s/-]/.exec(c.contact)![0]}")`;
      if (c.type === 2 && !/^[^@\s]+@[^@\s]+$/.test(c.contact)) e[`contacts.${k}.contact`] = 'invalid e-mail address';
    });
    return e;
  };
  const withContactIds = (contacts: Json[]): Json[] => contacts.map((c) => ({ id: nextContactId++, type: c.type, contact: c.contact, label: c.label ?? '' }));
  r.post(`${API}/crm/person`, (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return fail({ payload: 'invalid JSON' });
    const v = PersonSchema.safeParse(b);
    if (!v.success) return fail(Object.fromEntries(v.error.issues.map((i) => [i.path.join('.') || 'payload', i.message])));
    const p = v.data;
    const e: Record<string, string> = contactErrors(p.contacts);
    if (p.group_id === undefined) e.group_id = 'required attribute';
    else if (!groups.some((g) => g.id === p.group_id)) e.group_id = 'unknown group';
    if (p.external_id && personByExt(p.external_id)) e.external_id = 'already exists';
    if (Object.keys(e).length) return fail(e);
    const created = persons.create((i) => ({
      id: U.UCS_PERSON_ID_BASE + i,
      group_id: p.group_id,
      displayname: p.displayname ?? ([p.firstname, p.lastname].filter(Boolean).join(' ') || null),
      firstname: p.firstname ?? null,
      lastname: p.lastname ?? null,
      note: p.note ?? null,
      external_id: p.external_id ?? null,
      data: p.data ?? {},
      contacts: withContactIds(p.contacts ?? []),
      interactions: [],
      companies: [],
      tasks: [],
    }));
    if (created.external_id) personExt.set(created.external_id, created.id - U.UCS_PERSON_ID_BASE);
    return ok(created.id);
  });
  r.patch(`${API}/crm/person/:person_id`, (ctx) => {
    const id = ctx.params.person_id as string;
    if (!persons.has(id)) return fail({ person_id: 'Person not found' });
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return fail({ payload: 'invalid JSON' });
    const v = PersonSchema.safeParse(b);
    if (!v.success) return fail(Object.fromEntries(v.error.issues.map((i) => [i.path.join('.') || 'payload', i.message])));
    const p = v.data as Json;
    const e = contactErrors(p.contacts);
    if (p.group_id !== undefined && !groups.some((g) => g.id === p.group_id)) e.group_id = 'unknown group';
    if (p.external_id) {
      const other = personByExt(p.external_id);
      if (other && String(other.id) !== id) e.external_id = 'already exists';
    }
    if (Object.keys(e).length) return fail(e);
    persons.update(id, (x) => {
      for (const k of ['group_id', 'displayname', 'firstname', 'lastname', 'note', 'external_id', 'data']) if (p[k] !== undefined) x[k] = p[k];
      // contacts, when sent, replace the whole list
      if (p.contacts !== undefined) x.contacts = withContactIds(p.contacts);
      if (p.external_id) personExt.set(p.external_id, Number(id) - U.UCS_PERSON_ID_BASE);
    });
    return ok(null);
  });
  r.delete(`${API}/crm/person/:person_id`, (ctx) => (persons.remove(ctx.params.person_id as string) ? ok(null) : fail({ person_id: 'Person not found' })));
}
