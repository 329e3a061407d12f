import { z } from 'zod';
import { emptyInput, event, method } from './define';

export const transportSchema = z.enum(['ipc', 'websocket', 'in-process']);

export const systemInfoSchema = z.object({
  appName: z.string(),
  version: z.string(),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  transport: transportSchema,
  platform: z.string(),
  demo: z.boolean(),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

export const appStatusSchema = z.object({
  /** The machine has a network interface up (not whether any remote answers: see `remotes`). */
  online: z.boolean(),
  outbox: z.object({ pending: z.number().int().min(0), dead: z.number().int().min(0) }),
  /**
   * Remote systems: `configured` none means the station works local only; "Online" only when every
   * configured one is `connected` (its last contact succeeded); `unreachable` do not answer at all;
   * `failing` answer but fail (credentials refused, server errors). The rest are still connecting.
   */
  remotes: z.object({
    configured: z.number().int().min(0),
    connected: z.number().int().min(0),
    unreachable: z.number().int().min(0),
    failing: z.number().int().min(0),
  }),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const systemMethods = {
  'system.info': method({
    input: emptyInput,
    output: systemInfoSchema,
    access: 'public',
    kind: 'query',
    description: 'App version, data directory, schema version and the transport of this call.',
  }),
  'system.status': method({
    input: emptyInput,
    output: appStatusSchema,
    access: 'public',
    kind: 'query',
    description: 'The current system.status snapshot (the event carries later changes).',
  }),
} as const;

export const systemEvents = {
  'system.status': event({
    payload: appStatusSchema,
    description: 'Connectivity and outbox counts; sent on change.',
  }),
} as const;
