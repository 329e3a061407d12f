import fs from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { present: true; executable: string } | { present: false; reason: string };

/**
 * Is Electron's binary on this machine? Decided from files alone: loading the electron package would
 * start a download (electron ≥ 42), which must never happen as a side effect of a check.
 */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(pkgDir, 'package.json'))) return { present: false, reason: 'the electron package is not installed' };
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
  const executable = path.join(distDir, relative ?? 'electron');
  if (!relative && !env.ELECTRON_OVERRIDE_DIST_PATH) return { present: false, reason: 'its binary was never downloaded (node_modules/electron/dist is missing)' };
  if (!fs.existsSync(executable)) return { present: false, reason: `its binary is missing (${executable})` };
  return { present: true, executable };
}

export function electronVersion(root: string): string {
  return (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
}
