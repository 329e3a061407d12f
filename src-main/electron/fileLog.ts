// Main's log: one JSON line per record in `<userData>/logs/main.log`, appended synchronously so
// the last lines before a crash are on disk; rotated by size like web mode's (core/log/rotatingFile).
import { createLogger, type LogLevel, type Logger } from '../core/log/logger';
import { DEFAULT_LOG_MAX_BYTES, openRotatingFile } from '../core/log/rotatingFile';

export const MAX_LOG_BYTES = DEFAULT_LOG_MAX_BYTES;

export function openFileLogger(opts: { dir: string; level?: LogLevel; maxBytes?: number; keep?: number }): Logger & { close(): void } {
  const out = openRotatingFile({ dir: opts.dir, name: 'main.log', maxBytes: opts.maxBytes ?? MAX_LOG_BYTES, ...(opts.keep ? { keep: opts.keep } : {}) });
  const logger = createLogger((line) => out.write(line), { level: opts.level ?? 'info', base: { pid: process.pid } });
  return Object.assign(logger, { close: () => out.close() });
}
