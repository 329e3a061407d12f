import os from 'node:os';
import path from 'node:path';
import { ensurePrivateDir } from '../core/db/privateFiles';

/**
 * Creates the data folder owner-only (0700), or tightens it if it exists looser: it holds the
 * database, its backups, the logs and the secrets. Call before anything writes into it.
 */
export function preparePrivateDataDir(dir: string): string {
  ensurePrivateDir(dir);
  return dir;
}

/** Where web mode keeps data by default: the same place Electron's userData would be. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Dockside');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Dockside');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Dockside');
}
