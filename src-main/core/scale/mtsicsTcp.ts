// An MT-SICS scale behind a serial-to-Ethernet converter, over one raw TCP connection. Converters
// usually take a single client, so the connection is kept open and reused; commands go one at a
// time (MT-SICS is strictly request/reply). When the link breaks it is made anew on the next
// command. A command whose reply does not come in time ends the connection too: a late reply would
// otherwise be read as the answer to the next command.
import net from 'node:net';
import { answersCommand, parseWeightReply, parseZeroReply, type ScaleCommand, type WeightReply, type ZeroReply } from './domain';
import type { ScaleDriver } from './port';
import type { ScaleReason } from '../../../src-preload/contract';

export interface MtSicsTcpOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  /** Longest wait for the reply to SI or Z. */
  replyTimeoutMs?: number;
  /** Longest wait for the reply to S: the scale holds it until the pan settles (or answers `S I`). */
  stableTimeoutMs?: number;
  /** After a failed connect, commands answer `unreachable` at once for this long (a poll must not hammer). */
  reconnectDelayMs?: number;
}

class ScaleLinkError extends Error {
  constructor(readonly reason: ScaleReason, message: string) {
    super(message);
  }
}

/** One open connection: a line buffer and whoever waits for the next line. */
class Link {
  private partial = '';
  private lines: string[] = [];
  private waiter: (() => void) | null = null;
  closed = false;

  constructor(readonly socket: net.Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split(/\r?\n/);
      this.partial = parts.pop() ?? '';
      for (const l of parts) if (l.trim() !== '') this.lines.push(l);
      this.wake();
    });
    socket.on('error', () => undefined); // 'close' follows and says it
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  async exchange(command: ScaleCommand, timeoutMs: number): Promise<string> {
    this.lines = []; // anything unasked (a key pressed on the scale's print button) is not our answer
    this.socket.write(`${command}\r\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) {
        if (answersCommand(command, line)) return line;
        continue;
      }
      if (this.closed) throw new ScaleLinkError('connection_lost', 'the scale closed the connection');
      const left = deadline - Date.now();
      if (left <= 0) throw new ScaleLinkError('timeout', `no reply to ${command} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }
}

function connect(host: string, port: number, timeoutMs: number): Promise<Link> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    const t = setTimeout(() => {
      socket.destroy();
      reject(new ScaleLinkError('unreachable', `connect to ${host}:${port} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(t);
      socket.removeAllListeners('error');
      resolve(new Link(socket));
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(t);
      socket.destroy();
      reject(new ScaleLinkError('unreachable', `${host}:${port} unreachable (${e.code ?? e.message})`));
    });
  });
}

export class MtSicsTcpScale implements ScaleDriver {
  private link: Link | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private failedConnectAt = -Infinity;
  private closed = false;
  private readonly connectTimeoutMs: number;
  private readonly replyTimeoutMs: number;
  private readonly stableTimeoutMs: number;
  private readonly reconnectDelayMs: number;
  /** What went wrong last, for the log (a socket error, a timeout). */
  lastError: string | null = null;

  constructor(private readonly opts: MtSicsTcpOptions) {
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 2000;
    this.replyTimeoutMs = opts.replyTimeoutMs ?? 2000;
    this.stableTimeoutMs = opts.stableTimeoutMs ?? 5000;
    this.reconnectDelayMs = opts.reconnectDelayMs ?? 1000;
  }

  get connected(): boolean {
    return !!this.link && !this.link.closed;
  }

  read(mode: 'stable' | 'immediate'): Promise<WeightReply> {
    const command = mode === 'stable' ? 'S' : 'SI';
    return this.send(command, mode === 'stable' ? this.stableTimeoutMs : this.replyTimeoutMs).then(
      (line) => parseWeightReply(line),
      (e: unknown) => ({ ok: false, reason: reasonOf(e) }),
    );
  }

  zero(): Promise<ZeroReply> {
    return this.send('Z', this.stableTimeoutMs).then(
      (line) => parseZeroReply(line),
      (e: unknown) => ({ ok: false, reason: reasonOf(e) }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    this.link?.destroy();
    this.link = null;
    await this.queue.catch(() => undefined);
  }

  /** One command at a time, in the order asked. */
  private send(command: ScaleCommand, timeoutMs: number): Promise<string> {
    const run = this.queue.then(() => this.exchange(command, timeoutMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async exchange(command: ScaleCommand, timeoutMs: number): Promise<string> {
    if (this.closed) throw new ScaleLinkError('not_configured', 'the scale driver was closed');
    const link = await this.openLink();
    try {
      return await link.exchange(command, timeoutMs);
    } catch (e) {
      // Timed out or lost: this connection is no longer in step with the scale.
      link.destroy();
      if (this.link === link) this.link = null;
      this.lastError = e instanceof Error ? e.message : String(e);
      throw e;
    }
  }

  private async openLink(): Promise<Link> {
    if (this.link && !this.link.closed) return this.link;
    this.link = null;
    if (Date.now() - this.failedConnectAt < this.reconnectDelayMs) {
      throw new ScaleLinkError('unreachable', this.lastError ?? 'unreachable');
    }
    try {
      this.link = await connect(this.opts.host, this.opts.port, this.connectTimeoutMs);
      this.failedConnectAt = -Infinity;
      return this.link;
    } catch (e) {
      this.failedConnectAt = Date.now();
      this.lastError = e instanceof Error ? e.message : String(e);
      throw e;
    }
  }
}

function reasonOf(e: unknown): ScaleReason {
  return e instanceof ScaleLinkError ? e.reason : 'connection_lost';
}
