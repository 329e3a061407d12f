// The composition root of core: opens the store, builds the services, merges every capability's
// handlers.ts into the one dispatcher that every transport (IPC, WebSocket, in-process) calls.
import path from 'node:path';
import { agentHandlers } from './agent/handlers';
import { AgentService } from './agent/service';
import { afterCallWorkToAgent, followOffers } from './agent/followCalls';
import type { EventPayload } from '../../src-preload/contract';
import type { ResolvedRemotes } from './connections/config';
import { connectionsHandlers } from './connections/handlers';
import { ConnectionsService } from './connections/service';
import { DB_FILE_NAME, openDatabase, type Db } from './db/database';
import type { Logger } from './log/logger';
import type { Clock, Connectivity, OsPrintPort, SecretStore, SettingsStore } from './platform/ports';
import { systemClock } from './platform/ports';
import { packingHandlers } from './packing/handlers';
import { PackingService } from './packing/service';
import { pickingHandlers } from './picking/handlers';
import { PickingService } from './picking/service';
import { printingHandlers } from './printing/handlers';
import { createPrinting, type Printing } from './printing/service';
import { JobQueue } from './jobs/queue';
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
import { SyncEngine } from './sync/engine';
import { followEngine, followOutbox, syncHandlers } from './sync/handlers';
import { Outbox } from './sync/outbox';
import { Reachability } from './sync/reachability';
import { createRemoteSyncFactories, type RemoteSyncFactories } from './sync/remotes';
import { afostoHubPort, hubPrinterChoices } from './connectors/afosto/hubPort';
import { AfostoRepo } from './connectors/afosto/repo';
import { printAfostoFiles } from './connectors/afosto/printFiles';
import { newCorrelationId } from './util/ids';
import { spacedDefer } from './util/spacedDefer';
import type { DemoPort } from './training/domain';
import { callsHandlers } from './calls/handlers';
import { startCalls, type Calls, type CallsOptions } from './calls/start';
import { trainingHandlers } from './training/handlers';
import { TrainingService } from './training/service';
import { scaleHandlers } from './scale/handlers';
import { ScaleService } from './scale/service';
import type { ScaleDriverFactory } from './scale/port';
import { evidenceHandlers } from './evidence/handlers';
import { EvidenceService } from './evidence/service';

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
  /** The store's file; default `<dataDir>/dockside.sqlite`. ':memory:' gives a throwaway store (UI tests). */
  databaseFile?: string;
  /** better-sqlite3 binary for this runtime's ABI when it is not the one in node_modules (Electron dev). */
  sqliteNativeBinding?: string;
  /** Web mode's --config `remotes`, env already resolved: configured at start; a remote left out is off. */
  remotes?: ResolvedRemotes;
  /** A demo station: the control API of the simulator the host started (with `remotes` pointing at it). */
  demoControlUrl?: string;
  /** Lets the first-run choice "Try it with sample data" start a simulator; absent where the host cannot. */
  demoPort?: DemoPort;
  /** The sync engine's knobs; tests turn its own pulls off (autoStart: false) or give it their connectors. */
  sync?: {
    autoStart?: boolean;
    factories?: RemoteSyncFactories;
    deltaIntervalMs?: number;
    sweepIntervalMs?: number;
    defaultCountry?: string;
  };
  /** The scale driver for a station's scale setting; default MT-SICS over TCP (tests: short timeouts). */
  scaleDriver?: ScaleDriverFactory;
  /** Calls: the screen-pop endpoint's port, the queue poll, the after-call work hook. */
  calls?: CallsOptions;
}

export interface Core {
  dispatcher: Dispatcher;
  events: EventBus;
  db: Db;
  outbox: Outbox;
  station: StationService;
  status: StatusService;
  jobs: JobQueue;
  printing: Printing;
  secrets: SecretsService;
  /** Remote connections; `connections.clientFor(remote)` gives the sync engine a ready client. */
  connections: ConnectionsService;
  training: TrainingService;
  packing: PackingService;
  picking: PickingService;
  /** Agent status and the queue view; calls wires enterAfterCallWork / leaveAfterCallWork / missedOffer / offerAnswered. */
  agent: AgentService;
  /** Pulls, pushes and reachability of the configured remotes. */
  sync: SyncEngine;
  /** The station's scale at the pack bench. */
  scale: ScaleService;
  /** Photos of open parcels (pack evidence). */
  evidence: EvidenceService;
  /** Call handling: service, screen-pop endpoint, queue poll. */
  calls: Calls;
  close(): Promise<void>;
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger;
  const db = await openDatabase({
    file: opts.databaseFile ?? path.join(opts.dataDir, DB_FILE_NAME),
    logger,
    now: () => clock.now(),
    nativeBinding: opts.sqliteNativeBinding,
  });
  const events = new EventBus();
  // One durable job queue for the process: print jobs and the sync outbox (queues push:<remote>).
  // Creating it returns ops left in flight to pending, marked interrupted (reconcile before resend).
  const jobs = new JobQueue({ db, clock, logger });
  // What each remote's last pull page or push said: an unreachable one's ops wait for its probe.
  const reachability = new Reachability(clock);
  // Offline (no network, or the remote unreachable), ops wait for "back online" instead of being sent.
  const outbox = new Outbox(db, clock, jobs, {
    isOnline: (remote) => opts.connectivity.isOnline() && reachability.isReachable(remote),
    onAttempt: (remote, outcome) => reachability.pushed(remote, outcome),
  });
  const unfollowConnectivity = outbox.follow(opts.connectivity);
  // Counts follow the outbox on the next turn, then at most ten times a second (a drain of 5,000).
  const recountDefer = spacedDefer(100);
  const unfollowOutbox = followOutbox(outbox, events, spacedDefer(100));

