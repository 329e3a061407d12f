// A fake MT-SICS scale on a real TCP port on 127.0.0.1, as a serial-to-Ethernet converter would
// expose one. It answers S, SI and Z from its state (weight, unit, stable or moving, overload,
// underload), and a test can script what comes next: a given reply line, silence (no reply, as a
// scale that hangs), or a dropped connection. Everything it was sent is recorded.
import net from 'node:net';

export type FakeScaleCondition = 'stable' | 'moving' | 'overload' | 'underload';

/** A scripted answer to the next command, ahead of the state's own. */
export type ScriptedReply = { line: string } | { silent: true } | { disconnect: true };

export class FakeScale {
  /** What the display shows, as the scale would print it ("0.750"). */
  value = '0.000';
  unit = 'kg';
  condition: FakeScaleCondition = 'stable';
  /** How long S waits for a moving pan to settle before answering `S I` (a real scale: a few seconds). */
  stableHoldMs = 300;
  /** Every command line received, in order, without CR LF. */
  readonly received: string[] = [];
  /** Connections accepted so far. */
  connections = 0;
  private readonly script: ScriptedReply[] = [];
  private readonly sockets = new Set<net.Socket>();
  private settleWaiters: (() => void)[] = [];
  private settleTimer: NodeJS.Timeout | undefined;

  private constructor(private readonly server: net.Server) {}

  static async start(): Promise<FakeScale> {
    const server = net.createServer();
    const fake = new FakeScale(server);
    server.on('connection', (s) => fake.accept(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Put a weight on the pan, settled. */
  show(value: string, unit = this.unit): void {
    this.value = value;
    this.unit = unit;
    this.setCondition('stable');
  }

  /** The pan is moving now and settles on `value` after `ms` (an S asked meanwhile waits for it). */
  settleAfter(ms: number, value: string, unit = this.unit): void {
    this.condition = 'moving';
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.show(value, unit), ms);
  }

  setCondition(condition: FakeScaleCondition): void {
    this.condition = condition;
    if (condition === 'stable') {
      const w = this.settleWaiters;
      this.settleWaiters = [];
      for (const f of w) f();
    }
  }

  /** Answer the next commands with these, in order, before the state answers again. */
  next(...replies: ScriptedReply[]): void {
    this.script.push(...replies);
  }

  /** Close every open connection from the scale's side (converter rebooted, cable pulled). */
  dropClients(): void {
    for (const s of this.sockets) s.destroy();
  }

  async stop(): Promise<void> {
    clearTimeout(this.settleTimer);
    this.dropClients();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.connections++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('latin1');
    let partial = '';
    socket.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\r\n');
      partial = parts.pop() ?? '';
      for (const line of parts) void this.answer(socket, line);
    });
  }

  private async answer(socket: net.Socket, command: string): Promise<void> {
    this.received.push(command);
    const scripted = this.script.shift();
    if (scripted) {
      if ('silent' in scripted) return;
      if ('disconnect' in scripted) return void socket.destroy();
      return void socket.write(`${scripted.line}\r\n`);
    }
    const reply = await this.fromState(command.trim());
    if (!socket.destroyed) socket.write(`${reply}\r\n`);
  }

  /** The weight field: right-aligned in 10 characters, as MT-SICS prints it. */
  private weight(): string {
    return `${this.value.padStart(10)} ${this.unit}`;
  }

  private async fromState(command: string): Promise<string> {
    switch (command) {
      case 'SI':
        if (this.condition === 'overload') return 'S +';
        if (this.condition === 'underload') return 'S -';
        return `S ${this.condition === 'moving' ? 'D' : 'S'} ${this.weight()}`;
      case 'S':
        if (this.condition === 'overload') return 'S +';
        if (this.condition === 'underload') return 'S -';
        if (this.condition === 'moving' && !(await this.settled())) return 'S I';
        return `S S ${this.weight()}`;
      case 'Z':
        if (this.condition === 'overload') return 'Z +';
        if (this.condition === 'underload') return 'Z -';
        if (this.condition === 'moving') return 'Z I';
        this.value = (0).toFixed(this.value.split('.')[1]?.length ?? 0);
        return 'Z A';
      default:
        return 'ES';
    }
  }

  /** Waits up to stableHoldMs for the pan to settle. */
  private settled(): Promise<boolean> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.settleWaiters = this.settleWaiters.filter((w) => w !== done);
        resolve(false);
      }, this.stableHoldMs);
      const done = () => {
        clearTimeout(t);
        resolve(true);
      };
      this.settleWaiters.push(done);
    });
  }
}
