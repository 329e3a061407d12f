/** Call detail records and their metadata (differential merge; null deletes a key). */
import { bodyJson, PARSE_ERROR, type Json } from '../http';
import type { UcsContext } from './context';
import { API, fail, ok } from './protocol';

export function registerMetadata(sim: UcsContext): void {
  const { r, getCdr, getMetadata, metadataOverlay } = sim;
  r.get(`${API}/call/:uniqueid`, (ctx) => {
    const c = getCdr(ctx.params.uniqueid as string);
    if (!c) return fail({ uniqueid: 'Call not found' });
    c.metadata = getMetadata(c.uniqueid);
    return ok(c);
  });
  r.get(`${API}/metadata/:uniqueid`, (ctx) => {
    const m = getMetadata(ctx.params.uniqueid as string);
    return m ? ok(m) : fail({ uniqueid: 'Call not found' });
  });
  r.post(`${API}/metadata/:uniqueid`, (ctx) => {
    const uid = ctx.params.uniqueid as string;
    const cur = getMetadata(uid);
    if (!cur) return fail({ uniqueid: 'Call not found' });
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR || !b || typeof b !== 'object' || Array.isArray(b)) return fail({ metadata: 'payload must be a JSON object' });
    // differential merge: keys sent are created/overwritten, omitted keys stay, null deletes
    for (const [k, v] of Object.entries(b as Json)) {
      if (v === null) delete cur[k];
      else cur[k] = v;
    }
    metadataOverlay.set(uid, cur);
    return ok(cur);
  });
}
