import { createLogger, type LogLevel, type Logger } from '../core/log/logger';
import { openRotatingFile } from '../core/log/rotatingFile';
import path from 'node:path';

/**
 * JSON lines in `<dataDir>/logs/dockside.log`, rotated by size (dockside.1.log … kept like the
 * desktop app's main.log); warnings and errors also go to stderr.
 */
export function fileLogger(dataDir: string, level: LogLevel, opts: { maxBytes?: number; keep?: number } = {}): Logger & { close(): void } {
  const out = openRotatingFile({ dir: path.join(dataDir, 'logs'), name: 'dockside.log', ...opts });
  const logger = createLogger(
    (line) => {
      out.write(line);
      const rec = JSON.parse(line) as { level: string; msg: string; correlationId?: string };
      if (rec.level === 'warn' || rec.level === 'error') {
        process.stderr.write(`${rec.level === 'warn' ? 'Warning' : 'Error'}: ${rec.msg}${rec.correlationId ? ` (reference ${rec.correlationId})` : ''}\n`);
      }
    },
    { level },
  );
  return Object.assign(logger, { close: () => out.close() });
}
