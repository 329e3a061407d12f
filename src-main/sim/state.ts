/**
 * Simulator state shared by every system module: dataset, clock, tokens, config, request log.
 */
import { randomBytes } from 'node:crypto';
import { createDemoDataset, seedToInt, type DemoDataset, type DemoScale } from './generator/index';
import { FaultStore } from './faults';
import type { Ctx, Json, Reply, Router, SystemName } from './http';

export interface SimConfig {
  /** screen-pop URL the sim calls when a call rings (like a UCS team's call_url) */
  screenPopUrl: string | null;
  /** label file format produced by Afosto label generation */
  afostoLabelFormat: 'zpl' | 'pdf';
  /** how long Afosto async tasks (label/slip/allocate…) take, in sim-clock ms */
  taskDelayMs: number;
  /** token lifetime for UCS/Afosto/Opentaps temp tokens, seconds */
  tokenTtlSeconds: number;
}

export interface SystemModule {
  name: SystemName;
  /** URL prefix, e.g. "/ultracart/rest/v2" */
  prefix: string;
  router: Router;
  /** null when the request is authenticated (sets ctx.principal), else the system's auth failure */
  authenticate(ctx: Ctx): Reply | null;
  /** an error in the system's own style */
  errorReply(status: number, message: string): Reply;
  /** early token expiry (fault) */
  expireTokens(): void;
  /** whether the system has tokens that expire (false = static credentials) */
  hasTokens: boolean;
  /** what arrived: created/updated/deleted per collection, plus small collections in full */
  snapshot(): Json;
  /** demo credentials */
  credentials: Json;
  /** finish due background work (tasks) */
  tick?(now: number): void;
}

export interface TokenInfo {
  token: string;
  sub: string;
  issuedAt: number;
  expiresAt: number;
  scope?: string;
}

/** Bearer tokens with expiry on the sim clock. */
export class TokenStore {
  private readonly tokens = new Map<string, TokenInfo>();
  constructor(private readonly clock: () => number) {}

  issue(sub: string, ttlSeconds: number, token?: string, scope?: string): TokenInfo {
    const now = this.clock();
    const t: TokenInfo = { token: token ?? randomBytes(26).toString('base64url').replace(/[-_]/g, 'x'), sub, issuedAt: now, expiresAt: now + ttlSeconds * 1000, scope };
    this.tokens.set(t.token, t);
    return t;
  }

  check(token: string | undefined): { ok: true; info: TokenInfo } | { ok: false; reason: 'missing' | 'unknown' | 'expired' } {
    if (!token) return { ok: false, reason: 'missing' };
    const t = this.tokens.get(token);
    if (!t) return { ok: false, reason: 'unknown' };
    if (t.expiresAt <= this.clock()) return { ok: false, reason: 'expired' };
    return { ok: true, info: t };
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  /** revoke every token issued to `sub` */
  revokeSub(sub: string): void {
    for (const [k, t] of this.tokens) if (t.sub === sub) this.tokens.delete(k);
  }

  /** expire every issued token now */
  expireAll(): void {
    const now = this.clock();
    for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
  }

  count(): number {
    return this.tokens.size;
  }
}

export interface RequestLogEntry {
  seq: number;
  at: string;
  system: SystemName;
  method: string;
  path: string;
  query: string;
  route: string | null;
  status: number | null;
  durationMs: number;
  faults: string[];
  outcome: 'replied' | 'reset' | 'lost_reply' | 'malformed';
  authorization: string | null;
  body: unknown;
}

export interface SimStateOptions {
  seed?: number | string;
  scale?: DemoScale;
  tokenTtlSeconds?: number;
  screenPopUrl?: string | null;
  taskDelayMs?: number;
}

export class SimState {
  seed: number;
  seedInput: number | string;
  scale: DemoScale;
  ds: DemoDataset;
  clockOffsetMs = 0;
  config: SimConfig;
  faults: FaultStore;
  log: RequestLogEntry[] = [];
  private seq = 0;
  baseUrl = 'http://127.0.0.1';
  systems = {} as Record<SystemName, SystemModule>;
  /** rebuilds systems; set by the server */
  build: (s: SimState) => void = () => {};

  constructor(o: SimStateOptions) {
    this.seedInput = o.seed ?? 20240807;
    this.seed = seedToInt(this.seedInput);
    this.scale = o.scale ?? 'small';
    this.ds = createDemoDataset({ seed: this.seedInput, scale: this.scale });
    this.config = {
      screenPopUrl: o.screenPopUrl ?? null,
      afostoLabelFormat: 'zpl',
      taskDelayMs: o.taskDelayMs ?? 300,
      tokenTtlSeconds: o.tokenTtlSeconds ?? 3600,
    };
    this.faults = new FaultStore(this.seed);
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  reset(seed?: number | string, scale?: DemoScale): void {
    if (seed !== undefined) this.seedInput = seed;
    if (scale !== undefined) this.scale = scale;
    this.seed = seedToInt(this.seedInput);
    this.ds = createDemoDataset({ seed: this.seedInput, scale: this.scale });
    this.faults = new FaultStore(this.seed);
    this.log = [];
    this.seq = 0;
    this.clockOffsetMs = 0;
    this.build(this);
  }

  record(e: Omit<RequestLogEntry, 'seq' | 'at'>): RequestLogEntry {
    const entry: RequestLogEntry = { seq: ++this.seq, at: new Date(this.now()).toISOString(), ...e };
    this.log.push(entry);
    if (this.log.length > 20_000) this.log.splice(0, this.log.length - 20_000);
    return entry;
  }

  tick(): void {
    const now = this.now();
    for (const s of Object.values(this.systems)) s.tick?.(now);
  }
}
