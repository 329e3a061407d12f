// The composition root of core: opens the store, builds the services and the dispatcher that
// every transport (Electron IPC, web-mode WebSocket, in-process tests) calls.
import path from 'node:path';
import type { Output } from '../../src-preload/contract';
import { DB_FILE_NAME, openDatabase, type Db } from './db/database';
import type { Logger } from './log/logger';
import type { Clock, Connectivity, OsPrintPort, SecretStore, SettingsStore } from './platform/ports';
import { systemClock } from './platform/ports';
import { PrintService } from './printing/service';
import { createDispatcher, type Dispatcher, type Handlers } from './rpc/dispatcher';
import { EventBus } from './rpc/events';
import { seedDemoStation } from './station/demo';
import { StationService } from './station/service';
import { StatusService } from './status/service';
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
    onJobChanged: (job) => events.emit('print.job', job),
  });
  printing.start();

  const stationChanged = <T>(value: T): T => {
    events.emit('station.changed', station.state());
    return value;
  };

  const handlers: Handlers = {
    'system.info': (_input, ctx): Output<'system.info'> => ({
      appName: 'Dockside',
      version: opts.version,
      dataDir: opts.dataDir,
      schemaVersion: db.schemaVersion,
      transport: ctx.transport,
      platform: opts.platform,
      demo: !!opts.demo,
    }),
    'system.status': () => status.snapshot(),
    'settings.get': () => opts.settings.get(),
    'settings.set': (patch) => {
      const next = opts.settings.set(patch);
      events.emit('settings.changed', next);
      return next;
    },
    'station.state': () => station.state(),
    'station.rename': (input, ctx) => stationChanged(station.rename(input.name, ctx.user?.id ?? null)),
    'station.setup': (input) => stationChanged(station.setup(input)),
    'station.createUser': (input, ctx) => stationChanged(station.createUser(input, ctx.user?.id ?? null)),
    'station.updateUser': (input, ctx) => stationChanged(station.updateUser(input, ctx.user?.id ?? null)),
    'station.signIn': (input) => stationChanged(station.signIn(input.pin)),
    'station.signOut': () => stationChanged(station.signOut()),
    'printers.list': () => printing.listPrinters(),
    'printers.save': (input) => printing.savePrinter(input),
    'printers.remove': (input) => printing.removePrinter(input),
    'printers.assign': (input) => printing.assignRole({ stationId, ...input }),
    'printers.test': (input) => printing.testPrinter(input),
    'printers.status': (input) => printing.printerStatus(input),
    'labels.preview': (input) => printing.preview(input),
    'print.jobs': (input) => printing.jobs(input),
    'print.reprint': (input) => printing.reprint(input),
    'print.last': () => printing.lastJob(),
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
    async close() {
      if (closed) return;
      closed = true;
      status.dispose();
      await printing.stop();
      db.close();
    },
  };
}
