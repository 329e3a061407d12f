/** Agent queue membership: list and differential update per agent (add, re-prioritise, suspend, remove). */
import { bodyJson, PARSE_ERROR, type Json } from '../http';
import type { UcsContext } from './context';
import { API, fail, ok } from './protocol';
import { MembershipSchema } from './schemas';

export function registerAgents(sim: UcsContext): void {
  const { r, users, usersTouched, memberships, teams, queueDef } = sim;
  r.get(`${API}/queues/agents`, () =>
    ok(
      [...users.values()]
        .filter((u) => memberships.has(u.id))
        .map((u) => ({ id: u.id, name: u.displayname ?? u.username, external_id: u.external_id ?? null, queues: structuredClone(memberships.get(u.id)) })),
    ),
  );
  r.post(`${API}/queues/agents`, (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return fail({ payload: 'invalid JSON' });
    const v = MembershipSchema.safeParse(b);
    if (!v.success) return fail(Object.fromEntries(v.error.issues.map((i) => [i.path.join('.') || 'payload', i.message])));
    const results: Json[] = [];
    for (const a of v.data) {
      const key = a.id !== undefined ? { id: a.id } : { external_id: a.external_id };
      const u = a.id !== undefined ? users.get(a.id) : [...users.values()].find((x) => x.external_id === a.external_id);
      if (!u) {
        results.push({ ...key, success: false, error: a.id !== undefined ? 'Unknown agent id' : 'Unknown agent external_id', queues: [] });
        continue;
      }
      const cur: Json[] = memberships.get(u.id) ?? [];
      const next: Json[] = [];
      const qres: Json[] = [];
      const team = teams.find((t) => t.id === u.team_id);
      for (const q of a.queues) {
        const def = queueDef(q.id);
        if (!def) {
          qres.push({ id: q.id, success: false, message: 'Unknown queue id', error: 'Unknown queue id' });
          continue;
        }
        if (q.priority !== undefined && (q.priority < 1 || q.priority > 100)) {
          qres.push({ id: q.id, success: false, message: 'priority must be between 1 and 100', error: 'priority must be between 1 and 100' });
          const keep = cur.find((m) => m.id === q.id);
          if (keep) next.push(keep);
          continue;
        }
        const existing = cur.find((m) => m.id === q.id);
        if (!existing) {
          next.push({ id: q.id, type: def.type, priority: q.priority ?? team?.default_inbound_priority ?? 100, suspended: q.suspended ?? false });
          qres.push({ id: q.id, success: true, message: 'Agent added into queue' });
          continue;
        }
        const changed = (q.priority !== undefined && q.priority !== existing.priority) || (q.suspended !== undefined && q.suspended !== existing.suspended);
        next.push({ ...existing, priority: q.priority ?? existing.priority, suspended: q.suspended ?? existing.suspended });
        qres.push({ id: q.id, success: true, message: changed ? 'Agent membership updated' : 'Nothing to change' });
      }
      for (const m of cur) {
        if (!a.queues.some((q) => q.id === m.id)) qres.push({ id: m.id, success: true, message: 'Agent removed from queue' });
      }
      memberships.set(u.id, next);
      usersTouched.add(u.id);
      results.push({ ...key, success: true, queues: qres });
    }
    return ok(results);
  });
}
