// A fake Zebra on a loopback TCP port: records every byte it receives and answers ~HS with the
// three host-status strings, with paper-out / paused / head-open flags the test can flip. It can
// also vanish (close its port) and come back on the same port, like a printer being power-cycled.
import net from 'node:net';

export interface ZebraFlags {
  paperOut: boolean;
  paused: boolean;
  headOpen: boolean;
  /** Never answer ~HS (a ZPL emulator without status support, or a hung printer). */
  silent: boolean;
  /** Drop the connection at the first ~HS after label data (the confirmation never comes). */
  dropAfterLabel?: boolean;
}

export class FakeZebra {
  readonly flags: ZebraFlags = { paperOut: false, paused: false, headOpen: false, silent: false };
  /** Label data received (all connections, ~HS queries removed). */
  private data = Buffer.alloc(0);
  statusQueries = 0;
  connections = 0;
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = net.createServer((s) => this.onConnection(s));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  get uri(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  private onConnection(socket: net.Socket): void {
    this.connections++;
    this.sockets.add(socket);
    let pending = Buffer.alloc(0);
    let labelBytes = 0;
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const i = pending.indexOf('~HS');
        if (i < 0) break;
        this.data = Buffer.concat([this.data, pending.subarray(0, i)]);
        labelBytes += i;
        pending = pending.subarray(i + 3);
        this.statusQueries++;
        if (this.flags.dropAfterLabel && labelBytes > 0) {
          socket.destroy();
          return;
        }
        if (!this.flags.silent) socket.write(this.hostStatus());
      }
      // Keep a possible partial "~H" for the next chunk; everything else is label data.
      const keep = pending.subarray(-2).toString('latin1');
      const tail = keep.endsWith('~H') ? 2 : keep.endsWith('~') ? 1 : 0;
      this.data = Buffer.concat([this.data, pending.subarray(0, pending.length - tail)]);
      labelBytes += pending.length - tail;
      pending = pending.subarray(pending.length - tail);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }

  /** The ~HS reply as printed in the ZPL manual: STX string ETX CR LF, three times. */
  private hostStatus(): string {
    const b = (v: boolean): string => (v ? '1' : '0');
    const f = this.flags;
    return (
      `\x02030,${b(f.paperOut)},${b(f.paused)},1218,000,0,0,0,000,0,0,0\x03\r\n` +
      `\x02001,0,${b(f.headOpen)},0,0,2,4,0,00000000,1,000\x03\r\n` +
      `\x021234,0\x03\r\n`
    );
  }

  /** Everything received so far as UTF-8 text. */
  received(): string {
    return this.data.toString('utf8');
  }

  receivedBytes(): Buffer {
    return this.data;
  }

  /** Wait (bounded) until `predicate(received())` holds. */
  async waitFor(predicate: (text: string) => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received())) {
      if (Date.now() > deadline) throw new Error(`fake Zebra: condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  clear(): void {
    this.data = Buffer.alloc(0);
  }

  /** Close the port and drop every connection: the printer is gone. */
  async gone(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** Listen again on the same port. */
  async comeBack(): Promise<void> {
    await this.start(this.port);
  }

  async stop(): Promise<void> {
    if (this.server) await this.gone();
  }
}
