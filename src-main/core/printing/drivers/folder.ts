// Folder spool: writes each job as <jobId>.zpl / <jobId>.pdf, atomically (temp file, fsync, rename)
// so a watcher never picks up half a file. The default printer: Dockside prints with no hardware.
import fs from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { okStatus, unreachableStatus, type PrintJobBytes, type PrintResult, type Printer, type PrinterStatus } from './types';

export class FolderPrinter implements Printer {
  readonly kind = 'dir' as const;
  readonly formats = ['zpl', 'pdf'] as const;

  constructor(readonly dir: string) {}

  fileFor(job: Pick<PrintJobBytes, 'id' | 'format'>): string {
    if (!/^[\w.-]+$/.test(job.id)) throw new Error(`job id "${job.id}" is not a safe file name`);
    return path.join(this.dir, `${job.id}.${job.format}`);
  }

  async print(job: PrintJobBytes): Promise<PrintResult> {
    try {
      await fs.mkdir(this.dir, { recursive: true });
      const target = this.fileFor(job);
      const tmp = path.join(this.dir, `.${job.id}.${job.format}.${process.pid}.tmp`);
      const fh = await fs.open(tmp, 'w');
      try {
        await fh.writeFile(job.bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.rename(tmp, target);
      return { ok: true, state: 'done', bytes: job.bytes.length, detail: target };
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // A missing/locked share may come back; a bad path will not.
      const retryable = ['EBUSY', 'EAGAIN', 'ENOSPC', 'EIO', 'ETIMEDOUT', 'EHOSTDOWN', 'ENOTCONN'].includes(err.code ?? '');
      return { ok: false, retryable, code: 'write_failed', detail: `cannot write to ${this.dir}: ${err.code ?? err.message}` };
    }
  }

  async status(): Promise<PrinterStatus> {
    try {
      await fs.mkdir(this.dir, { recursive: true });
      await fs.access(this.dir, constants.W_OK);
      return okStatus({ dir: this.dir });
    } catch (e) {
      return unreachableStatus('not_writable', `folder ${this.dir} is not writable (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
}
