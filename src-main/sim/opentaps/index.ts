/**
 * Opentaps CRM-2 Activities & Task API simulator — seed 004 + digest opentaps-activities.md.
 * Auth: `authToken` + `clientDomain` parameters (query, form or JSON). Success envelope
 * `{"result": {"resultValue": …}}`; errors: non-200 with `{"error", "errors", "message"}`.
 */
import { z } from 'zod';
import { hex24For, indexFromHex24, iso, OverlayCollection, opentaps as O } from '../generator/index';
import { bodyForm, bodyJson, PARSE_ERROR, Router, json, type Ctx, type Json, type Reply } from '../http';
import { TokenStore, type SimState, type SystemModule } from '../state';

export const OPENTAPS_CREDENTIALS = { authToken: 'ot-demo-permanent-token-91c2', clientDomain: O.OT_CLIENT_DOMAIN };

const STATUSES = ['CREATED', 'STARTED', 'COMPLETED', 'CANCELLED'] as const;
const StatusSchema = z.enum(STATUSES);

/** All parameters of a request: query, then form body, then JSON body (later wins). */
function params(ctx: Ctx): URLSearchParams {
  const p = new URLSearchParams(ctx.query);
  for (const [k, v] of bodyForm(ctx)) p.append(k, v);
  const j = bodyJson(ctx);
  if (j && j !== PARSE_ERROR && typeof j === 'object' && !Array.isArray(j)) {
    for (const [k, v] of Object.entries(j as Record<string, unknown>)) {
      if (Array.isArray(v)) for (const x of v) p.append(k, String(x));
      else if (v !== null && typeof v === 'object') p.set(k, JSON.stringify(v));
      else if (v !== undefined && v !== null) p.set(k, String(v));
    }
  }
  return p;
}

function listParam(p: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (const v of [...p.getAll(name), ...p.getAll(`${name}[]`)]) {
    const t = v.trim();
    if (t.startsWith('[')) {
      try {
        for (const x of JSON.parse(t) as unknown[]) out.push(String(x));
        continue;
      } catch {
        /* fall through */
      }
    }
    out.push(...t.split(',').map((s) => s.trim()).filter(Boolean));
  }
  return out;
}

