/** Spooler: print hubs, printers and the print queue (jobs are printed on the tick after `schedule_at`). */
import { randomUUID } from 'node:crypto';
import { iso } from '../generator/index';
import { header, intParam, json, type Json } from '../http';
import { err, notFound, parse } from './protocol';
import { JobModel, JobStatus, PrinterModel } from './schemas';
import type { AfostoSim } from './sim';

export function registerPrintHubs(sim: AfostoSim): void {
  const { r, state, nowIso, hubs, printers, jobs, jobDue } = sim;
  r.get('/spl/hubs', () => json(200, [...hubs.values()].filter((h) => !h.disabled_at)));
  r.get('/spl/hubs/:id', (ctx) => {
    const h = hubs.get(ctx.params.id as string);
    return h ? json(200, h) : notFound('Hub');
  });
  r.get('/spl/hubs/:id/status', (ctx) => {
    const h = hubs.get(ctx.params.id as string);
    if (!h) return notFound('Hub');
    return json(200, { is_online: h.status === 'online', is_idle: ![...jobs.values()].some((j) => j.hub_id === h.id && j.status === 'scheduled'), location: 'Praha-Hostivař', network: { ip_address: '192.168.10.5', remote_ip_address: '203.0.113.10', last_connected_at: nowIso() }, image: { is_up_to_date: true, download_progress: 100, version: '2.14.0' } });
  });
  r.get('/spl/printers', (ctx) => {
    const hub = ctx.query.get('hub_id');
    const inbox = ctx.query.get('inbox_id');
    return json(200, [...printers.values()].filter((p) => !p.disabled_at && (!hub || p.hub_id === hub) && (!inbox || p.inbox_id === inbox)));
  });
  r.post('/spl/printers', (ctx) => {
    const p = parse(ctx, PrinterModel);
    if (!p.ok) return p.reply;
    if (!hubs.has(p.value.hub_id)) return err(404, 'Hub not found');
    const now = nowIso();
    const pr = { id: randomUUID(), name: p.value.name, hub_id: p.value.hub_id, default_encoding: p.value.default_encoding, connection: p.value.connection, settings: p.value.settings ?? {}, inbox_id: null, disabled_at: null, created_at: now, updated_at: now };
    printers.set(pr.id, pr);
    return json(200, pr);
  });
  r.get('/spl/printers/:id', (ctx) => {
    const p = printers.get(ctx.params.id as string);
    return p ? json(200, p) : err(404, 'Printer not found');
  });
  r.put('/spl/printers/:id', (ctx) => {
    const p = parse(ctx, PrinterModel);
    if (!p.ok) return p.reply;
    const pr = printers.get(ctx.params.id as string);
    if (!pr) return err(404, 'Printer not found');
    if (!hubs.has(p.value.hub_id)) return err(404, 'Hub not found');
    Object.assign(pr, { name: p.value.name, hub_id: p.value.hub_id, default_encoding: p.value.default_encoding, connection: p.value.connection, settings: p.value.settings ?? pr.settings, updated_at: nowIso() });
    return json(200, pr);
  });
  r.delete('/spl/printers/:id', (ctx) => {
    const pr = printers.get(ctx.params.id as string);
    if (!pr) return err(404, 'Printer not found');
    pr.disabled_at = nowIso();
    return json(200, pr);
  });
  r.get('/spl/queue', (ctx) => {
    const status = ctx.query.get('status') ?? 'scheduled';
    const printer = ctx.query.get('printer_id');
    const tag = ctx.query.get('tag');
    const hubOfPrinter = printer ? printers.get(printer)?.hub_id : null;
    const all = [...jobs.values()]
      .filter((j) => (status === 'received' ? j.status === 'scheduled' || j.status === 'pending' : j.status === status) && (!tag || j.tag === tag) && (!printer || j.hub_id === hubOfPrinter))
      .sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
    // cursor paging: x-page is an opaque token; response x-page is the next token (absent at the end)
    const size = intParam(header(ctx, 'x-page-size'), 25, 1, 500);
    const cursor = header(ctx, 'x-page');
    const offset = cursor && cursor !== '1' ? intParam(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o:/, ''), 0, 0) : 0;
    const page = all.slice(offset, offset + size);
    const headers: Record<string, string> = {};
    if (offset + size < all.length) headers['x-page'] = Buffer.from(`o:${offset + size}`).toString('base64url');
    return json(200, page, headers);
  });
  r.post('/spl/queue', (ctx) => {
    const p = parse(ctx, JobModel);
    if (!p.ok) return p.reply;
    const hub = hubs.get(p.value.hub_id);
    if (!hub || ![...printers.values()].some((x) => x.hub_id === hub.id && !x.disabled_at)) return err(404, 'Printer not found');
    const now = nowIso();
    const j = { id: randomUUID(), job: p.value.job, tag: p.value.tag ?? null, description: p.value.description ?? null, artifact: null, reference: p.value.reference ?? null, status: 'scheduled', hub_id: hub.id, schedule_at: p.value.schedule_at ?? now, printed_at: null, created_at: now, updated_at: now };
    jobs.set(j.id, j);
    jobDue.set(j.id, Math.max(state.now(), Date.parse(j.schedule_at) || 0) + state.config.taskDelayMs);
    return json(200, j);
  });
  const jobByRef = (ref: string): Json | undefined => jobs.get(ref) ?? [...jobs.values()].reverse().find((j) => j.reference === ref);
  r.get('/spl/queue/:reference', (ctx) => {
    const j = jobByRef(ctx.params.reference as string);
    return j ? json(200, j) : err(404, 'Job not found');
  });
  r.put('/spl/queue/:reference', (ctx) => {
    const p = parse(ctx, JobStatus);
    if (!p.ok) return p.reply;
    const j = jobByRef(ctx.params.reference as string);
    if (!j) return err(404, 'Job not found');
    const status = p.value.status === 'success' ? 'printed' : p.value.status === 'received' ? 'pending' : p.value.status;
    Object.assign(j, { status, updated_at: p.value.changed_at ?? nowIso(), printed_at: status === 'printed' ? (p.value.changed_at ?? nowIso()) : j.printed_at });
    jobDue.delete(j.id);
    return json(201, { reference: ctx.params.reference, status: p.value.status });
  });
}

/** scheduled jobs whose time has come are printed */
export function tickJobs(sim: AfostoSim, now: number): void {
  const { jobs, jobDue } = sim;
  for (const [id, due] of jobDue) {
    if (due > now) continue;
    const j = jobs.get(id);
    if (j && j.status === 'scheduled') Object.assign(j, { status: 'printed', printed_at: iso(due), updated_at: iso(due) });
    jobDue.delete(id);
  }
}
