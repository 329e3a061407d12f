// The Electron entry (built to out/main/main.js). Everything happens in bootstrap.ts; this file
// only says where the bundle lives.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrap } from './bootstrap';

bootstrap({
  mainDir: path.dirname(fileURLToPath(import.meta.url)),
  env: process.env,
  argv: process.argv,
});
