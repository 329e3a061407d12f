/** Shared data: free JSON values stored under an identificator. */
import { bodyJson, PARSE_ERROR } from '../http';
import type { UcsContext } from './context';
import { API, fail, ok } from './protocol';

export function registerShared(sim: UcsContext): void {
  const { r, shared, sharedTouched } = sim;
  r.get(`${API}/shared/:id`, (ctx) => {
    const v = shared[ctx.params.id as string];
    return v === undefined ? fail({ identificator: 'Unknown identificator' }) : ok(v);
  });
  r.post(`${API}/shared/:id`, (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR || b === undefined) return fail({ data: 'payload must be JSON' });
    shared[ctx.params.id as string] = b;
    sharedTouched.add(ctx.params.id as string);
    return ok(null);
  });
}
