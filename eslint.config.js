import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Lint, including the layering of the code base (VS Code style): each folder may import
 * only what its layer is allowed to. Messages say which layer rule was broken.
 */
const electronOnly = {
  group: ['electron'],
  message: 'Only the thin Electron layer (main/electron/, preload/) imports electron.',
};
const nodeOnly = { group: ['node:*', 'fs', 'path', 'child_process', 'os'], message: 'This layer runs in a browser: no Node modules.' };
const storeOnly = { group: ['better-sqlite3'], message: 'Only main/store/ talks to SQLite.' };
const uiOnly = { group: ['react', 'react-dom', 'react-dom/*'], message: 'React belongs to the renderer.' };
const tfOnly = { group: ['@tensorflow/*'], message: 'TensorFlow.js belongs to main/engine/.' };

const engineOnly = { group: ['**/services/**', '**/store/**', '**/jobs/**', '**/host/**', '**/cli/**', '**/electron/**'], message: 'The engine is pure TF.js: no services, store, jobs, host, CLI or Electron layer.' };

const restrict = (...patterns) => ['error', { patterns }];

// The renderer's restrictions, named so the stores' block below can repeat them: a later block
// replaces a rule's options for the files it matches, it does not add to them.
const rendererOnly = [electronOnly, nodeOnly, storeOnly, tfOnly, { group: ['**/main/**', '**/preload/**'], message: 'The renderer reaches the app through window.studio only.' }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-output/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'No eval.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': restrict(...rendererOnly) },
  },
  // Stores hold the state the components draw (GitHub Desktop's layering): ui/ imports stores/,
  // never the other way round, so a store can be tested and reused without its screens.
  {
    files: ['renderer/src/stores/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrict(...rendererOnly, { group: ['**/ui/**'], message: 'renderer/src/stores/ imports nothing from ui/: move what it needs into stores/ or shared/.' }) },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(electronOnly, nodeOnly, storeOnly, uiOnly, tfOnly, { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'shared/ imports nothing from the process folders.' }) },
  },
  {
    files: ['main/engine/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(electronOnly, storeOnly, uiOnly, engineOnly) },
  },
  // Inside the engine: core/ is what every model shares, image/ and table/ are the two models
  // (neither reaches into the other), tasks/ are the job entry points that use them.
  {
    files: ['main/engine/core/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(electronOnly, storeOnly, uiOnly, engineOnly, { group: ['**/image/**', '**/table/**', '**/tasks/**'], message: 'engine/core/ is shared by both models: it imports nothing from image/, table/ or tasks/.' }) },
  },
  {
    files: ['main/engine/image/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(electronOnly, storeOnly, uiOnly, engineOnly, { group: ['**/table/**', '**/tasks/**'], message: 'engine/image/ uses core/ only: nothing from table/ or tasks/.' }) },
  },
  {
    files: ['main/engine/table/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(electronOnly, storeOnly, uiOnly, engineOnly, { group: ['**/image/**', '**/tasks/**'], message: 'engine/table/ uses core/ only: nothing from image/ or tasks/.' }) },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/engine/**', 'main/store/**', 'main/electron/**'],
    rules: { 'no-restricted-imports': restrict(electronOnly, storeOnly, uiOnly, tfOnly) },
  },
  {
    files: ['main/store/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(electronOnly, uiOnly, tfOnly) },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(storeOnly, uiOnly, tfOnly) },
  },
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(nodeOnly, storeOnly, uiOnly, tfOnly, { group: ['zod'], message: 'The sandboxed preload stays tiny: names only, validation happens in main.' }) },
  },
);
