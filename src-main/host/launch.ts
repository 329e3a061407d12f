// `npm start`: the desktop app through electron-vite where Electron's binary exists; otherwise one
// clear line and web mode, with the same arguments.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electronBinary';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv = process.env): void {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main(): Promise<void> {
  const electron = findElectronBinary(root);
  if (!electron.present) {
    console.error(`Electron cannot start here: ${electron.reason}. Starting Dockside in web mode instead.`);
    if (process.env.DOCKSIDE_SKIP_BUILD === '1') run(process.execPath, [path.join(root, 'out', 'main', 'web.js'), ...args]);
    else run(npm, ['run', '--silent', 'start:web', '--', ...args]);
    return;
  }
  // Loaded only here: @electron/rebuild is a desktop-build tool that web mode never needs.
  const { ensureElectronSqlite } = await import('./electronNative');
  const binding = await ensureElectronSqlite(root);
  run(npm, ['exec', '--', 'electron-vite', 'preview', ...(args.length ? ['--', ...args] : [])], { ...process.env, DOCKSIDE_SQLITE_BINDING: binding });
}

main().catch((e: unknown) => {
  console.error(`Dockside could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
