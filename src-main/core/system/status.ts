import type { AppStatus } from '../../../src-preload/contract';
import type { Connectivity } from '../platform/ports';
import type { EventBus } from '../rpc/events';
import type { Outbox } from '../sync/outbox';

/**
 * Computes app.status (connectivity + outbox counts) and emits it only when it changed, so a
 * write-heavy bench does not flood every window with identical events.
 */
export class StatusService {
  private last = '';
  private readonly unsubscribe: () => void;

  constructor(
    private readonly outbox: Outbox,
    private readonly connectivity: Connectivity,
    private readonly events: EventBus,
  ) {
    this.unsubscribe = connectivity.onChange(() => this.publish());
  }

  snapshot(): AppStatus {
    const c = this.outbox.counts();
    return { online: this.connectivity.isOnline(), outbox: { pending: c.pending + c.inflight, dead: c.dead } };
  }

  /** Call after anything that may change the counts. */
  publish(): void {
    const status = this.snapshot();
    const key = JSON.stringify(status);
    if (key === this.last) return;
    this.last = key;
    this.events.emit('app.status', status);
  }

  dispose(): void {
    this.unsubscribe();
  }
}
