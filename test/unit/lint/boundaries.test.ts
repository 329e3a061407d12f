import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layering of design.md is enforced by lint; these prove the rules bite where they must.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: '.ci/eslint.config.js' });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('core imports no electron, react, renderer or host code', async () => {
    const file = 'src-main/core/probe.ts';
    expect(await restricted(file, `import { app } from 'electron';\nexport const a = app;`)).toHaveLength(1);
    expect(await restricted(file, `import React from 'react';\nexport const a = React;`)).toHaveLength(1);
    expect(await restricted(file, `import { x } from '../../src-renderer/src/x';\nexport const a = x;`)).toHaveLength(1);
    expect(await restricted(file, `import { x } from '../host/web';\nexport const a = x;`)).toHaveLength(1);
    expect(await restricted(file, `import { z } from 'zod';\nexport const a = z;`)).toHaveLength(0);
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