  const stationId = StationService.ensureStation(db, clock, 'Dockside station');
  let afostoRepo: AfostoRepo | undefined; // prepared on first use, not at every start
  const printing = createPrinting({
    db,
    jobs,
    events,
    stationId,
    spoolDir: path.join(opts.dataDir, 'print-spool'),
    clock,
    ...(opts.osPrint ? { osPort: opts.osPrint } : {}),
    // Afosto hub printers (afosto:HUB/PRINTER): the client is asked for per job, so a hub job
    // waits (hub_not_configured, retried) until Afosto is configured.
    afostoPort: afostoHubPort(() => connections.clientFor('afosto')),
    // The pulled hub printers, offered only while Afosto is configured (records of a removed
    // connection stay in the store but print nowhere).
    hubPrinters: async () => ((await connections.clientFor('afosto')) ? hubPrinterChoices((afostoRepo ??= new AfostoRepo(db))) : []),
  });
  jobs.start();
  const station = new StationService({
    db,
    clock,
    stationId,
    // Badges print through the printing capability's services, never its repo.
    printing: { listPrinters: () => printing.printers.list(), print: (request) => printing.print.print(request) },
    onChanged: (state) => events.emit('station.changed', state),
  });
  if (opts.demo) await seedDemoStation(station);
  const picking = new PickingService({ db, outbox, clock, stationId, onChanged: (listId) => events.emit('picking.changed', { listId }) });
  // Packing: scans, parcels and labels; a tote scanned at the bench opens the shipment picked into it.
  // Afosto counts as online only while it answers (connected).
  const packing = new PackingService({
    toteShipment: (code) => picking.shipmentInTote(code),
    db,
    outbox,
    clock,
    stationId,
    station,
    printing: printing.print,
    afostoOnline: () => opts.connectivity.isOnline() && reachability.state('afosto') === 'connected',
    lang: () => opts.settings.get().language,
    onChanged: (shipmentId) => events.emit('packing.changed', { shipmentId }),
    logger,
  });
  const secrets = new SecretsService(opts.secrets, logger);
  const connections = new ConnectionsService({ db, secrets: opts.secrets, logger, clock });
  if (opts.remotes) await connections.applyStartup(opts.remotes);
  const training = new TrainingService({
    station,
    connections,
    logger,
    ...(opts.demoControlUrl ? { controlUrl: opts.demoControlUrl } : {}),
    // The first-run choice's simulator is told the screen-pop URL too (`calls` is built below).
    ...(opts.demoPort
      ? {
          demoPort: {
            start: async () => {
              const sim = await opts.demoPort!.start();
              await calls.pointSimulator(sim.controlUrl);
              return sim;
            },
          },
        }
      : {}),
    onChanged: (state) => events.emit('training.changed', state),
    // `sync` is built below; a toggle only happens later, from a handler.
    onRemoteToggled: (remote) => void sync.syncNow(remote).catch(() => undefined),
  });
  connections.onChanged((list) => events.emit('connections.changed', list));
  // Registers every configured remote's connector and (unless turned off) pulls them now, before
  // anyone signs in; the header's "Local only" / "Online" follow it (status follows sync).
  const sync = new SyncEngine({
    db,
    clock,
    logger,
    stationId,
    outbox,
    reachability,
    connections,
    connectivity: opts.connectivity,
    // Carrier labels and slips the Afosto pushes fetch go to this station's printers (packing lets
    // through only those of parcels that have no label yet: one label per close).
    // A pulled chunk that changed pick lists or shipments (another station's work) tells the open
    // Pick and Pack screens, once per list / shipment per chunk, so they re-read.
    factories:
      opts.sync?.factories ??
      createRemoteSyncFactories({
        afosto: {
          onFile: packing.gateAfostoFiles(printAfostoFiles(printing.print, logger)),
          onApplied: (c) => {
            for (const listId of c.pickLists) events.emit('picking.changed', { listId });
            for (const shipmentId of c.shipments) events.emit('packing.changed', { shipmentId });
          },
        },
      }),
    ...(opts.sync?.autoStart !== undefined ? { autoStart: opts.sync.autoStart } : {}),
    ...(opts.sync?.deltaIntervalMs !== undefined ? { deltaIntervalMs: opts.sync.deltaIntervalMs } : {}),
    ...(opts.sync?.sweepIntervalMs !== undefined ? { sweepIntervalMs: opts.sync.sweepIntervalMs } : {}),
    ...(opts.sync?.defaultCountry ? { defaultCountry: opts.sync.defaultCountry } : {}),
  });
  const unfollowSync = followEngine(sync, events);
  // The header: connectivity, outbox counts and the remotes' reachability.
  const status = new StatusService(outbox, opts.connectivity, events, recountDefer, () => sync.statusRemotes(), (listener) => sync.onStateChanged(listener));
  await sync.start();
  // Agent status and the queue view. A queue pause asks UCS directly (a live state, never queued).
  const agent = new AgentService({
    db,
    clock,
    logger,
    currentUser: () => station.currentCaller(),
    ucs: () => connections.clientFor('ucs'),
    isOnline: () => opts.connectivity.isOnline(),
    emitChanged: (state) => events.emit('agent.changed', state),
    emitQueues: (view) => events.emit('agent.queues', view),
  });
  const unfollowSession = events.subscribe((event, payload) => {
    if (event === 'station.changed') agent.sessionChanged((payload as EventPayload<'station.changed'>).currentUser?.id ?? null);
  });
  const unfollowOffers = followOffers(events, agent);
  const toAgent = afterCallWorkToAgent(agent);

