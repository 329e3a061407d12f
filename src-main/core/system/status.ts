import type { AppStatus } from '../../../src-preload/contract';
import type { Connectivity } from '../platform/ports';
import type { EventBus } from '../rpc/events';
import type { Outbox } from '../sync/outbox';

const NO_REMOTES: AppStatus['remotes'] = { configured: 0, connected: 0, unreachable: 0, failing: 0 };

/**
 * Computes system.status (connectivity, outbox counts, remotes' reachability) and emits it only when it changed, so a
 * write-heavy bench does not flood every window with identical events. It follows its sources
 * itself: the outbox's committed changes, connectivity and the sync engine's remote states; nobody calls publish() for it.
 * Outbox changes are recounted once per turn of the event loop (`defer`), so a burst of scans
 * costs one count and one event, and a write does not pay for the count.
 */
export class StatusService {
  private last = '';
  private scheduled = false;
  private disposed = false;
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly outbox: Outbox,
    private readonly connectivity: Connectivity,
    private readonly events: EventBus,
    private readonly defer: (fn: () => void) => void = (fn) => void setImmediate(fn),
    /** Configured remotes and their reachability (the sync engine's view). */
    private readonly remotes: () => AppStatus['remotes'] = () => NO_REMOTES,
    /** Tells when `remotes` may have changed (a connection saved, a remote became unreachable, …). */
    onRemotesChanged?: (listener: () => void) => () => void,
  ) {
    this.unsubscribe = [connectivity.onChange(() => this.publish()), outbox.onChange(() => this.schedule())];
    if (onRemotesChanged) this.unsubscribe.push(onRemotesChanged(() => this.schedule()));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(() => {
      this.scheduled = false;
      if (!this.disposed) this.publish();
    });
  }

  snapshot(): AppStatus {
    return { online: this.connectivity.isOnline(), outbox: this.outbox.openCounts(), remotes: this.remotes() };
  }

  /** Emits system.status if it differs from the last one emitted. */
  publish(): void {
    const status = this.snapshot();
    const key = JSON.stringify(status);
    if (key === this.last) return;
    this.last = key;
    this.events.emit('system.status', status);
  }

  dispose(): void {
    this.disposed = true;
    for (const off of this.unsubscribe) off();
  }
}
