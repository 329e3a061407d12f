// The composition root of core: opens the store, builds the services, merges every capability's
// handlers.ts into the one dispatcher that every transport (IPC, WebSocket, in-process) calls.
import path from 'node:path';
import { DB_FILE_NAME, openDatabase, type Db } from './db/database';
import type { Logger } from './log/logger';
import type { Clock, Connectivity, OsPrintPort, SecretStore, SettingsStore } from './platform/ports';
import { systemClock } from './platform/ports';
import { printingHandlers } from './printing/handlers';
import { PrintService } from './printing/service';
import { secretsHandlers } from './secrets/handlers';
import { SecretsService } from './secrets/service';
import { createDispatcher, type Dispatcher, type Handlers } from './rpc/dispatcher';
import { EventBus } from './rpc/events';
import { settingsHandlers } from './settings/handlers';
import { seedDemoStation } from './station/demo';
import { stationHandlers } from './station/handlers';
import { StationService } from './station/service';
import { systemHandlers } from './system/handlers';
import { StatusService } from './system/status';
import { Outbox } from './sync/outbox';
import { newCorrelationId } from './util/ids';

export interface CoreOptions {
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  connectivity: Connectivity;
  logger: Logger;
  version: string;
  platform: string;
  clock?: Clock;
  osPrint?: OsPrintPort;
  demo?: boolean;
  /** better-sqlite3 binary for this runtime's ABI when it is not the one in node_modules (Electron dev). */
  sqliteNativeBinding?: string;
}

export interface Core {
  dispatcher: Dispatcher;
  events: EventBus;
  db: Db;
  outbox: Outbox;
  station: StationService;
  status: StatusService;
  printing: PrintService;
  secrets: SecretsService;
  close(): Promise<void>;
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger;
  const db = await openDatabase({
    file: path.join(opts.dataDir, DB_FILE_NAME),
    logger,
    now: () => clock.now(),
    nativeBinding: opts.sqliteNativeBinding,
  });
  const events = new EventBus();
  const outbox = new Outbox(db, clock);
  const recovered = outbox.recoverInflight();
  if (recovered > 0) logger.warn('outbox: in-flight operations returned to pending after restart', { recovered });

  const stationId = StationService.ensureStation(db, clock, 'Dockside station');
  const station = new StationService(db, clock, stationId);
  if (opts.demo) seedDemoStation(station);
  const status = new StatusService(outbox, opts.connectivity, events);
  const printing = new PrintService({
    db,
    stationId,
    spoolDir: path.join(opts.dataDir, 'print-spool'),
    clock,
    ...(opts.osPrint ? { osPort: opts.osPrint } : {}),
    onJobChanged: (job) => events.emit('printing.job', job),
  });
  printing.start();
  const secrets = new SecretsService(opts.secrets, logger);

  const handlers: Handlers = {
    ...systemHandlers({ version: opts.version, platform: opts.platform, dataDir: opts.dataDir, demo: !!opts.demo }, db, status),
    ...settingsHandlers(opts.settings, events),
    ...stationHandlers(station, events),
    ...printingHandlers(printing, stationId),
    ...secretsHandlers(secrets, events),
  };

  const dispatcher = createDispatcher({
    handlers,
    logger,
    currentUser: () => station.currentCaller(),
    newCorrelationId,
  });

  let closed = false;
  return {
    dispatcher,
    events,
    db,
    outbox,
    station,
    status,
    printing,
    secrets,
    async close() {
      if (closed) return;
      closed = true;
      status.dispose();
      await printing.stop();
      db.close();
    },
  };
}
