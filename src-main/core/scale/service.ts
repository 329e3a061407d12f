// The station's scale: its setting (kept per station in the store), one driver for it, readings
// stamped with core's clock. A reading is never an exception: the renderer shows the reason code.
import type { ScaleConfig, ScaleReading, ScaleStatus, ScaleZeroResult } from '../../../src-preload/contract';
import type { Db } from '../db/database';
import type { Clock } from '../platform/ports';
import { defaultScaleDriver, type ScaleDriver, type ScaleDriverFactory } from './port';
import { ScaleRepo } from './repo';

export interface ScaleServiceDeps {
  db: Db;
  clock: Clock;
  stationId: string;
  /** Tests give one with short timeouts; default: MT-SICS over TCP. */
  createDriver?: ScaleDriverFactory;
  onChanged?: (status: ScaleStatus) => void;
}

export class ScaleService {
  private readonly repo: ScaleRepo;
  private readonly createDriver: ScaleDriverFactory;
  private config: ScaleConfig;
  private driver: ScaleDriver | null = null;
  private last: ScaleReading | null = null;
  private closed = false;

  constructor(private readonly deps: ScaleServiceDeps) {
    this.repo = new ScaleRepo(deps.db);
    this.createDriver = deps.createDriver ?? defaultScaleDriver;
    this.config = this.repo.config(deps.stationId);
  }

  status(): ScaleStatus {
    return { config: this.config, connected: this.driver?.connected ?? false, last: this.last };
  }

  async configure(config: ScaleConfig): Promise<ScaleStatus> {
    this.repo.save(this.deps.stationId, config, this.deps.clock.now());
    const old = this.driver;
    this.driver = null;
    this.config = config;
    this.last = null;
    await old?.close();
    const status = this.status();
    this.deps.onChanged?.(status);
    return status;
  }

  async read(mode: 'stable' | 'immediate'): Promise<ScaleReading> {
    const driver = this.current();
    const reply = driver ? await driver.read(mode) : ({ ok: false, reason: 'not_configured' } as const);
    const reading: ScaleReading = { ...reply, at: this.deps.clock.now() };
    // A reading that raced a configure belongs to the scale that is gone: do not keep it.
    if (driver === this.driver) this.last = reading;
    return reading;
  }

  async zero(): Promise<ScaleZeroResult> {
    const driver = this.current();
    return driver ? driver.zero() : { ok: false, reason: 'not_configured' };
  }

  async close(): Promise<void> {
    this.closed = true;
    const d = this.driver;
    this.driver = null;
    await d?.close();
  }

  /** The driver of the current setting, made on first use (a station without a scale opens nothing). */
  private current(): ScaleDriver | null {
    if (this.config.kind === 'none' || this.closed) return null;
    this.driver ??= this.createDriver(this.config);
    return this.driver;
  }
}
