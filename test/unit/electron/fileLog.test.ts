import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openFileLogger } from '../../../src-main/electron/fileLog';
import { tempDir } from '../../helpers/tmp';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('main log file', () => {
  test('appends one JSON line per record to logs/main.log, readable only by the user', () => {
    const logDir = path.join(dir, 'logs');
    const log = openFileLogger({ dir: logDir });
    log.info('hello', { a: 1 });
    log.child({ part: 'sync' }).warn('slow');
    log.debug('not at info level');
    log.close();
    log.info('after close is dropped, not thrown');
    const file = path.join(logDir, 'main.log');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.level, l.msg])).toEqual([['info', 'hello'], ['warn', 'slow']]);
    expect(lines[1]).toMatchObject({ part: 'sync', pid: process.pid });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  test('a large log is rotated to main.1.log at start', () => {
    fs.writeFileSync(path.join(dir, 'main.log'), 'x'.repeat(2000));
    const log = openFileLogger({ dir, maxBytes: 1000 });
    log.info('fresh');
    log.close();
    expect(fs.statSync(path.join(dir, 'main.1.log')).size).toBe(2000);
    expect(fs.readFileSync(path.join(dir, 'main.log'), 'utf8')).toContain('fresh');
  });
});