export function createOpentaps(state: SimState): SystemModule {
  const ds = state.ds;
  const seed = state.seed;
  const tokens = new TokenStore(() => state.now());
  const activities = new OverlayCollection<Json>({
    baseCount: ds.opentaps.activities.count,
    gen: (i) => ds.opentaps.activities.get(i),
    indexOf: (id) => indexFromHex24(seed, 'otActivity', id),
    cacheBase: true,
  });
  const r = new Router();

  const err = (status: number, message: string): Reply => json(status, { error: message, errors: [message], message });
  const ok = (value: unknown): Reply => json(200, { result: { resultValue: value } });

  /** apply note_field_* (and plain) activity fields from params onto an activity */
  const applyFields = (a: Json, p: URLSearchParams, prefixedOnly: boolean): string | null => {
    const fields = new Map<string, string>();
    for (const [k, v] of p) {
      if (k.startsWith('note_field_')) fields.set(k.slice('note_field_'.length), v);
      else if (!prefixedOnly && !['authToken', 'clientDomain', 'partial', 'activityId', 'contactId', 'role'].includes(k)) fields.set(k, v);
    }
    for (const [k, v] of fields) {
      if (k === '_id' || k === 'activityId' || k === 'clientDomain') continue;
      if (k === 'activityTypeId' || k === 'activityType') a.activityType = v.toUpperCase();
      else if (k === 'status') {
        const s = StatusSchema.safeParse(v.toUpperCase());
        if (!s.success) return `Invalid status "${v}"; expected one of ${STATUSES.join(', ')}`;
        a.status = s.data;
      } else if (k === 'assignedToContactId' || k === 'assignedToContact') a.assignedToContact = listParam(new URLSearchParams([[k, v]]), k);
      else if (k === 'attributes') {
        try {
          a.attributes = { ...(a.attributes ?? {}), ...(JSON.parse(v) as Json) };
        } catch {
          return 'attributes must be a JSON object';
        }
      } else if (k.startsWith('attribute_')) a.attributes = { ...(a.attributes ?? {}), [k.slice('attribute_'.length)]: v };
      else if (k === 'scheduledDateTime') {
        if (Number.isNaN(Date.parse(v))) return `Invalid scheduledDateTime "${v}"`;
        a.scheduledDateTime = v;
      } else a[k] = v;
    }
    return null;
  };

  const newActivity = (i: number, type: string): Json => ({
    _id: hex24For(seed, 'otActivity', i),
    clientDomain: O.OT_CLIENT_DOMAIN,
    activityType: type,
    noteText: '',
    status: type === 'TASK' ? 'CREATED' : 'COMPLETED',
    attributes: {},
    contacts: [],
    responsibleContactId: null,
    createdDateTime: iso(state.now()),
  });

  // ------------------------------------------------------------ token service [ext]
  r.post(
    '/oauth/temp-token',
    (ctx) => {
      const p = params(ctx);
      if (p.get('authToken') !== OPENTAPS_CREDENTIALS.authToken) return err(401, 'Invalid authToken');
      return json(200, { authToken: tokens.issue('temp', state.config.tokenTtlSeconds).token });
    },
    { public: true },
  );
  r.post(
    '/oauth/validate',
    (ctx) => {
      const t = params(ctx).get('authToken') ?? undefined;
      return json(200, { authenticated: t === OPENTAPS_CREDENTIALS.authToken || tokens.check(t).ok });
    },
    { public: true },
  );

  // ------------------------------------------------------------ activities
  const filterList = (ctx: Ctx, list: Json[]): Json[] => {
    const p = params(ctx);
    const types = (p.get('activityType') ?? '').split(/[\s,]+/).filter(Boolean).map((s) => s.toUpperCase());
    const statuses = (p.get('status') ?? '').split(/[\s,]+/).filter(Boolean).map((s) => s.toUpperCase());
    const contact = p.get('contactId');
    return list.filter((a) => (!types.length || types.includes(a.activityType)) && (!statuses.length || statuses.includes(a.status)) && (!contact || (a.contacts ?? []).some((c: Json) => c.contactId === contact)));
  };
  const all = (): Json[] => {
    const out: Json[] = [];
    activities.scan((a) => void out.push(a));
    return out;
  };

  r.get('/activities', (ctx) => ok(filterList(ctx, all()).map((a) => structuredClone(a))));
  // seed: "/{numberOfActivities}/{startFrom}"; without startFrom the service returns all activities
  r.get('/activities/:count', (ctx) => {
    if (!/^\d+$/.test(ctx.params.count as string)) return err(400, 'numberOfActivities must be a number');
    return ok(filterList(ctx, all()).map((a) => structuredClone(a)));
  });
  r.get('/activities/:count/:startFrom', (ctx) => {
    const { count, startFrom } = ctx.params as { count: string; startFrom: string };
    if (!/^\d+$/.test(count) || !/^\d+$/.test(startFrom)) return err(400, 'numberOfActivities and startFrom must be numbers');
    const p = params(ctx);
    if (p.get('activityType') || p.get('status') || p.get('contactId')) return ok(filterList(ctx, all()).slice(Number(startFrom), Number(startFrom) + Number(count)));
    return ok(activities.list(Number(startFrom), Number(count)));
  });

  r.post('/activities', (ctx) => {
    const p = params(ctx);
    const existingId = p.get('note_field__id') ?? p.get('note_field_activityId') ?? p.get('activityId');
    if (existingId) {
      if (!activities.has(existingId)) return err(404, `Activity ${existingId} not found`);
      let problem: string | null = null;
      const a = activities.update(existingId, (x) => {
        problem = applyFields(x, p, true);
      });
      return problem ? err(400, problem) : ok(a);
    }
    const type = (p.get('note_field_activityType') ?? p.get('note_field_activityTypeId') ?? 'NOTE').toUpperCase();
    const draft = newActivity(0, type);
    const problem = applyFields(draft, p, true);
    if (problem) return err(400, problem);
    if (!draft.noteText) return err(400, 'note_field_noteText is required');
    const created = activities.create((i) => ({ ...draft, _id: hex24For(seed, 'otActivity', i) }));
    return ok(created);
  });

  r.put('/activities/:id', (ctx) => {
    const id = ctx.params.id as string;
    if (!activities.has(id)) return err(404, `Activity ${id} not found`);
    const p = params(ctx);
    let problem: string | null = null;
    const a = activities.update(id, (x) => {
      if (p.get('partial') !== 'Yes') {
        // full replace of the editable fields
        for (const k of ['noteText', 'scheduledDateTime', 'assignedToContact']) delete x[k];
      }
      problem = applyFields(x, p, false);
    });
    return problem ? err(400, problem) : ok(a);
  });

  r.delete('/activities/:id', (ctx) => {
    const id = ctx.params.id as string;
    return activities.remove(id) ? ok({ activityId: id, deleted: true }) : err(404, `Activity ${id} not found`);
  });

  const link = (add: boolean) => (ctx: Ctx) => {
    const p = params(ctx);
    const activityId = p.get('activityId');
    const contactId = p.get('contactId');
    if (!activityId || !contactId) return err(400, 'activityId and contactId are required');
    if (!activities.has(activityId)) return err(404, `Activity ${activityId} not found`);
    const role = p.get('role') ?? null;
    const a = activities.update(activityId, (x) => {
      const cs: Json[] = x.contacts ?? [];
      if (add) {
        if (!cs.some((c) => c.contactId === contactId && (c.role ?? null) === role)) cs.push({ contactId, role });
        x.contacts = cs;
      } else x.contacts = cs.filter((c) => !(c.contactId === contactId && (role === null || (c.role ?? null) === role)));
    });
    return ok(a);
  };
  r.post('/activities/contact/add', link(true));
  r.post('/activities/contact/remove', link(false));

  // ------------------------------------------------------------ tasks
  r.post('/task', (ctx) => {
    const p = params(ctx);
    const draft = newActivity(0, 'TASK');
    // tasks accept activity fields with or without the note_field_ prefix
    const problem = applyFields(draft, p, false);
    if (problem) return err(400, problem);
    draft.activityType = 'TASK'; // tasks do not support activityTypeId
    const assigned = listParam(p, 'assignedToContactId');
    if (assigned.length) draft.assignedToContact = assigned;
    if (!draft.scheduledDateTime) return err(400, 'scheduledDateTime is required');
    if (!draft.assignedToContact?.length) return err(400, 'assignedToContactId is required');
    if (!draft.noteText) return err(400, 'noteText is required');
    draft.responsibleContactId ??= draft.assignedToContact[0];
    const created = activities.create((i) => ({ ...draft, _id: hex24For(seed, 'otActivity', i) }));
    return ok(created);
  });

  r.get('/task', (ctx) => {
    const p = params(ctx);
    const who = listParam(p, 'assignedToContactId');
    const from = p.get('fromScheduledDateTime');
    const to = p.get('toScheduledDateTime');
    const statuses = listParam(p, 'status').map((s) => s.toUpperCase());
    const perPage = Number(p.get('per_page') ?? '0') || Infinity;
    const out: Json[] = [];
    activities.scan((a) => {
      if (a.activityType !== 'TASK') return;
      if (who.length && !(a.assignedToContact ?? []).some((c: string) => who.includes(c))) return;
      const t = Date.parse(a.scheduledDateTime ?? '');
      if (from && !(t >= Date.parse(from))) return;
      if (to && !(t <= Date.parse(to))) return;
      if (statuses.length && !statuses.includes(a.status)) return;
      out.push(structuredClone(a));
      return out.length < perPage;
    });
    return ok(out);
  });

  return {
    name: 'opentaps',
    prefix: '/opentaps',
    router: r,
    // the permanent token cannot expire: token_expiry faults expire temp tokens and reject the matched request
    hasTokens: false,
    credentials: OPENTAPS_CREDENTIALS,
    authenticate(ctx: Ctx) {
      const p = params(ctx);
      const token = p.get('authToken') ?? undefined;
      if (!token) return err(401, 'authToken is required');
      if (token !== OPENTAPS_CREDENTIALS.authToken) {
        const c = tokens.check(token);
        if (!c.ok) return err(401, c.reason === 'expired' ? 'authToken has expired' : 'Invalid authToken');
      }
      const domain = p.get('clientDomain');
      const isDelete = ctx.method === 'DELETE';
      if (!domain && !isDelete) return err(401, 'clientDomain is required');
      if (domain && domain !== OPENTAPS_CREDENTIALS.clientDomain) return err(401, `Unknown clientDomain ${domain}`);
      ctx.principal = token;
      return null;
    },
    errorReply: err,
    expireTokens() {
      tokens.expireAll();
    },
    snapshot() {
      const ch = activities.changes();
      return { activities: { count: activities.size, created: ch.created, updated: ch.updated, deleted: ch.deleted }, agentContacts: ds.opentaps.agentContacts };
    },
  };
}
