import { defineConfig } from 'vitest/config';

// Unit and integration tests: real SQLite files, a real compute process, real files.
export default defineConfig({
  test: {
    // test/renderer: React components in jsdom (each file opts in with `// @vitest-environment jsdom`).
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/engine/**/*.test.ts', 'test/renderer/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
    // TF.js through Vite, as in the build: its ESM files (gradients included) as one copy.
    server: { deps: { inline: [/@tensorflow\//] } },
  },
});
