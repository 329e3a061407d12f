import os from 'node:os';
import path from 'node:path';

/** Where web mode keeps data by default: the same place Electron's userData would be. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Dockside');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Dockside');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Dockside');
}
