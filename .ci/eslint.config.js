// Lint rules, including the layering of design.md as import boundaries:
//   core never imports electron, react or the renderer; the renderer never imports main;
//   the contract imports nothing but zod; only src-main/electron and the preload touch electron.
// Run from the repository root: eslint -c .ci/eslint.config.js (paths are relative to the cwd).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnly = { name: 'electron', message: 'Only src-main/electron and the preload may import electron.' };

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
            { group: ['**/electron/*', '../electron', '../../electron'], message: 'core never imports the Electron adapter.' },
            { group: ['**/host/*', '../host', '../../host'], message: 'core never imports the web host.' },
            { group: ['electron/*', 'electron-store', 'conf'], message: 'Host libraries belong in src-main/electron or src-main/host.' },
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
