/**
 * Fault injection, per system and route, each fault bounded in count and/or time.
 *
 * Kinds:
 * - `latency`      — wait `latencyMs` before handling (then answer normally)
 * - `error`        — answer `status` (429 adds `Retry-After: retryAfter`) in the system's error style,
 *                    without applying the request
 * - `reset`        — destroy the connection before handling (nothing applied, no reply)
 * - `lost_reply`   — apply the request, then destroy the connection ("applied but reply lost")
 * - `malformed`    — apply the request, then answer 200 with a truncated, invalid JSON body
 * - `token_expiry` — expire the system's issued tokens now (early expiry), so this and later requests
 *                    get the system's own auth failure until the client re-authenticates; for static
 *                    credentials (UltraCart key, HOMS Basic) the matched request is answered as unauthenticated
 */
import { z } from 'zod';
import { mulberry32 } from './generator/prng';
import type { SystemName } from './http';

export const FAULT_KINDS = ['latency', 'error', 'reset', 'lost_reply', 'malformed', 'token_expiry'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FaultSpecSchema = z.object({
  system: z.enum(['afosto', 'ucs', 'ultracart', 'homs', 'opentaps', '*']).default('*'),
  /** route pattern as registered (e.g. "/lcs/parcels/:id/label") or a path glob ("/lcs/*"); omit = any */
  route: z.string().optional(),
  method: z.string().optional(),
  kind: z.enum(FAULT_KINDS),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
  /** seconds for Retry-After (429/503) */
  retryAfter: z.number().int().min(0).optional(),
  /** probability 0..1 that a matching request is affected (seeded, reproducible); default 1 */
  rate: z.number().min(0).max(1).default(1),
  /** how many requests it may affect; default 1 when neither count nor durationMs is given */
  count: z.number().int().min(1).optional(),
  /** how long it stays active (ms of wall time) */
  durationMs: z.number().int().min(1).optional(),
});
export type FaultSpec = z.infer<typeof FaultSpecSchema>;

export interface Fault extends FaultSpec {
  id: string;
  remaining: number | null;
  expiresAt: number | null;
  applied: number;
  createdAt: number;
}

function globToRe(glob: string): RegExp {
  const esc = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${esc}$`);
}

export class FaultStore {
  private faults: Fault[] = [];
  private nextId = 1;
  private rnd: () => number;

  constructor(seed: number) {
    this.rnd = mulberry32(seed ^ 0x5eed);
  }

  add(spec: FaultSpec): Fault {
    const now = Date.now();
    const f: Fault = {
      ...spec,
      id: `f${this.nextId++}`,
      remaining: spec.count ?? (spec.durationMs ? null : 1),
      expiresAt: spec.durationMs ? now + spec.durationMs : null,
      applied: 0,
      createdAt: now,
    };
    this.faults.push(f);
    return f;
  }

  list(): Fault[] {
    this.prune();
    return this.faults.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const n = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== n;
  }

  clear(): void {
    this.faults = [];
  }

  private prune(): void {
    const now = Date.now();
    this.faults = this.faults.filter((f) => (f.remaining === null || f.remaining > 0) && (f.expiresAt === null || f.expiresAt > now));
  }

  /**
   * Faults that fire for this request (consumes their budget). At most one of each kind.
   */
  take(system: SystemName, method: string, path: string, pattern: string | null): Fault[] {
    this.prune();
    const out: Fault[] = [];
    const kinds = new Set<string>();
    for (const f of this.faults) {
      if (f.system !== '*' && f.system !== system) continue;
      if (f.method && f.method.toUpperCase() !== method.toUpperCase()) continue;
      if (f.route && f.route !== pattern && !globToRe(f.route).test(path)) continue;
      if (kinds.has(f.kind)) continue;
      if (f.rate < 1 && this.rnd() >= f.rate) continue;
      if (f.remaining !== null) f.remaining--;
      f.applied++;
      kinds.add(f.kind);
      out.push({ ...f });
    }
    this.prune();
    return out;
  }
}
