// Builds the calls capability for the composition root: the service, the screen-pop endpoint on
// 127.0.0.1, the UCS queue poll (fallback) and the after-call work timers; and, on a demo station,
// points the simulator's screen-pop URL at the endpoint so Training → "Ring a call" pops the card.
import type { AfterCallWork } from '../../../src-preload/contract';
import type { UcsClient } from '../connectors/ucs/client';
import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import type { Clock } from '../platform/ports';
import type { CallerUser } from '../rpc/dispatcher';
import type { Outbox } from '../sync/outbox';
import { QueuePoller } from './queuePoll';
import { startScreenPopServer, type ScreenPopServer } from './screenPop';
import { CallsService, type CallsServiceDeps } from './service';

/** Where the endpoint listens unless told otherwise (web mode is 5170); a taken port falls back to a free one. */
export const DEFAULT_SCREEN_POP_PORT = 5171;

export interface CallsOptions {
  /** The endpoint's port; 0 any free one; false: no endpoint. Default DEFAULT_SCREEN_POP_PORT. */
  screenPopPort?: number | false;
  /** Queue poll interval; false: no poll. Default 3000 ms. */
  pollIntervalMs?: number | false;
  /** Told of every after-call work start, finish and timeout (the agent capability's status follows it). */
  onAfterCallWork?: (state: AfterCallWork) => void;
  /** Real timers for after-call work (default true). */
  timers?: boolean;
}

export interface CallsDeps {
  db: Db;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  stationId: string;
  currentUser: () => CallerUser | null;
  defaultCountry?: string;
  emit: NonNullable<CallsServiceDeps['emit']>;
  emitFocus?: CallsServiceDeps['emitFocus'];
  ucsClient: () => Promise<UcsClient | undefined>;
}

export interface Calls {
  service: CallsService;
  poller: QueuePoller;
  /** The endpoint (null when turned off or it could not listen). */
  screenPop: ScreenPopServer | null;
  /** Sets a demo simulator's screen-pop URL to this endpoint (PUT /_sim/config). */
  pointSimulator(controlUrl: string): Promise<void>;
  close(): Promise<void>;
}

export async function startCalls(deps: CallsDeps, opts: CallsOptions = {}): Promise<Calls> {
  const service = new CallsService({
    db: deps.db,
    outbox: deps.outbox,
    clock: deps.clock,
    stationId: deps.stationId,
    logger: deps.logger,
    currentUser: deps.currentUser,
    emit: deps.emit,
    ...(deps.emitFocus ? { emitFocus: deps.emitFocus } : {}),
    ...(deps.defaultCountry ? { defaultCountry: deps.defaultCountry } : {}),
    ...(opts.onAfterCallWork ? { onAfterCallWork: opts.onAfterCallWork } : {}),
    ...(opts.timers !== undefined ? { timers: opts.timers } : {}),
  });
  // What ran out while the app was closed is applied now; the next one gets its timer.
  service.resume();

  let screenPop: ScreenPopServer | null = null;
  const port = opts.screenPopPort ?? DEFAULT_SCREEN_POP_PORT;
  if (port !== false) {
    try {
      screenPop = await startScreenPopServer({ port, token: () => service.screenPopToken(), ingest: (e) => service.ingest(e), logger: deps.logger });
      service.setScreenPopPort(screenPop.port);
      deps.logger.info('screen-pop endpoint listening', { port: screenPop.port });
    } catch (err) {
      deps.logger.error('screen-pop endpoint could not start', { port, error: err instanceof Error ? err.message : String(err) });
    }
  }

  // Built always (a test or a "poll now" may call pollOnce); its timer runs unless turned off, and
  // each tick asks UCS only when the station's config turns the poll on.
  const poller = new QueuePoller({
    client: deps.ucsClient,
    config: () => service.config(),
    ingest: (e) => service.ingest(e),
    callByUniqueid: (u) => service.repo.callByUniqueid(u),
    openPolledCalls: () => service.repo.openCalls().filter((c) => c.source === 'poll'),
    logger: deps.logger,
    intervalMs: opts.pollIntervalMs || 3000,
  });
  if (opts.pollIntervalMs !== false) poller.start();

  return {
    service,
    poller,
    screenPop,
    async pointSimulator(controlUrl) {
      const url = service.screenPopInfo().callUrl;
      if (!url) return;
      try {
        const res = await fetch(`${controlUrl}/config`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ screenPopUrl: url }),
          signal: AbortSignal.timeout(5000),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (!res.ok) deps.logger.warn('simulator refused the screen-pop URL', { status: res.status });
      } catch (err) {
        deps.logger.warn('simulator not told the screen-pop URL', { error: err instanceof Error ? err.message : String(err) });
      }
    },
    async close() {
      poller.stop();
      service.close();
      await screenPop?.close();
    },
  };
}
