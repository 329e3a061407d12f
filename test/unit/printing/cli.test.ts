import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeZebra } from './fakeZebra';
import { tempDir } from './helpers';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: root, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
const tsx = (args: string[]) => run(path.join(root, 'node_modules/.bin/tsx'), ['src-main/core/printing/cli/print-test.ts', ...args]);

describe('npm run print-test', () => {
  const zebra = new FakeZebra();
  const dirs: string[] = [];
  beforeAll(() => zebra.start());
  afterAll(async () => {
    await zebra.stop();
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  it('delivers a ZPL label (^XA … ^XZ) to a listener on tcp://127.0.0.1:PORT and reports status', async () => {
    zebra.clear();
    const r = await run('npm', ['run', '--silent', 'print-test', '--', '--printer', zebra.uri]);
    expect(r.code, r.stderr).toBe(0);
    const got = zebra.received();
    expect(got.startsWith('^XA\n^CI28\n^PW812\n^LL1218\n')).toBe(true);
    expect(got.trimEnd().endsWith('^XZ')).toBe(true);
    expect(got).toContain('Příliš žluťoučký kůň úpěl ďábelské ódy');
    expect(r.stdout).toContain('status before: ready');
    expect(r.stdout).toMatch(new RegExp(`sent ${Buffer.byteLength(got)} bytes \\(test label, 203 dpi\\) to ${zebra.uri}`));
    expect(r.stdout).toContain('status after: ready');
  }, 60_000);

  it('exits 1 with a one-line reason when the printer is paused, sending nothing', async () => {
    zebra.clear();
    zebra.flags.paused = true;
    try {
      const r = await tsx(['--printer', zebra.uri, '--template', 'shipping', '--dpi', '300']);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe('print-test: FAILED — paused');
      expect(zebra.received()).toBe('');
    } finally {
      zebra.flags.paused = false;
    }
  }, 60_000);

  it('--no-status prints to a printer that never answers ~HS; without it the same printer fails with no_status', async () => {
    zebra.clear();
    zebra.flags.silent = true;
    try {
      const before = zebra.statusQueries;
      const ok = await tsx(['--printer', zebra.uri, '--no-status', '--timeout', '3000']);
      expect(ok.code, ok.stderr).toBe(0);
      const got = zebra.received();
      expect(got.startsWith('^XA\n^CI28\n')).toBe(true);
      expect(got.trimEnd().endsWith('^XZ')).toBe(true);
      expect(zebra.statusQueries).toBe(before); // never asked
      expect(ok.stdout).toContain('status before: reachable, status not queried (--no-status)');
      expect(ok.stdout).toMatch(new RegExp(`sent ${Buffer.byteLength(got)} bytes \\(test label, 203 dpi\\) to ${zebra.uri} in [\\d.]+ ms — sent\\n`));

      zebra.clear();
      const silent = await tsx(['--printer', zebra.uri, '--timeout', '300']);
      expect(silent.code).toBe(1);
      expect(silent.stderr.trim()).toBe('print-test: FAILED — no_status (no ~HS reply within 300 ms)');
      expect(zebra.received()).toBe('');
    } finally {
      zebra.flags.silent = false;
    }
  }, 60_000);

  it('prints to a folder with dir:PATH and rejects bad arguments with exit 2', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const ok = await tsx(['--printer', `dir:${dir}`, '--template', 'sscc']);
    expect(ok.code, ok.stderr).toBe(0);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, files[0]!), 'utf8')).toContain(`^FD>;>8${'0'.repeat(20)}^FS`); // (00) + 18-digit placeholder SSCC
    const bad = await tsx(['--printer', 'lpt1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown printer address/);
  }, 60_000);
});
