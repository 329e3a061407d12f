// Pure rules of demo and training mode: what the host hands core when it runs the simulator, which
// simulator fault spec each panel button means, and how the simulator's fault list reads back as
// "offline remotes" and "active faults". No I/O here.
import { z } from 'zod';
import { REMOTES, type ActiveFault, type Remote, type TrainingFault, type TrainingStatus } from '../../../src-preload/contract';
import type { ResolvedRemotes } from '../connections/config';

/** A simulator running for this station: the five connections to it and its control API. */
export interface DemoSim {
  remotes: ResolvedRemotes;
  /** The simulator's control API, e.g. http://127.0.0.1:PORT/_sim (no auth; loopback only). */
  controlUrl: string;
}

/**
 * What the host offers core for the first-run choice. Core may not start the simulator itself
 * (it never imports src-main/sim); the host starts it, remembers that this data folder is a demo
 * station, and stops it when the app stops.
 */
export interface DemoPort {
  start(): Promise<DemoSim>;
}

/** "Offline" lasts until the trainer brings the remote back; a day stands for "until then". */
export const OFFLINE_MS = 24 * 60 * 60 * 1000;

/** The body of POST /_sim/faults (the simulator's FaultSpec, only the fields we use). */
export interface SimFaultSpec {
  system: Remote | '*';
  kind: 'latency' | 'error' | 'reset' | 'lost_reply' | 'malformed' | 'token_expiry';
  route?: string;
  method?: string;
  status?: number;
  retryAfter?: number;
  latencyMs?: number;
  count?: number;
  durationMs?: number;
}

/** Every request to the remote has its connection reset, as if its server were gone. */
export function offlineSpec(remote: Remote): SimFaultSpec {
  return { system: remote, kind: 'reset', durationMs: OFFLINE_MS };
}

/**
 * One button, one fault, sized so a trainee sees it happen and the app recover from it: a few
 * requests for errors, a minute of latency, one lost reply on a create (the outbox must find the
 * object again by its client reference rather than create it twice).
 */
export function faultSpec(fault: TrainingFault, remote: Remote | null): SimFaultSpec {
  const system = remote ?? '*';
  switch (fault) {
    case 'rate_limited':
      return { system, kind: 'error', status: 429, retryAfter: 5, count: 3 };
    case 'server_error':
      return { system, kind: 'error', status: 500, count: 3 };
    case 'malformed':
      return { system, kind: 'malformed', count: 1 };
    case 'latency':
      return { system, kind: 'latency', latencyMs: 3000, durationMs: 60_000 };
    case 'token_expiry':
      return { system, kind: 'token_expiry', count: 1 };
    case 'lost_reply':
      return { system, kind: 'lost_reply', method: 'POST', count: 1 };
  }
}

/** GET /_sim/faults, as far as we read it (the simulator may add fields). */
export const simFaultSchema = z.object({
  id: z.string(),
  system: z.enum([...REMOTES, '*']),
  kind: z.string(),
  route: z.string().optional(),
  method: z.string().optional(),
  status: z.number().int().optional(),
  durationMs: z.number().optional(),
  remaining: z.number().int().nullable(),
  expiresAt: z.number().nullable(),
  applied: z.number().int(),
});
export type SimFault = z.infer<typeof simFaultSchema>;
export const simFaultListSchema = z.array(simFaultSchema);

/** POST /_sim/calls answers the call it rang. */
export const simCallSchema = z.object({
  uniqueid: z.string(),
  number: z.string(),
  queueId: z.number().int(),
  state: z.string(),
});

/** Was this fault put in by "take offline"? (A reset on every request of one remote, for a time.) */
export function isOfflineFault(f: SimFault): f is SimFault & { system: Remote } {
  return f.kind === 'reset' && f.system !== '*' && f.route === undefined && f.method === undefined && f.expiresAt !== null;
}

/** The panel's picture of the simulator's faults: offline remotes apart, the rest listed. */
export function trainingStatus(faults: readonly SimFault[]): TrainingStatus {
  const offline = new Set<Remote>();
  const active: ActiveFault[] = [];
  for (const f of faults) {
    if (isOfflineFault(f)) offline.add(f.system);
    else
      active.push({
        id: f.id,
        remote: f.system === '*' ? null : f.system,
        kind: f.kind,
        status: f.status ?? null,
        remaining: f.remaining,
        expiresAt: f.expiresAt,
        applied: f.applied,
      });
  }
  return { offline: REMOTES.filter((r) => offline.has(r)), faults: active };
}
