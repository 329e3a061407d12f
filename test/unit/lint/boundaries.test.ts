import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layering of design.md is enforced by lint; these prove the rules bite where they must.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: '.ci/eslint.config.js' });

async function messages(filePath: string, code: string, ruleId: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === ruleId).map((m) => m.message);
}
const restricted = (filePath: string, code: string): Promise<string[]> => messages(filePath, code, 'no-restricted-imports');
const foreignRepo = (filePath: string, code: string): Promise<string[]> => messages(filePath, code, 'dockside/no-foreign-repo');

describe('import boundaries', () => {
  it('core imports no electron, react, renderer or host code', async () => {
    const file = 'src-main/core/probe.ts';
    expect(await restricted(file, `import { app } from 'electron';\nexport const a = app;`)).toHaveLength(1);
    expect(await restricted(file, `import React from 'react';\nexport const a = React;`)).toHaveLength(1);
    expect(await restricted(file, `import { x } from '../../src-renderer/src/x';\nexport const a = x;`)).toHaveLength(1);
    expect(await restricted(file, `import { x } from '../host/web';\nexport const a = x;`)).toHaveLength(1);
    expect(await restricted(file, `import { z } from 'zod';\nexport const a = z;`)).toHaveLength(0);
  });

  it('core never imports the simulator, at any depth', async () => {
    expect(await restricted('src-main/core/probe.ts', `import { startSim } from '../sim/server';\nexport const a = startSim;`)).toHaveLength(1);
    expect(await restricted('src-main/core/station/probe.ts', `import { createDemoDataset } from '../../sim/generator/index';\nexport const a = createDemoDataset;`)).toHaveLength(1);
    expect(await restricted('src-main/core/printing/jobs/probe.ts', `import type { SimOptions } from '../../../sim/server';\nexport type A = SimOptions;`)).toHaveLength(1);
    // the demo station users are core's own and stay allowed
    expect(await restricted('src-main/core/station/probe.ts', `import { x } from './demo';\nexport const a = x;`)).toHaveLength(0);
  });

  it("a capability never imports another capability's repo", async () => {
    const [msg] = await foreignRepo('src-main/core/printing/probe.ts', `import { StationRepo } from '../station/repo';\nexport const a = StationRepo;`);
    expect(msg).toMatch(/'printing' uses 'station' only through its service/);
    expect(await foreignRepo('src-main/core/printing/jobs/probe.ts', `import { StationRepo } from '../../station/repo';\nexport const a = StationRepo;`)).toHaveLength(1);
    expect(await foreignRepo('src-main/core/station/probe.ts', `import type { JobsRepo } from '../printing/jobs/repo.ts';\nexport type A = JobsRepo;`)).toHaveLength(1);
    expect(await foreignRepo('src-main/core/station/probe.ts', `export { SyncRepo } from '../sync/repo/index';`)).toHaveLength(1);
    expect(await foreignRepo('src-main/core/station/probe.ts', `export const load = () => import('../sync/outboxRepo');`)).toHaveLength(1);
    // its own repo, from any depth, and another capability's service are fine
    expect(await foreignRepo('src-main/core/printing/probe.ts', `import { PrintingRepo } from './repo';\nexport const a = PrintingRepo;`)).toHaveLength(0);
    expect(await foreignRepo('src-main/core/printing/jobs/probe.ts', `import { PrintingRepo } from '../repo';\nimport { JobsRepo } from '../../printing/jobs/repo';\nexport const a = [PrintingRepo, JobsRepo];`)).toHaveLength(0);
    expect(await foreignRepo('src-main/core/printing/probe.ts', `import { StationService } from '../station/service';\nexport const a = StationService;`)).toHaveLength(0);
    // the composition root builds every service and may wire repos
    expect(await foreignRepo('src-main/core/app.ts', `import { StationRepo } from './station/repo';\nexport const a = StationRepo;`)).toHaveLength(0);
  });

  it('the simulator never imports electron, react, the renderer or test code', async () => {
    const file = 'src-main/sim/probe.ts';
    expect(await restricted(file, `import { app } from 'electron';\nexport const a = app;`)).toHaveLength(1);
    expect(await restricted(file, `import React from 'react';\nexport const a = React;`)).toHaveLength(1);
    expect(await restricted('src-main/sim/ucs/probe.ts', `import { x } from '../../../src-renderer/src/x';\nexport const a = x;`)).toHaveLength(1);
    expect(await restricted(file, `import { x } from '../electron/main';\nexport const a = x;`)).toHaveLength(1);
    expect(await restricted('src-main/sim/afosto/probe.ts', `import { call } from '../../../test/sim/helpers';\nexport const a = call;`)).toHaveLength(1);
    // what it needs from core, and its own generator, are allowed
    expect(await restricted('src-main/sim/afosto/probe.ts', `import { newId } from '../../core/util/ids';\nimport { iso } from '../generator/index';\nexport const a = [newId, iso];`)).toHaveLength(0);
  });

  it('the renderer never imports main or Node', async () => {
    const file = 'src-renderer/src/probe.ts';
    expect(await restricted(file, `import { createCore } from '../../src-main/core/app';\nexport const a = createCore;`)).toHaveLength(1);
    expect(await restricted(file, `import fs from 'node:fs';\nexport const a = fs;`)).toHaveLength(1);
    expect(await restricted(file, `import { methods } from '../../src-preload/contract';\nexport const a = methods;`)).toHaveLength(0);
  });

  it('the contract imports only zod and its own files', async () => {
    const file = 'src-preload/contract/probe.ts';
    expect(await restricted(file, `import { z } from 'zod';\nimport { method } from './define';\nexport const a = [z, method];`)).toHaveLength(0);
    expect(await restricted(file, `import fs from 'node:fs';\nexport const a = fs;`)).toHaveLength(1);
    expect(await restricted(file, `import { create } from 'zustand';\nexport const a = create;`)).toHaveLength(1);
  });

  it('only the Electron adapter may import electron', async () => {
    expect(await restricted('src-main/host/probe.ts', `import { app } from 'electron';\nexport const a = app;`)).toHaveLength(1);
    expect(await restricted('src-main/electron/probe.ts', `import { app } from 'electron';\nexport const a = app;`)).toHaveLength(0);
  });
});
