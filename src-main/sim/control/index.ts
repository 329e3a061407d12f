/**
 * Control API under /_sim: reset, state snapshot, request log, faults, calls, clock, config.
 * Not part of any remote system; no auth (the sim only listens on 127.0.0.1).
 */
import { z } from 'zod';
import { FaultSpecSchema } from '../faults';
import { bodyJson, json, PARSE_ERROR, Router, SYSTEMS, type Ctx, type Json, type Reply, type SystemName } from '../http';
import type { SimState } from '../state';
import type { UcsSystem } from '../ucs/index';

const ResetBody = z.object({ seed: z.union([z.number(), z.string()]).optional(), scale: z.enum(['small', 'large']).optional() });
const CallBody = z.object({ number: z.string().min(1), queue: z.union([z.string(), z.number()]).default(74), name: z.string().optional() });
const AnswerBody = z.object({ agent: z.union([z.string(), z.number()]).optional() });
const ClockBody = z.object({ advanceMs: z.number().int().optional(), offsetMs: z.number().int().optional() });
const ConfigBody = z.object({
  screenPopUrl: z.string().url().nullable().optional(),
  afostoLabelFormat: z.enum(['zpl', 'pdf']).optional(),
  taskDelayMs: z.number().int().min(0).optional(),
  tokenTtlSeconds: z.number().int().min(1).optional(),
});

function bad(message: string, details?: unknown): Reply {
  return json(400, { error: 'bad_request', message, details });
}

function parse<T>(ctx: Ctx, schema: z.ZodType<T>, allowEmpty = true): { ok: true; value: T } | { ok: false; reply: Reply } {
  const b = bodyJson(ctx);
  if (b === PARSE_ERROR) return { ok: false, reply: bad('invalid JSON') };
  const v = schema.safeParse(b === undefined && allowEmpty ? {} : b);
  return v.success ? { ok: true, value: v.data } : { ok: false, reply: bad('invalid body', v.error.issues) };
}

export function simInfo(state: SimState): Json {
  const base = state.baseUrl;
  const urls = { afosto: `${base}/afosto`, ucs: `${base}/ucs`, ultracart: `${base}/ultracart/rest/v2`, homs: `${base}/homs`, opentaps: `${base}/opentaps`, control: `${base}/_sim` };
  return {
    seed: state.seedInput,
    scale: state.scale,
    counts: state.ds.counts,
    urls,
    credentials: Object.fromEntries(SYSTEMS.map((s) => [s, state.systems[s].credentials])),
    config: state.config,
    clockOffsetMs: state.clockOffsetMs,
  };
}

