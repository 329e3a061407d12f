// An in-memory stand-in for main, speaking the real contract: inputs and outputs are validated with
// the contract's own zod schemas and access rules are enforced, so a component that calls a method
// wrongly fails here as it would against the real core. Station, settings, system and printing
// are modelled; printing keeps printers, roles, jobs and per-printer status the test can change,
// and a test print ends the way a real one would on a printer in that state.
import {
  methods,
  printerOptionsSchema,
  settingsSchema,
  type PrinterInfo,
  type PrinterStatusInfo,
  type PrintJobInfo,
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

type Failure = { ok: false; error: { code: 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHORIZED'; message: string; details?: unknown } };
const fail = (code: Failure['error']['code'], message: string, details?: unknown): Failure => ({
  ok: false,
  error: { code, message, ...(details !== undefined ? { details } : {}) },
});

export const READY: PrinterStatusInfo = { ready: true, reachable: true, paperOut: false, headOpen: false, paused: false, ribbonOut: false, reasons: [] };

/** A printer status as the Zebra driver reports it, from its flags. */
export function zebraStatus(flags: Partial<Pick<PrinterStatusInfo, 'paperOut' | 'headOpen' | 'paused'>> & { reachable?: boolean; reason?: string }): PrinterStatusInfo {
  if (flags.reachable === false) return { ...READY, ready: false, reachable: false, reasons: ['unreachable'], detail: flags.reason ?? 'connect ECONNREFUSED' };
  const reasons = (['paper_out', 'head_open', 'paused'] as const).filter((_r, i) => [flags.paperOut, flags.headOpen, flags.paused][i]);
  return { ...READY, paperOut: !!flags.paperOut, headOpen: !!flags.headOpen, paused: !!flags.paused, ready: reasons.length === 0, reasons };
}

export class FakeBridge implements DocksideBridge {
  readonly calls: { method: string; input: unknown }[] = [];
  stationName: string;
  users: FakeUser[];
  currentUserId: string | null = null;
  settings: Settings;
  status: AppStatus;
  printers: PrinterInfo[];
  roles = { label: 'spool', slip: 'spool' };
  printerStatus = new Map<string, PrinterStatusInfo>();
  jobs: PrintJobInfo[] = [];
  /** Bytes each printer received (the label titles, in order), as a fake printer would. */
  printed = new Map<string, string[]>();
  /** The clock printing uses for createdAt/updatedAt. */
  now = 1_700_000_000_000;
  private nextId = 1;
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(opts: FakeBridgeOptions = {}) {
    this.stationName = opts.needsSetup ? '' : (opts.stationName ?? 'Bench 1');
    this.users = opts.needsSetup ? [] : (opts.users ?? DEMO_USERS).map((u) => this.makeUser(u.name, u.role, u.pin));
    if (opts.signedInPin) this.currentUserId = this.users.find((u) => u.pin === opts.signedInPin)?.id ?? null;
    this.settings = settingsSchema.parse(opts.settings ?? {});
    this.status = opts.status ?? { online: true, outbox: { pending: 0, dead: 0 } };
    this.printers = [this.makePrinter('spool', 'Folder spool', 'dir:/var/dockside/print-spool', { formats: ['zpl', 'pdf'] })];
  }

  makePrinter(id: string, name: string, uri: string, options: Record<string, unknown> = {}): PrinterInfo {
    const kind = uri.split(':')[0] as PrinterInfo['kind'];
    // The same per-kind format defaults main applies.
    const defaults = { formats: kind === 'os' ? ['pdf'] : kind === 'dir' ? ['zpl', 'pdf'] : ['zpl'] };
    return { id, name, uri, kind, options: printerOptionsSchema.parse({ ...defaults, ...options }), createdAt: this.now, updatedAt: this.now };
  }

  /** Add a printer directly (test setup), as printers.save would. */
  addPrinter(id: string, name: string, uri: string, options: Record<string, unknown> = {}): PrinterInfo {
    const p = this.makePrinter(id, name, uri, options);
    this.printers.push(p);
    return p;
  }

  /** Add a finished job directly (test setup). */
  addJob(job: Partial<PrintJobInfo> & { id: string; title: string }): PrintJobInfo {
    const full = this.newJob({ printerId: 'spool', kind: 'test', ...job });
    this.jobs.unshift(full);
    return full;
  }

  private newJob(j: Partial<PrintJobInfo> & { title: string; printerId: string | null; kind: string }): PrintJobInfo {
    this.now += 1000;
    return {
      id: `job${this.nextId++}`,
      stationId: 'station-1',
      format: 'zpl',
      status: 'queued',
      attempts: 0,
      nextAttemptAt: null,
      errorCode: null,
      errorDetail: null,
      reprintOf: null,
      orderId: null,
      parcelId: null,
      createdAt: this.now,
      updatedAt: this.now,
      payloadBytes: 812,
      ...j,
    };
  }

  /** Change a job as the print queue would, and tell listeners. */
  updateJob(id: string, patch: Partial<PrintJobInfo>): PrintJobInfo {
    const i = this.jobs.findIndex((j) => j.id === id);
    if (i < 0) throw new Error(`no job ${id}`);
    this.now += 1000;
    const job = { ...this.jobs[i]!, ...patch, updatedAt: this.now };
    this.jobs[i] = job;
    this.emit('printing.job', job);
    return job;
  }

  /** One attempt of the print queue: a ready printer prints, anything else leaves the job waiting. */
  private attempt(job: PrintJobInfo): PrintJobInfo {
    const status = this.printerStatus.get(job.printerId ?? '') ?? READY;
    if (status.ready) {
      this.printed.set(job.printerId ?? '', [...(this.printed.get(job.printerId ?? '') ?? []), job.title]);
      return this.updateJob(job.id, { status: 'done', attempts: job.attempts + 1, errorCode: null });
    }
    return this.updateJob(job.id, { status: 'queued', attempts: job.attempts + 1, errorCode: status.reasons[0] ?? 'unreachable', nextAttemptAt: this.now + 5000 });
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
    // Access first, then input, in the dispatcher's order; input errors carry the same
    // {path, message}[] details, so forms can put them under their fields.
    const me = this.users.find((u) => u.id === this.currentUserId) ?? null;
    if (spec.access !== 'public') {
      if (!me) return fail('UNAUTHORIZED', 'Sign in first');
      if (spec.access !== 'user' && me.role !== 'supervisor' && !spec.access.includes(me.role)) {
        return fail('UNAUTHORIZED', 'Not allowed for your role');
      }
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      return fail('VALIDATION', 'Invalid input', details);
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
      case 'printing.listPrinters':
        return ok({ printers: [...this.printers].sort((a, b) => a.name.localeCompare(b.name)), roles: this.roles });
      case 'printing.savePrinter': {
        const id = typeof input.id === 'string' ? input.id : `p${this.nextId++}`;
        const existing = this.printers.find((p) => p.id === id);
        const options = { ...existing?.options, ...(input.options as object) };
        const p = this.makePrinter(id, String(input.name), String(input.uri), options);
        if (existing) p.createdAt = existing.createdAt;
        this.printers = [...this.printers.filter((x) => x.id !== id), p];
        return ok(p);
      }
      case 'printing.removePrinter': {
        if (input.id === 'spool') return fail('CONFLICT', 'The folder spool is the fallback printer and cannot be removed');
        const removed = this.printers.some((p) => p.id === input.id);
        this.printers = this.printers.filter((p) => p.id !== input.id);
        let failedJobs = 0;
        for (const j of this.jobs.filter((x) => x.printerId === input.id && x.status === 'queued')) {
          this.updateJob(j.id, { status: 'failed', errorCode: 'printer_removed' });
          failedJobs++;
        }
        for (const role of ['label', 'slip'] as const) if (this.roles[role] === input.id) this.roles[role] = 'spool';
        return ok({ removed, failedJobs });
      }
      case 'printing.assignPrinter': {
        if (!this.printers.some((p) => p.id === input.printerId)) return fail('NOT_FOUND', 'Printer not found');
        this.roles = { ...this.roles, [input.role as 'label' | 'slip']: String(input.printerId) };
        return ok(this.roles);
      }
      case 'printing.printerStatus': {
        if (!this.printers.some((p) => p.id === input.id)) return fail('NOT_FOUND', 'Printer not found');
        return ok(this.printerStatus.get(String(input.id)) ?? READY);
      }
      case 'printing.testPrinter': {
        const p = this.printers.find((x) => x.id === input.id);
        if (!p) return fail('NOT_FOUND', 'Printer not found');
        const job = this.newJob({ printerId: p.id, kind: 'test', title: 'Test label', format: p.options.formats.includes('zpl') ? 'zpl' : 'pdf' });
        this.jobs.unshift(job);
        return ok(this.attempt(job));
      }
      case 'printing.preview': {
        const data = input.data as { size?: string; printerName?: string };
        const [w, h] = data.size === '100x150mm' ? [100, 150] : [101.6, 152.4];
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}"><text x="5" y="20">TEST ${data.printerName ?? ''}</text></svg>`;
        return ok({ svg, pages: 1, widthMm: w, heightMm: h });
      }
      case 'printing.jobs': {
        const list = this.jobs.filter((j) => !input.status || j.status === input.status);
        return ok(list.sort((a, b) => b.createdAt - a.createdAt).slice(0, Number(input.limit)));
      }
      case 'printing.reprint': {
        const old = this.jobs.find((j) => j.id === input.id);
        if (!old) return fail('NOT_FOUND', 'Print job not found');
        const job = this.newJob({ printerId: old.printerId, kind: old.kind, title: old.title, format: old.format, reprintOf: old.id });
        this.jobs.unshift(job);
        // The queue picks it up right after the answer, as the real one does on kick().
        queueMicrotask(() => void setTimeout(() => this.attempt(job), 0));
        return ok(job);
      }
      case 'printing.lastJob':
        return ok([...this.jobs].sort((a, b) => b.createdAt - a.createdAt)[0] ?? null);
      default:
        return fail('NOT_FOUND', `Fake bridge does not model ${method}`);
    }
  }
}
