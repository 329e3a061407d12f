// Lint rules, including the layering of design.md as import boundaries:
//   core never imports electron, react, sim or the renderer; the renderer never imports main;
//   the contract imports nothing but zod; only src-main/electron and the preload touch electron;
//   a capability uses another only through its service, never its repo; sim never imports
//   electron, react, the renderer or test/.
// Run from the repository root: eslint -c .ci/eslint.config.js (paths are relative to the cwd).
import { dirname, relative, resolve, sep } from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnly = { name: 'electron', message: 'Only src-main/electron and the preload may import electron.' };

// `src-main/core/<cap>/**` may not import `src-main/core/<other>/**/repo` (repo.ts, repo/…, fooRepo.ts):
// the path is resolved against the importing file, so depth and spelling do not matter.
const isRepo = (segment) => /^repo$|Repo$|\.repo$/.test(segment.replace(/\.[cm]?[jt]sx?$/, ''));
const noForeignRepo = {
  meta: { type: 'problem', schema: [], messages: { foreign: "Capability '{{own}}' uses '{{other}}' only through its service, never its repo ({{source}})." } },
  create(context) {
    const core = resolve(context.cwd, 'src-main/core');
    const own = relative(core, context.filename).split(sep);
    if (own.length < 2 || own[0] === '..') return {}; // outside a capability folder (e.g. app.ts, the composition root)
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = relative(core, resolve(dirname(context.filename), source.value)).split(sep);
      if (target[0] === '..' || target.length < 2 || target[0] === own[0]) return;
      if (target.slice(1).some(isRepo)) context.report({ node: source, messageId: 'foreign', data: { own: own[0], other: target[0], source: source.value } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '**/__snapshots__/**', '.tmp-*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly, { name: 'react', message: 'core has no UI.' }, { name: 'react-dom', message: 'core has no UI.' }],
          patterns: [
            { group: ['**/src-renderer/**'], message: 'core never imports the renderer.' },
            { group: ['**/sim', '**/sim/**'], message: 'core never imports the simulator (src-main/sim).' },
            { group: ['**/electron/*', '../electron', '../../electron'], message: 'core never imports the Electron adapter.' },
            { group: ['**/host/*', '../host', '../../host'], message: 'core never imports the web host.' },
            { group: ['electron/*', 'electron-store', 'conf'], message: 'Host libraries belong in src-main/electron or src-main/host.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/*/**/*.ts'],
    plugins: { dockside: { rules: { 'no-foreign-repo': noForeignRepo } } },
    rules: { 'dockside/no-foreign-repo': 'error' },
  },
  {
    // The simulator runs under plain Node/tsx and is to be hosted by the app in demo mode.
    files: ['src-main/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly, { name: 'react', message: 'The simulator has no UI.' }, { name: 'react-dom', message: 'The simulator has no UI.' }],
          patterns: [
            { group: ['**/src-renderer/**'], message: 'The simulator never imports the renderer.' },
            { group: ['**/electron/*', '../electron', '../../electron', 'electron/*'], message: 'The simulator never imports Electron.' },
            { group: ['**/test/**'], message: 'The app may host the simulator, so it never imports test code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnly], patterns: [{ group: ['**/electron/*'], message: 'web mode never loads the Electron adapter.' }] }],
    },
  },
  {
    files: ['src-preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: String.raw`^(?!zod$|\./)`, message: 'The contract imports only zod (and its own files).' }] }],
    },
  },
  {
    files: ['src-preload/scanning/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: String.raw`^(?!\./)`, message: 'The scanning vocabulary is pure: it imports only its own files (same folder or below).' }] }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            { group: ['**/src-main/**', '@main/*'], message: 'The renderer talks to main only through the contract.' },
            { group: ['node:*', 'fs', 'path', 'child_process', 'better-sqlite3'], message: 'The renderer runs in a sandbox without Node.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
