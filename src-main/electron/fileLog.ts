// Main's log: one JSON line per record in `<userData>/logs/main.log`, appended synchronously so
// the last lines before a crash are on disk. One previous file is kept when it grows large.
import fs from 'node:fs';
import path from 'node:path';
import { createLogger, type LogLevel, type Logger } from '../core/log/logger';

export const MAX_LOG_BYTES = 5 * 1024 * 1024;

export function openFileLogger(opts: { dir: string; level?: LogLevel; maxBytes?: number }): Logger & { close(): void } {
  fs.mkdirSync(opts.dir, { recursive: true });
  const file = path.join(opts.dir, 'main.log');
  const maxBytes = opts.maxBytes ?? MAX_LOG_BYTES;
  try {
    if (fs.statSync(file).size > maxBytes) fs.renameSync(file, path.join(opts.dir, 'main.1.log'));
  } catch {
    // No previous log: nothing to rotate.
  }
  let fd: number | null = fs.openSync(file, 'a', 0o600);
  const logger = createLogger(
    (line) => {
      if (fd === null) return;
      try {
        fs.writeSync(fd, line + '\n');
      } catch {
        // A full disk must not take the app down with it.
      }
    },
    { level: opts.level ?? 'info', base: { pid: process.pid } },
  );
  return Object.assign(logger, {
    close() {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  });
}
