// `npm run bench [-- filter]`: runs every test/bench/*.bench.ts (or those whose file name contains
// the filter) and prints one table; results also go to test-results/bench.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Harness } from './harness';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

const h = new Harness();
for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { default: (h: Harness) => Promise<void> };
  process.stderr.write(`running ${f}…\n`);
  await mod.default(h);
}
console.log(h.table());
const out = path.join(here, '..', '..', 'test-results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'bench.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, results: h.results, measures: h.measures }, null, 2));