  const calls = await startCalls(
    {
      db,
      outbox,
      clock,
      logger,
      stationId,
      currentUser: () => station.currentCaller(),
      emit: (name, call) => events.emit(name, call),
      emitFocus: (request) => events.emit('calls.focus', request),
      ucsClient: () => connections.clientFor('ucs'),
      ...(opts.sync?.defaultCountry ? { defaultCountry: opts.sync.defaultCountry } : {}),
    },
    { ...opts.calls, onAfterCallWork: (a) => { toAgent(a); opts.calls?.onAfterCallWork?.(a); } },
  );
  // A demo station's simulator rings the card through the endpoint (Training → Ring a call).
  if (opts.demoControlUrl) await calls.pointSimulator(opts.demoControlUrl);

  const scale = new ScaleService({
    db,
    clock,
    stationId,
    ...(opts.scaleDriver ? { createDriver: opts.scaleDriver } : {}),
    onChanged: (state) => events.emit('scale.changed', state),
  });
  const evidence = new EvidenceService({ db, clock, stationId, dataDir: opts.dataDir });
  const handlers: Handlers = {
    ...systemHandlers(
      {
        version: opts.version,
        platform: opts.platform,
        dataDir: opts.dataDir,
        // Read per call: the first-run choice makes a station a demo while the app runs.
        get demo() {
          return !!opts.demo || training.isDemo();
        },
      },
      db,
      status,
    ),
    ...settingsHandlers(opts.settings, events),
    ...stationHandlers(station),
    ...printingHandlers(printing, stationId),
    ...secretsHandlers(secrets, events),
    ...syncHandlers(outbox, sync),
    ...connectionsHandlers(connections),
    ...trainingHandlers(training),
    ...scaleHandlers(scale),
    ...evidenceHandlers(evidence),
    ...callsHandlers(calls.service),
    ...packingHandlers(packing),
    ...pickingHandlers(picking),
    ...agentHandlers(agent),
  };

  const dispatcher = createDispatcher({
    handlers,
    logger,
    currentUser: () => station.currentCaller(),
    newCorrelationId,
    db,
    now: () => clock.now(),
  });

  let closed = false;
  return {
    dispatcher,
    events,
    db,
    outbox,
    station,
    status,
    jobs,
    printing,
    secrets,
    connections,
    training,
    packing,
    picking,
    agent,
    sync,
    scale,
    evidence,
    calls,
    async close() {
      if (closed) return;
      closed = true;
      await calls.close();
      packing.dispose();
      status.dispose();
      unfollowSession();
      unfollowOffers();
      agent.dispose();
      unfollowSync();
      await scale.close();
      await sync.close();
      unfollowConnectivity();
      unfollowOutbox();
      await jobs.stop();
      db.close();
    },
  };
}
