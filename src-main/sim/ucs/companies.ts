/** µCRM companies: list, get by id or external id, create, patch, delete; person links are kept on both sides. */
import { indexFromUuid, ucs as U } from '../generator/index';
import { bodyJson, PARSE_ERROR, type Json } from '../http';
import type { UcsContext } from './context';
import { API, fail, listLimit, ok } from './protocol';
import { CompanySchema } from './schemas';

export function registerCompanies(sim: UcsContext): void {
  const { r, seed, companies, companyExt, persons, groups } = sim;
  r.get(`${API}/crm/companies`, (ctx) => {
    const { limit, offset } = listLimit(ctx);
    const page = companies.list(offset, limit).map((c) => ({ id: c.id, group_id: c.group_id, name: c.name, external_id: c.external_id }));
    return ok(page, { total: companies.size });
  });
  const companyByExt = (ext: string): Json | undefined => {
    const touched = companyExt.get(ext);
    const i = touched ?? indexFromUuid(seed, 'organisation', ext);
    if (i === null || i === undefined) return undefined;
    const c = companies.getAt(i);
    return c && c.external_id === ext ? c : undefined;
  };
  r.get(`${API}/crm/company/external/:external_id`, (ctx) => {
    const c = companyByExt(ctx.params.external_id as string);
    return c ? ok(c) : fail({ external_id: 'Company not found' });
  });
  r.get(`${API}/crm/company/:company_id`, (ctx) => {
    const c = companies.get(ctx.params.company_id as string);
    return c ? ok(c) : fail({ company_id: 'Company not found' });
  });
  const linkPersons = (companyId: number, before: Json[], after: Json[]): void => {
    for (const pp of before) if (!after.some((a) => a.person_id === pp.person_id)) persons.update(String(pp.person_id), (x) => void (x.companies = (x.companies ?? []).filter((c: Json) => c.company_id !== companyId)));
    for (const pp of after)
      persons.update(String(pp.person_id), (x) => {
        x.companies = [...(x.companies ?? []).filter((c: Json) => c.company_id !== companyId), { company_id: companyId, role: pp.role ?? null }];
      });
  };
  const personErrors = (list: Json[] | undefined): Record<string, string> => {
    const e: Record<string, string> = {};
    (list ?? []).forEach((pp, k) => {
      if (!persons.has(String(pp.person_id))) e[`persons.${k}.person_id`] = 'Person not found';
    });
    return e;
  };
  r.post(`${API}/crm/company`, (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return fail({ payload: 'invalid JSON' });
    const v = CompanySchema.safeParse(b);
    if (!v.success) return fail(Object.fromEntries(v.error.issues.map((i) => [i.path.join('.') || 'payload', i.message])));
    const c = v.data;
    const e = personErrors(c.persons);
    if (c.group_id === undefined) e.group_id = 'required attribute';
    else if (!groups.some((g) => g.id === c.group_id)) e.group_id = 'unknown group';
    if (Object.keys(e).length) return fail(e);
    const created = companies.create((i) => ({ id: U.UCS_COMPANY_ID_BASE + i, group_id: c.group_id, name: c.name ?? null, external_id: c.external_id ?? null, data: c.data ?? {}, persons: (c.persons ?? []).map((p) => ({ person_id: p.person_id, role: p.role ?? null })), tasks: [] }));
    if (created.external_id) companyExt.set(created.external_id, created.id - U.UCS_COMPANY_ID_BASE);
    linkPersons(created.id, [], created.persons);
    return ok(created.id);
  });
  r.patch(`${API}/crm/company/:company_id`, (ctx) => {
    const id = ctx.params.company_id as string;
    const cur = companies.get(id);
    if (!cur) return fail({ company_id: 'Company not found' });
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return fail({ payload: 'invalid JSON' });
    const v = CompanySchema.safeParse(b);
    if (!v.success) return fail(Object.fromEntries(v.error.issues.map((i) => [i.path.join('.') || 'payload', i.message])));
    const c = v.data as Json;
    const e = personErrors(c.persons);
    if (c.group_id !== undefined && !groups.some((g) => g.id === c.group_id)) e.group_id = 'unknown group';
    if (Object.keys(e).length) return fail(e);
    companies.update(id, (x) => {
      for (const k of ['group_id', 'name', 'external_id', 'data']) if (c[k] !== undefined) x[k] = c[k];
      if (c.persons !== undefined) x.persons = c.persons.map((p: Json) => ({ person_id: p.person_id, role: p.role ?? null }));
    });
    if (c.external_id) companyExt.set(c.external_id, Number(id) - U.UCS_COMPANY_ID_BASE);
    if (c.persons !== undefined) linkPersons(cur.id, cur.persons ?? [], c.persons);
    return ok(null);
  });
  r.delete(`${API}/crm/company/:company_id`, (ctx) => (companies.remove(ctx.params.company_id as string) ? ok(null) : fail({ company_id: 'Company not found' })));
}
