// The fallback when no screen-pop reaches the station: poll UCS `GET /queues` and notice callers in
// the queues the agent serves. A caller not seen before rings (source 'poll'); a polled call that
// is being talked to is answered; one that left the queue without being answered is hung up. The
// `callers[]` element shape is undocumented: entries without a uniqueid and a number are skipped.
import { z } from 'zod';
import type { CallsConfig } from '../../../src-preload/contract';
import type { UcsClient } from '../connectors/ucs/client';
import type { UcsQueue } from '../connectors/ucs/schemas';
import type { Logger } from '../log/logger';
import type { CallEvent } from './domain';
import type { CallRow } from './repo';

const INBOUND = 1;

export const queueCallerSchema = z.looseObject({
  uniqueid: z.union([z.string(), z.number()]).transform(String),
  number: z.union([z.string(), z.number()]).transform(String),
  state: z.string().optional(),
});
export type QueueCaller = z.infer<typeof queueCallerSchema> & { queue: string; queueName: string | null };

/** The callers waiting or talking in the served queues (every inbound queue when none is set). */
export function callersIn(queues: readonly UcsQueue[], served: readonly number[]): QueueCaller[] {
  const out: QueueCaller[] = [];
  for (const q of queues) {
    if (served.length > 0 ? !served.includes(q.id) : q.type !== INBOUND) continue;
    for (const c of q.callers ?? []) {
      const r = queueCallerSchema.safeParse(c);
      if (r.success && r.data.uniqueid && /\d/.test(r.data.number)) out.push({ ...r.data, queue: String(q.id), queueName: q.name ?? null });
    }
  }
  return out;
}

export interface QueuePollDeps {
  client: () => Promise<UcsClient | undefined>;
  config: () => CallsConfig;
  ingest: (event: CallEvent) => unknown;
  callByUniqueid: (uniqueid: string) => CallRow | undefined;
  /** Open calls this poll reported (source 'poll'), to notice the ones that left the queues. */
  openPolledCalls: () => CallRow[];
  logger: Logger;
  intervalMs?: number;
}

export class QueuePoller {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private stopped = true;
  private lastError = '';

  constructor(private readonly deps: QueuePollDeps) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One poll: what it rang, answered and hung up (for tests and the log). */
  async pollOnce(): Promise<{ rang: number; answered: number; hungUp: number }> {
    const result = { rang: 0, answered: 0, hungUp: 0 };
    const config = this.deps.config();
    if (!config.poll) return result;
    const client = await this.deps.client();
    if (!client) return result;
    const callers = callersIn(await client.queues(), config.queues);
    const seen = new Set<string>();
    for (const c of callers) {
      seen.add(c.uniqueid);
      const known = this.deps.callByUniqueid(c.uniqueid);
      const base = { number: c.number, uniqueid: c.uniqueid, queue: c.queue, queueName: c.queueName, transferTo: null, source: 'poll' as const, params: { state: c.state ?? '' } };
      if (!known) {
        this.deps.ingest({ ...base, kind: 'ring' });
        result.rang++;
      }
      if (c.state === 'talking' && (!known || known.status === 'ringing')) {
        this.deps.ingest({ ...base, kind: 'answer' });
        result.answered++;
      }
    }
    for (const open of this.deps.openPolledCalls()) {
      if (open.uniqueid && !seen.has(open.uniqueid)) {
        this.deps.ingest({ kind: 'hangup', number: open.number_raw, uniqueid: open.uniqueid, queue: open.queue, queueName: open.queue_name, transferTo: null, source: 'poll', params: {} });
        result.hungUp++;
      }
    }
    return result;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.pollOnce();
      this.lastError = '';
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      // Offline is normal for a fallback: say so once, not every few seconds.
      if (msg !== this.lastError) this.deps.logger.info('queue poll failed', { error: msg });
      this.lastError = msg;
    } finally {
      this.running = false;
      this.schedule(this.deps.intervalMs ?? 3000);
    }
  }
}
