// What the crash tests share: their child process is bundled once (esbuild, already used by tsx
// and vite) so each of the 100+ starts costs tens of ms instead of a tsx compile, with
// better-sqlite3 left external and found through NODE_PATH.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bundles `entry` (a file URL) into `outDir` and returns the .cjs to run with `node`. */
export async function bundleChild(entry: URL, outDir: string): Promise<string> {
  const { build } = await import('esbuild');
  const file = fileURLToPath(entry);
  const out = path.join(outDir, `${path.basename(file, path.extname(file))}.cjs`);
  await build({
    entryPoints: [file],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    outfile: out,
    logLevel: 'silent',
  });
  return out;
}

/** The node_modules that holds better-sqlite3: NODE_PATH for a bundled child. */
export const childNodePath: string = (() => {
  const entry = createRequire(import.meta.url).resolve('better-sqlite3');
  return entry.slice(0, entry.lastIndexOf(`${path.sep}node_modules${path.sep}`) + `${path.sep}node_modules`.length);
})();
