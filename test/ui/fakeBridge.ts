// An in-memory stand-in for main, speaking the real contract: inputs and outputs are validated with
// the contract's own zod schemas and access rules are enforced, so a component that calls a method
// wrongly fails here as it would against the real core. Only station/settings/system are modelled.
import {
  methods,
  settingsSchema,
  type AppStatus,
  type DocksideBridge,
  type EventName,
  type EventPayload,
  type Role,
  type RpcResult,
  type Settings,
  type StationState,
  type User,
} from '../../src-preload/contract';

export interface FakeUser extends User {
  pin: string;
}

export interface FakeBridgeOptions {
  needsSetup?: boolean;
  stationName?: string;
  users?: Omit<FakeUser, 'id' | 'active'>[];
  signedInPin?: string;
  settings?: Partial<Settings>;
  status?: AppStatus;
}

/** The demo users web mode creates with --demo. */
export const DEMO_USERS = [
  { name: 'Petra Nováková', role: 'packer', pin: '1111' },
  { name: 'Adam Dvořák', role: 'agent', pin: '2222' },
  { name: 'Jana Svobodová', role: 'supervisor', pin: '9999' },
] as const satisfies readonly Omit<FakeUser, 'id' | 'active'>[];

type Failure = { ok: false; error: { code: 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHORIZED'; message: string } };
const fail = (code: Failure['error']['code'], message: string): Failure => ({ ok: false, error: { code, message } });

export class FakeBridge implements DocksideBridge {
  readonly calls: { method: string; input: unknown }[] = [];
  stationName: string;
  users: FakeUser[];
  currentUserId: string | null = null;
  settings: Settings;
  status: AppStatus;
  private nextId = 1;
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(opts: FakeBridgeOptions = {}) {
    this.stationName = opts.needsSetup ? '' : (opts.stationName ?? 'Bench 1');
    this.users = opts.needsSetup ? [] : (opts.users ?? DEMO_USERS).map((u) => this.makeUser(u.name, u.role, u.pin));
    if (opts.signedInPin) this.currentUserId = this.users.find((u) => u.pin === opts.signedInPin)?.id ?? null;
    this.settings = settingsSchema.parse(opts.settings ?? {});
    this.status = opts.status ?? { online: true, outbox: { pending: 0, dead: 0 } };
  }

  private makeUser(name: string, role: Role, pin: string): FakeUser {
    return { id: `u${this.nextId++}`, name, role, pin, active: true };
  }

  private publicUser(u: FakeUser): User {
    return { id: u.id, name: u.name, role: u.role, active: u.active };
  }

  state(): StationState {
    const current = this.users.find((u) => u.id === this.currentUserId);
    return {
      stationId: 'station-1',
      name: this.stationName,
      currentUser: current ? this.publicUser(current) : null,
      users: this.users.map((u) => this.publicUser(u)),
      needsSetup: !this.users.some((u) => u.role === 'supervisor'),
    };
  }

  callsOf(method: string): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }

  setStatus(status: AppStatus): void {
    this.status = status;
    this.emit('app.status', status);
  }

  /** The session ends in main without the UI being told (restart, another window). */
  expireSession(): void {
    this.currentUserId = null;
  }

  on(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  async invoke(method: string, rawInput: unknown): Promise<RpcResult<unknown>> {
    this.calls.push({ method, input: rawInput });
    await Promise.resolve(); // answers are never synchronous over a real transport
    if (!Object.prototype.hasOwnProperty.call(methods, method)) return fail('NOT_FOUND', `No method ${method}`);
    const spec = methods[method as keyof typeof methods];
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) return fail('VALIDATION', parsed.error.message);
    const me = this.users.find((u) => u.id === this.currentUserId) ?? null;
    if (spec.access !== 'public') {
      if (!me) return fail('UNAUTHORIZED', 'Sign in first');
      if (spec.access !== 'user' && me.role !== 'supervisor' && !spec.access.includes(me.role)) {
        return fail('UNAUTHORIZED', 'Not allowed for your role');
      }
    }
    const result = this.handle(method, parsed.data as Record<string, unknown>);
    if (!result.ok) return result;
    // Answers must match the contract exactly, as the real dispatcher enforces.
    return { ok: true, value: spec.output.parse(result.value) };
  }

  private handle(method: string, input: Record<string, unknown>): RpcResult<unknown> | Failure {
    const ok = (value: unknown) => ({ ok: true as const, value });
    switch (method) {
      case 'system.info':
        return ok({
          appName: 'Dockside',
          version: '0.1.0-test',
          dataDir: '/tmp/dockside-test',
          schemaVersion: 1,
          transport: 'in-process',
          platform: 'test',
          demo: true,
        });
      case 'system.status':
        return ok(this.status);
      case 'settings.get':
        return ok(this.settings);
      case 'settings.set': {
        this.settings = settingsSchema.parse({ ...this.settings, ...input });
        this.emit('settings.changed', this.settings);
        return ok(this.settings);
      }
      case 'station.state':
        return ok(this.state());
      case 'station.setup': {
        if (!this.state().needsSetup) return fail('CONFLICT', 'Already set up');
        const u = this.makeUser(String(input.name), 'supervisor', String(input.pin));
        this.users.push(u);
        this.stationName = String(input.stationName);
        this.currentUserId = u.id;
        return ok(this.state());
      }
      case 'station.rename':
        this.stationName = String(input.name);
        this.emit('station.changed', this.state());
        return ok(this.state());
      case 'station.signIn': {
        const u = this.users.find((x) => x.pin === input.pin && x.active);
        if (!u) return fail('UNAUTHORIZED', 'Unknown PIN');
        this.currentUserId = u.id;
        return ok(this.state());
      }
      case 'station.signOut':
        this.currentUserId = null;
        return ok(this.state());
      case 'station.createUser': {
        if (this.users.some((u) => u.pin === input.pin)) return fail('CONFLICT', 'PIN in use');
        const u = this.makeUser(String(input.name), input.role as Role, String(input.pin));
        this.users.push(u);
        return ok(this.publicUser(u));
      }
      case 'station.updateUser': {
        const u = this.users.find((x) => x.id === input.id);
        if (!u) return fail('NOT_FOUND', 'No such user');
        if (typeof input.active === 'boolean') u.active = input.active;
        if (typeof input.name === 'string') u.name = input.name;
        if (typeof input.role === 'string') u.role = input.role as Role;
        if (typeof input.pin === 'string') u.pin = input.pin;
        return ok(this.publicUser(u));
      }
      default:
        return fail('NOT_FOUND', `Fake bridge does not model ${method}`);
    }
  }
}
