import fs from 'node:fs';
import path from 'node:path';
import { createLogger, type LogLevel, type Logger } from '../core/log/logger';

/** JSON lines in `<dataDir>/logs/dockside.log`; warnings and errors also go to stderr. */
export function fileLogger(dataDir: string, level: LogLevel): Logger {
  const dir = path.join(dataDir, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'dockside.log');
  return createLogger(
    (line) => {
      fs.appendFileSync(file, line + '\n');
      const rec = JSON.parse(line) as { level: string; msg: string; correlationId?: string };
      if (rec.level === 'warn' || rec.level === 'error') {
        process.stderr.write(`${rec.level === 'warn' ? 'Warning' : 'Error'}: ${rec.msg}${rec.correlationId ? ` (reference ${rec.correlationId})` : ''}\n`);
      }
    },
    { level },
  );
}
