// A web-mode host in its own process for the fuzz test: a real core over a temp SQLite file and the
// real server on 127.0.0.1. Prints one JSON line {port, wsUrl} and runs until killed. It installs
// no uncaughtException handler on purpose: anything that would crash web mode ends this process.
import fs from 'node:fs';
import path from 'node:path';
import { startWebHost } from '../../../src-main/host/server';
import { createTestCore } from '../../helpers/core';

const t = await createTestCore();
const rendererDir = path.join(t.dir, 'renderer');
fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Dockside</title>');
fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
const host = await startWebHost({ dispatcher: t.core.dispatcher, events: t.core.events, logger: t.logger, rendererDir, port: 0 });
process.stdout.write(JSON.stringify({ port: host.port, wsUrl: host.wsUrl }) + '\n');

const stop = async () => {
  await host.close();
  await t.dispose();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
