// The renderer the flow tests drive. The Pack screen takes the scale reading and the photo button
// through its slots (features/packing/packSlots.ts); until the app wires them in, the flows need
// a scale reading on screen, so they build the same renderer (vite, the app's own config for the
// renderer) with the slots filled from benchSlots, the wiring packSlots.ts names. Once the slots
// are wired in the app, this is the built out/renderer unchanged.
import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { tempDir } from '../helpers/tmp';
import { root } from './webMode';

const PACKING = path.join(root, 'src-renderer', 'src', 'features', 'packing');
const VIRTUAL = '\0dockside-wired-pack-slots';

/** Whether the app still ships empty pack slots (no scale reading on the Pack screen). */
export function packSlotsEmpty(): boolean {
  return /packSlots: PackSlots = \{\};/.test(fs.readFileSync(path.join(PACKING, 'packSlots.ts'), 'utf8'));
}

const wireSlots: Plugin = {
  name: 'dockside-wire-pack-slots',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === './packSlots' && importer && path.dirname(importer) === PACKING && !importer.endsWith('benchSlots.tsx')) return VIRTUAL;
    return null;
  },
  load(id) {
    if (id !== VIRTUAL) return null;
    return `import { benchSlots } from ${JSON.stringify(path.join(PACKING, 'benchSlots.tsx'))};\nexport const packSlots = { ...benchSlots };\n`;
  },
};

let built: { dir: string; cleanup: () => void } | undefined;

/** The renderer folder to serve: out/renderer, or a build of it with the pack slots wired. */
export async function flowRendererDir(): Promise<string> {
  if (!packSlotsEmpty()) return path.join(root, 'out', 'renderer');
  if (built) return built.dir;
  const t = tempDir('dockside-flow-renderer-');
  await build({
    configFile: false,
    root: path.join(root, 'src-renderer'),
    plugins: [wireSlots, react()],
    logLevel: 'error',
    build: { outDir: t.dir, emptyOutDir: true, rollupOptions: { input: path.join(root, 'src-renderer', 'index.html') } },
  });
  built = t;
  return t.dir;
}

export function removeFlowRenderer(): void {
  built?.cleanup();
  built = undefined;
}
