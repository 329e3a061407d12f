/**
 * Afosto wire conventions shared by every route module: the error body
 * `{code, message, reference, errors: {"invalid value": [], "required": []}}`, body validation,
 * `x-page` / `x-page-size` paging and the `{constraints: [{key, operator: 'in', values}]}` search bodies.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { bodyJson, header, intParam, json, PARSE_ERROR, type Ctx, type Json, type Reply } from '../http';
import type { Constraint } from './schemas';

export const CREATED = 1_000_000_000; // created entities of sparse collections use ids from this index up

export const truthy = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true';

export const err = (status: number, message: string, errors: { required?: string[]; invalid?: string[] } = {}): Reply =>
  json(status, { code: status, message, reference: randomUUID(), errors: { 'invalid value': errors.invalid ?? [], required: errors.required ?? [] } });
export const notFound = (what: string): Reply => err(404, `${what} not found`);
export const parse = <T>(ctx: Ctx, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; reply: Reply } => {
  const b = bodyJson(ctx);
  if (b === PARSE_ERROR) return { ok: false, reply: err(400, 'Invalid JSON body') };
  const v = schema.safeParse(b);
  if (v.success) return { ok: true, value: v.data };
  const required: string[] = [];
  const invalid: string[] = [];
  for (const i of v.error.issues) {
    const p = i.path.map(String).join('.') || 'body';
    if (i.code === 'invalid_type' && /received undefined/.test(i.message)) required.push(p);
    else invalid.push(p);
  }
  return { ok: false, reply: err(400, 'Bad request', { required, invalid }) };
};
export const paging = (ctx: Ctx): { page: number; size: number; offset: number } => {
  const page = intParam(header(ctx, 'x-page'), 1, 1);
  const size = intParam(header(ctx, 'x-page-size'), 25, 1, 500);
  return { page, size, offset: (page - 1) * size };
};
export const paged = (ctx: Ctx, items: Json[], total: number): Reply => {
  const { page } = paging(ctx);
  return json(200, items, { 'x-count': String(total), 'x-page': String(page) });
};
/** For the lists whose document promises only `x-page` (GET /odr/orders, /rel/contacts, /wms/claims):
 *  no total, so a client must page until a short or empty page. */
export const pagedNoCount = (ctx: Ctx, items: Json[]): Reply => json(200, items, { 'x-page': String(paging(ctx).page) });
export const constraintsOf = (body: { constraints: z.infer<typeof Constraint>[] }): { map: Map<string, string[]>; bad: string[] } => {
  const map = new Map<string, string[]>();
  const bad: string[] = [];
  body.constraints.forEach((c, k) => {
    if (c.operator !== 'in') bad.push(`constraints.${k}.operator`);
    map.set(c.key, (c.values ?? c.value ?? []).map((x) => String(x)));
  });
  return { map, bad };
};
export const boolMatch = (want: string[] | undefined, v: boolean): boolean => !want || want.length === 0 || want.some((w) => truthy(w) === v);