export function createControl(state: SimState): Router {
  const r = new Router();
  const ucs = (): UcsSystem => state.systems.ucs as UcsSystem;
  const tick = <T>(f: (ctx: Ctx) => T) => (ctx: Ctx) => {
    state.tick();
    return f(ctx);
  };

  r.get('/', tick(() => json(200, simInfo(state))));

  r.post('/reset', (ctx) => {
    const p = parse(ctx, ResetBody);
    if (!p.ok) return p.reply;
    state.reset(p.value.seed, p.value.scale);
    return json(200, simInfo(state));
  });

  r.get(
    '/state',
    tick(() => json(200, Object.fromEntries(SYSTEMS.map((s) => [s, state.systems[s].snapshot()])))),
  );
  r.get(
    '/state/:system',
    tick((ctx) => {
      const s = ctx.params.system as SystemName;
      return SYSTEMS.includes(s) ? json(200, state.systems[s].snapshot()) : json(404, { error: 'unknown system', systems: SYSTEMS });
    }),
  );

  r.get('/requests', (ctx) => {
    const system = ctx.query.get('system');
    const since = Number(ctx.query.get('since') ?? '0');
    const method = ctx.query.get('method')?.toUpperCase();
    const path = ctx.query.get('path');
    const limit = Number(ctx.query.get('limit') ?? '1000');
    const out = state.log.filter((e) => e.seq > since && (!system || e.system === system) && (!method || e.method === method) && (!path || e.path.startsWith(path)));
    return json(200, out.slice(-limit));
  });
  r.delete('/requests', () => {
    state.log = [];
    return { status: 204 };
  });

  r.get('/faults', () => json(200, state.faults.list()));
  r.post('/faults', (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR || b === undefined) return bad('body must be a fault spec or an array of them');
    const specs = Array.isArray(b) ? b : [b];
    const parsed = specs.map((s) => FaultSpecSchema.safeParse(s));
    const failed = parsed.find((p) => !p.success);
    if (failed && !failed.success) return bad('invalid fault spec', failed.error.issues);
    const added = parsed.map((p) => state.faults.add((p as { data: z.infer<typeof FaultSpecSchema> }).data));
    return json(201, Array.isArray(b) ? added : added[0]);
  });
  r.delete('/faults', () => {
    state.faults.clear();
    return { status: 204 };
  });
  r.delete('/faults/:id', (ctx) => (state.faults.remove(ctx.params.id as string) ? { status: 204 } : json(404, { error: 'unknown fault' })));

  r.post('/tokens/expire', (ctx) => {
    const system = ctx.query.get('system');
    for (const s of SYSTEMS) if (!system || s === system) state.systems[s].expireTokens();
    return { status: 204 };
  });

  r.get('/calls', () => json(200, ucs().calls()));
  r.post('/calls', async (ctx) => {
    const p = parse(ctx, CallBody, false);
    if (!p.ok) return p.reply;
    const res = await ucs().ring(p.value.number, p.value.queue);
    return 'error' in res ? bad(res.error) : json(201, res);
  });
  r.post('/calls/:uniqueid/answer', (ctx) => {
    const p = parse(ctx, AnswerBody);
    if (!p.ok) return p.reply;
    const res = ucs().answer(ctx.params.uniqueid as string, p.value.agent);
    return 'error' in res ? bad(res.error) : json(200, res);
  });
  r.post('/calls/:uniqueid/hangup', (ctx) => {
    const res = ucs().hangup(ctx.params.uniqueid as string);
    return 'error' in res ? bad(res.error) : json(200, res);
  });

  r.get('/clock', () => json(200, { now: new Date(state.now()).toISOString(), offsetMs: state.clockOffsetMs }));
  r.post('/clock', (ctx) => {
    const p = parse(ctx, ClockBody);
    if (!p.ok) return p.reply;
    if (p.value.offsetMs !== undefined) state.clockOffsetMs = p.value.offsetMs;
    if (p.value.advanceMs !== undefined) state.clockOffsetMs += p.value.advanceMs;
    state.tick();
    return json(200, { now: new Date(state.now()).toISOString(), offsetMs: state.clockOffsetMs });
  });

  r.get('/config', () => json(200, state.config));
  r.put('/config', (ctx) => {
    const p = parse(ctx, ConfigBody);
    if (!p.ok) return p.reply;
    const v = p.value;
    if (v.screenPopUrl !== undefined) {
      state.config.screenPopUrl = v.screenPopUrl;
      for (const t of state.ds.ucs.teams) t.tasks = { ...t.tasks, call: v.screenPopUrl ? 1 : t.tasks.call, call_url: v.screenPopUrl };
    }
    if (v.afostoLabelFormat) state.config.afostoLabelFormat = v.afostoLabelFormat;
    if (v.taskDelayMs !== undefined) state.config.taskDelayMs = v.taskDelayMs;
    if (v.tokenTtlSeconds !== undefined) state.config.tokenTtlSeconds = v.tokenTtlSeconds;
    return json(200, state.config);
  });

  r.get('/routes', () =>
    json(
      200,
      Object.fromEntries(SYSTEMS.map((s) => [s, state.systems[s].router.list().map((x) => `${x.method} ${state.systems[s].prefix}${x.pattern}`)])),
    ),
  );

  return r;
}
