// `npm run rebuild:electron`: builds better-sqlite3 for Electron's ABI into a cache folder of its
// own, so node_modules keeps the Node-ABI build that tests and web mode load. The desktop app is
// pointed at the cached binary through DOCKSIDE_SQLITE_BINDING (better-sqlite3's nativeBinding).
// Packaged apps don't need this: `npm run dist` has electron-builder rebuild for Electron, then
// restores the Node build (resources/PACKAGING.md).
import { rebuild } from '@electron/rebuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion } from './electronBinary';

export function electronSqlitePath(root: string, version: string): string {
  return path.join(root, 'node_modules', '.cache', 'dockside', `better-sqlite3-electron-${version}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
}

export async function ensureElectronSqlite(root: string, log: (line: string) => void = console.error): Promise<string> {
  const version = electronVersion(root);
  const target = electronSqlitePath(root, version);
  if (fs.existsSync(target)) return target;
  log(`Building better-sqlite3 for Electron ${version} (once; needs Electron's headers from the network)…`);
  // Rebuild a private copy: @electron/rebuild works in place, and in place would break Node.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-electron-sqlite-'));
  try {
    const modDir = path.join(work, 'node_modules', 'better-sqlite3');
    fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), modDir, {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
    });
    fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'sqlite-electron', version: '0.0.0', dependencies: { 'better-sqlite3': '*' } }));
    await rebuild({ buildPath: work, electronVersion: version, onlyModules: ['better-sqlite3'], force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(modDir, 'build', 'Release', 'better_sqlite3.node'), target);
    return target;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  ensureElectronSqlite(root, (l) => console.log(l))
    .then((p) => console.log(`Electron-ABI better-sqlite3: ${p}`))
    .catch((e: unknown) => {
      console.error(`Could not build better-sqlite3 for Electron: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    });
}
