// The print worker: sends each printer's head-of-line job, records the outcome, and retries
// retryable failures with full-jitter backoff. State lives in SQLite, so a restart just resumes.
import type { Clock } from '../../platform/ports';
import type { Printer } from '../drivers/types';
import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffPolicy } from './backoff';
import type { PrintJob, PrintJobStore } from './store';

export interface QueueOptions {
  store: PrintJobStore;
  /** The driver for a printer id, or undefined when the printer was removed. */
  printerFor: (printerId: string) => Printer | undefined;
  clock: Clock;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Give up (status failed) after this many attempts. */
  maxAttempts?: number;
  /** Poll period of the background loop; a new job also wakes it at once. */
  pollMs?: number;
  onJobChanged?: (job: PrintJob) => void;
}

export interface RunSummary {
  done: number;
  sent: number;
  failed: number;
  retried: number;
}

const MAX_PER_PRINTER_PER_RUN = 200;

export class PrintQueue {
  private running: Promise<RunSummary> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly maxAttempts: number;

  constructor(private readonly o: QueueOptions) {
    this.random = o.random ?? Math.random;
    this.backoff = o.backoff ?? DEFAULT_BACKOFF;
    this.maxAttempts = o.maxAttempts ?? 30;
  }

  /**
   * Process everything that is due. Concurrent calls share one run; a call made during a run
   * schedules one more pass so a job enqueued mid-run is not left waiting for the poll.
   */
  run(): Promise<RunSummary> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const total: RunSummary = { done: 0, sent: 0, failed: 0, retried: 0 };
      let passes = 0;
      do {
        this.again = false;
        const s = await this.pass();
        total.done += s.done;
        total.sent += s.sent;
        total.failed += s.failed;
        total.retried += s.retried;
      } while (this.again && ++passes < 10);
      return total;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<RunSummary> {
    const summary: RunSummary = { done: 0, sent: 0, failed: 0, retried: 0 };
    const heads = this.o.store.headsOfLine();
    // Printers are independent: drive them in parallel, each strictly in order.
    await Promise.all(
      heads.map(async (first) => {
        let job: PrintJob | undefined = first;
        for (let i = 0; job && i < MAX_PER_PRINTER_PER_RUN; i++) {
          if (job.nextAttemptAt !== null && job.nextAttemptAt > this.o.clock.now()) return;
          const advanced = await this.attempt(job, summary);
          if (!advanced) return;
          const printerId: string | null = job.printerId;
          job = this.o.store.headsOfLine().find((j) => j.printerId === printerId);
        }
      }),
    );
    return summary;
  }

  /** Try one job; true when it left the queue (so the next one may go). */
  private async attempt(job: PrintJob, summary: RunSummary): Promise<boolean> {
    const { store, clock } = this.o;
    const printer = job.printerId ? this.o.printerFor(job.printerId) : undefined;
    if (!printer) {
      store.markFailed(job.id, 'printer no longer configured', clock.now(), false);
      summary.failed++;
      this.changed(job.id);
      return true;
    }
    const payload = store.payload(job.id);
    if (!payload) return false;
    let result;
    try {
      result = await printer.print({ id: job.id, format: job.format, bytes: payload, title: job.title });
    } catch (e) {
      result = { ok: false as const, retryable: true, reason: e instanceof Error ? e.message : String(e) };
    }
    const now = clock.now();
    if (result.ok) {
      if (result.state === 'done') {
        store.markDone(job.id, now);
        summary.done++;
      } else {
        store.markSent(job.id, now, result.detail);
        summary.sent++;
      }
      this.changed(job.id);
      return true;
    }
    const attempts = job.attempts + 1;
    if (!result.retryable || attempts >= this.maxAttempts) {
      const reason = result.retryable ? `${result.reason} (gave up after ${attempts} attempts)` : result.reason;
      store.markFailed(job.id, reason, now);
      summary.failed++;
      this.changed(job.id);
      return true;
    }
    store.reschedule(job.id, now + fullJitterDelay(attempts, this.backoff, this.random), result.reason, now);
    summary.retried++;
    this.changed(job.id);
    return false;
  }

  private changed(id: string): void {
    if (!this.o.onJobChanged) return;
    const job = this.o.store.get(id);
    if (job) this.o.onJobChanged(job);
  }

  /** Wake the loop now (a job was just enqueued). */
  kick(): void {
    if (this.stopped) return;
    void this.run().catch(() => undefined);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = (): void => {
      if (this.stopped) return;
      this.run()
        .catch(() => undefined)
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.o.pollMs ?? 1000);
        });
    };
    tick();
  }

  /** Stop polling and wait for the run in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
