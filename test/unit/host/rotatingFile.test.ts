// The one rotating log writer behind web mode's dockside.log and the desktop app's main.log.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRotatingFile } from '../../../src-main/core/log/rotatingFile';
import { tempDir } from '../../helpers/tmp';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('rotating log file', () => {
  it('keeps every file under the size limit, shifts older files up and deletes the oldest beyond keep', () => {
    const out = openRotatingFile({ dir: path.join(dir, 'logs'), name: 'app.log', maxBytes: 100, keep: 2 });
    for (let i = 0; i < 20; i++) out.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(30)}`);
    out.close();
    const logs = path.join(dir, 'logs');
    expect(fs.readdirSync(logs).sort()).toEqual(['app.1.log', 'app.2.log', 'app.log']);
    const read = (f: string) => fs.readFileSync(path.join(logs, f), 'utf8');
    // 39 bytes a line, 100 per file: two lines each, newest in app.log.
    expect(read('app.log')).toContain('line 19');
    expect(read('app.1.log')).toContain('line 17');
    expect(read('app.2.log')).toContain('line 15');
    expect(read('app.2.log')).not.toContain('line 13');
    for (const f of fs.readdirSync(logs)) expect(fs.statSync(path.join(logs, f)).size).toBeLessThanOrEqual(100);
    expect(fs.statSync(logs).mode & 0o777).toBe(0o700);
  });

  it('drops lines instead of throwing when the folder is gone, and drops them after close', () => {
    const logs = path.join(dir, 'logs');
    const out = openRotatingFile({ dir: logs, name: 'app.log', maxBytes: 50 });
    out.write('first');
    fs.rmSync(logs, { recursive: true, force: true });
    expect(() => {
      for (let i = 0; i < 5; i++) out.write('x'.repeat(30));
    }).not.toThrow();
    out.close();
    expect(() => out.write('after close')).not.toThrow();
  });
});
