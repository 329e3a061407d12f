// `npm run start:web`: core in plain Node, the built renderer and the RPC WebSocket on 127.0.0.1.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json';
import { createCore } from '../core/app';
import { ArgsError, parseWebArgs, USAGE } from './args';
import { interfaceConnectivity } from './connectivity';
import { createDemoHost, demoCoreOptions, DemoRefusedError } from './demo';
import { fileLogger } from './fileLogger';
import { defaultDataDir, preparePrivateDataDir } from './paths';
import { fileSecretStore } from './secretStore';
import { startWebHost } from './server';
import { confSettingsStore } from './settingsStore';

async function main(): Promise<void> {
  let args;
  try {
    args = parseWebArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof ArgsError) {
      process.stderr.write(`${e.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  // A demo never mixes sample people into a real station's data.
  const dataDir = preparePrivateDataDir(path.resolve(args.dataDir ?? defaultDataDir() + (args.demo ? ' Demo' : '')));
  const logger = fileLogger(dataDir, args.logLevel);
  const secrets = fileSecretStore(dataDir);
  const secretInfo = secrets.describe();
  if (secretInfo.warning) logger.warn(secretInfo.warning);

  // The simulator starts before core on a demo station, so the first pull already finds it.
  const demoHost = createDemoHost({ dataDir, logger });
  let demo;
  try {
    demo = await demoCoreOptions(demoHost, { dataDir, demoFlag: args.demo, logger, ...(args.remotes ? { remotes: args.remotes } : {}) });
  } catch (e) {
    if (e instanceof DemoRefusedError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const core = await createCore({
    dataDir,
    settings: confSettingsStore(dataDir),
    secrets,
    connectivity: interfaceConnectivity(),
    logger,
    version: pkg.version,
    platform: `web (${process.platform})`,
    ...demo,
  });
  const rendererDir = process.env.DOCKSIDE_RENDERER_DIR ?? fileURLToPath(new URL('../renderer', import.meta.url));
  const host = await startWebHost({ dispatcher: core.dispatcher, events: core.events, logger, rendererDir, port: args.port });
  logger.info('web mode started', { port: host.port, dataDir, demo: demo.demo });
  process.stdout.write(`Dockside web mode: ${host.url}\n`);
  if (demo.demo) process.stderr.write(`Demo station: sample data from the built-in simulator at ${demoHost.running()?.url ?? '?'} (PINs: supervisor 999999, packer 1111, agent 2222)\n`);
  else if (core.station.state().needsSetup) process.stderr.write('New data folder: open the address above to set up this station, or to try it with sample data\n');
  process.stderr.write(`Data: ${dataDir} — stop with Ctrl+C\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    await demoHost.close();
    logger.info('web mode stopped');
    logger.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`Dockside could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
