// Raw TCP (port 9100) ZPL printer. Each job opens a fresh connection (so a printer that was power-
// cycled or re-plugged is simply reconnected), asks ~HS first and refuses to send while the printer
// is paused, out of paper or has its head open, writes the job, then asks ~HS again to confirm.
// A printer set to skipStatus (many ZPL-compatible printers never answer ~HS) is sent to unasked.
import net from 'node:net';
import { hostStatusFrames, parseHostStatus } from './zebraStatus';
import { errorText, okStatus, PrinterError, unreachableStatus, type PrintJobBytes, type PrintResult, type Printer, type PrinterStatus } from './types';

export interface TcpPrinterOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
  /** Longest wait for a ~HS reply or for a write to drain. */
  ioTimeoutMs?: number;
  /** Never send ~HS: for ZPL-compatible printers that do not answer it (they would time out). */
  skipStatus?: boolean;
  /** Extra connect attempts when the first one is refused or reset (printer rebooting). */
  connectRetries?: number;
}

const HS = Buffer.from('~HS', 'latin1');

class Conn {
  private buf = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  private closedWith: Error | undefined;

  constructor(readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    socket.on('error', (e) => {
      this.closedWith = new PrinterError('connection_lost', e.message);
      this.wake();
    });
    socket.on('close', () => {
      this.closedWith ??= new PrinterError('connection_lost', 'connection closed by printer');
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Send ~HS and wait for its three framed strings. */
  async hostStatus(timeoutMs: number): Promise<PrinterStatus> {
    this.buf = Buffer.alloc(0);
    await this.write(HS, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    while (hostStatusFrames(this.buf).length < 3) {
      if (this.closedWith) throw this.closedWith;
      const left = deadline - Date.now();
      if (left <= 0) throw new PrinterError('no_status', `no ~HS reply within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return parseHostStatus(this.buf);
  }

  write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closedWith) return reject(this.closedWith);
      const t = setTimeout(() => reject(new PrinterError('timeout', `write timed out after ${timeoutMs} ms`)), timeoutMs);
      this.socket.write(bytes, (err) => {
        clearTimeout(t);
        if (err) reject(err);
        else resolve();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      const t = setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 1000);
      this.socket.end(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

function connectOnce(host: string, port: number, timeoutMs: number): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    const t = setTimeout(() => {
      socket.destroy();
      reject(new PrinterError('timeout', `connect to ${host}:${port} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(t);
      socket.removeAllListeners('error');
      resolve(new Conn(socket));
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(t);
      socket.destroy();
      reject(new PrinterError('unreachable', `${host}:${port} unreachable (${e.code ?? e.message})`));
    });
  });
}

export class TcpZebraPrinter implements Printer {
  readonly kind = 'tcp' as const;
  readonly formats = ['zpl'] as const;
  private readonly connectTimeoutMs: number;
  private readonly ioTimeoutMs: number;
  private readonly retries: number;

  constructor(private readonly opts: TcpPrinterOptions) {
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 3000;
    this.ioTimeoutMs = opts.ioTimeoutMs ?? 5000;
    this.retries = opts.connectRetries ?? 1;
  }

  get address(): string {
    return `tcp://${this.opts.host}:${this.opts.port}`;
  }

  private async connect(): Promise<Conn> {
    let last: unknown;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      try {
        return await connectOnce(this.opts.host, this.opts.port, this.connectTimeoutMs);
      } catch (e) {
        last = e;
        if (attempt < this.retries) await new Promise((r) => setTimeout(r, 150 * (attempt + 1)));
      }
    }
    throw last;
  }

  async status(): Promise<PrinterStatus> {
    let conn: Conn | undefined;
    try {
      conn = await this.connect();
      // A printer set to "no status query" is only asked whether it takes a connection: it can
      // print, and `no_status` says that paper-out or pause will not be seen.
      if (this.opts.skipStatus) return { ...okStatus({ statusQueried: false }), reasons: ['no_status'], detail: 'status not queried (printer set to not answer ~HS)' };
      return await conn.hostStatus(this.ioTimeoutMs);
    } catch (e) {
      return unreachableStatus(codeOf(e), errorText(e));
    } finally {
      await conn?.close();
    }
  }

  async print(job: PrintJobBytes): Promise<PrintResult> {
    if (job.format !== 'zpl') return { ok: false, retryable: false, code: 'format_unsupported', detail: `a raw TCP printer takes ZPL, not ${job.format}` };
    let conn: Conn;
    try {
      conn = await this.connect();
    } catch (e) {
      return { ok: false, retryable: true, code: codeOf(e), detail: errorText(e) };
    }
    let written = false;
    try {
      if (!this.opts.skipStatus) {
        const before = await conn.hostStatus(this.ioTimeoutMs);
        if (!before.ready) return { ok: false, retryable: true, code: before.reasons[0] ?? 'unknown', ...(before.reasons.length > 1 ? { detail: before.reasons.join(', ') } : {}) };
      }
      await conn.write(job.bytes, this.ioTimeoutMs);
      written = true;
      if (this.opts.skipStatus) return { ok: true, state: 'sent', bytes: job.bytes.length };
      // Bytes are at the printer; a failed confirmation must not resend (it would print twice).
      try {
        const after = await conn.hostStatus(this.ioTimeoutMs);
        return after.ready
          ? { ok: true, state: 'done', bytes: job.bytes.length }
          : { ok: true, state: 'sent', bytes: job.bytes.length, code: after.reasons[0] ?? 'unknown', detail: `after printing: ${after.reasons.join(', ')}` };
      } catch (e) {
        return { ok: true, state: 'sent', bytes: job.bytes.length, code: 'not_confirmed', detail: errorText(e) };
      }
    } catch (e) {
      // A failure before the write is safe to retry; after it the label may already be out.
      return written
        ? { ok: true, state: 'sent', bytes: job.bytes.length, code: 'not_confirmed', detail: errorText(e) }
        : { ok: false, retryable: true, code: codeOf(e), detail: errorText(e) };
    } finally {
      await conn.close();
    }
  }
}

/** The reason code of a failure inside the driver (anything unexpected is `internal`). */
function codeOf(e: unknown): PrinterError['code'] {
  return e instanceof PrinterError ? e.code : 'internal';
}
