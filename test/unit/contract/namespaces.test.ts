// Every method and event lives in the contract file named for its namespace (`station.*` in
// station.ts), so a newcomer finds a capability's whole surface by its name.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { events, methods } from '../../../src-preload/contract';

const dir = path.resolve(__dirname, '../../../src-preload/contract');
const capabilityFiles = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !['index.ts', 'define.ts'].includes(f) && !f.endsWith('Schemas.ts'));

describe('contract namespaces', () => {
  it('each capability file declares only methods and events of its own namespace, and all of them are in the contract', async () => {
    const seen = new Set<string>();
    for (const file of capabilityFiles) {
      const ns = path.basename(file, '.ts');
      const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
      const declared = { ...(mod[`${ns}Methods`] as object), ...(mod[`${ns}Events`] as object) };
      expect(Object.keys(declared).length, file).toBeGreaterThan(0);
      for (const name of Object.keys(declared)) {
        expect(name.split('.')[0], `${name} in ${file}`).toBe(ns);
        seen.add(name);
      }
    }
    expect([...seen].sort()).toEqual([...new Set([...Object.keys(methods), ...Object.keys(events)])].sort());
  });
});
