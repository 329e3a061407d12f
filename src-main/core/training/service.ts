// Demo and training mode. A demo station's host starts the simulator before core and hands over
// its control URL; on a new data folder the first-run choice asks the host (DemoPort) to start
// one, points all five connections at it and creates the demo users. The panel's actions are
// supervisor-only (the dispatcher checks roles) and demo-only (checked here).
import type { Remote, RingCallResult, StationState, TrainingFault, TrainingState, TrainingStatus } from '../../../src-preload/contract';
import type { ConnectionsService } from '../connections/service';
import type { Logger } from '../log/logger';
import { AppError, conflict } from '../rpc/errors';
import { seedDemoStation } from '../station/demo';
import type { StationService } from '../station/service';
import { faultSpec, isOfflineFault, offlineSpec, trainingStatus, type DemoPort } from './domain';
import { SimControl } from './simControl';

export interface TrainingDeps {
  station: StationService;
  connections: ConnectionsService;
  logger: Logger;
  /** The simulator the host already runs for this demo station (--demo, or a data folder marked demo). */
  controlUrl?: string;
  /** How the first-run choice starts a simulator; absent where the host cannot. */
  demoPort?: DemoPort;
  onChanged?: (state: TrainingState) => void;
  /**
   * A remote was taken offline or brought back: the station should find out now (a sync pass),
   * not at its next interval, so the trainee sees the header and Sync screen follow at once.
   */
  onRemoteToggled?: (remote: Remote) => void;
  /** For tests. */
  fetch?: typeof fetch;
}

export class TrainingService {
  private control: SimControl | null;
  private starting: Promise<StationState> | null = null;

  constructor(private readonly deps: TrainingDeps) {
    this.control = deps.controlUrl ? new SimControl(deps.controlUrl, deps.fetch) : null;
  }

  /** A demo station: the simulator runs for it. (system.info's `demo` reads this too.) */
  isDemo(): boolean {
    return this.control !== null;
  }

  state(): TrainingState {
    return { demo: this.isDemo(), canStartDemo: !this.isDemo() && !!this.deps.demoPort && this.deps.station.state().needsSetup };
  }

  /** The first-run choice. Repeated calls while it starts share the one start. */
  startDemo(): Promise<StationState> {
    if (this.starting) return this.starting;
    if (this.isDemo()) return Promise.reject(conflict('This station already is a demo', { reason: 'already_demo' }));
    if (!this.deps.station.state().needsSetup) return Promise.reject(conflict('This station is already set up', { reason: 'station_exists' }));
    const port = this.deps.demoPort;
    if (!port) return Promise.reject(new AppError('UNAVAILABLE', 'This app cannot start the demo here', { reason: 'no_demo_host' }));
    this.starting = (async () => {
      const sim = await port.start();
      // The connections as a --config file would set them: they follow the simulator's port at every start.
      await this.deps.connections.applyStartup(sim.remotes);
      // A demo before its users appear: a window that follows station.changed already sees DEMO.
      this.control = new SimControl(sim.controlUrl, this.deps.fetch);
      try {
        await seedDemoStation(this.deps.station);
      } catch (err) {
        this.control = null;
        throw err;
      }
      this.deps.logger.info('demo station started', { controlUrl: sim.controlUrl });
      this.deps.onChanged?.(this.state());
      return this.deps.station.state();
    })().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  async status(): Promise<TrainingStatus> {
    return trainingStatus(await this.sim().faults());
  }

  ringCall(input: { number: string; queue?: string | number | undefined; name?: string | undefined }): Promise<RingCallResult> {
    const { number, queue, name } = input;
    return this.sim().ring({ number, ...(queue !== undefined ? { queue } : {}), ...(name ? { name } : {}) });
  }

  async setOffline(remote: Remote, offline: boolean): Promise<TrainingStatus> {
    const sim = this.sim();
    const current = (await sim.faults()).filter((f) => isOfflineFault(f) && f.system === remote);
    if (offline && current.length === 0) await sim.addFault(offlineSpec(remote));
    if (!offline) for (const f of current) await sim.removeFault(f.id);
    this.deps.logger.info('training: remote offline', { remote, offline });
    this.deps.onRemoteToggled?.(remote);
    return this.status();
  }

  async injectFault(remote: Remote | null, fault: TrainingFault): Promise<TrainingStatus> {
    await this.sim().addFault(faultSpec(fault, remote));
    this.deps.logger.info('training: fault injected', { remote, fault });
    return this.status();
  }

  async clearFaults(): Promise<TrainingStatus> {
    await this.sim().clearFaults();
    return this.status();
  }

  private sim(): SimControl {
    if (!this.control) throw new AppError('FORBIDDEN', 'Training works on a demo station only', { reason: 'not_demo' });
    return this.control;
  }
}
