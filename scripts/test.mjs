// `npm test`: typecheck, lint, build, unit + integration tests, end-to-end tests in Chromium.
// Stops at the first failing stage; ends with one summary line counting every test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const reports = { unit: 'test-output/unit.json', e2e: 'test-output/e2e.json' };

const stages = [
  ['typecheck (node)', [bin('tsc'), '-p', 'tsconfig.node.json', '--noEmit']],
  ['typecheck (renderer)', [bin('tsc'), '-p', 'tsconfig.web.json', '--noEmit']],
  ['lint', [bin('eslint'), '.', '--max-warnings', '0']],
  ['build', [process.execPath, 'scripts/build.mjs']],
  ['unit and integration tests', [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports.unit}`]],
  ['end-to-end tests (Chromium)', [bin('vitest'), 'run', '--config', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${reports.e2e}`]],
];

mkdirSync('test-output', { recursive: true });
for (const file of Object.values(reports)) rmSync(file, { force: true });

function counts() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of Object.values(reports)) {
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  return { passed, failed, skipped };
}

const started = Date.now();
let failedStage = null;
for (const [name, [command, ...args]] of stages) {
  process.stdout.write(`\n=== ${name}\n`);
  const t0 = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  process.stdout.write(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)}s)\n`);
  if (result.status !== 0) {
    failedStage = name;
    break;
  }
}

const { passed, failed, skipped } = counts();
process.stdout.write(`\nAll stages took ${((Date.now() - started) / 1000).toFixed(0)}s${failedStage ? `; failed at: ${failedStage}` : ''}\n`);
// The one closing line CI reads.
process.stdout.write(`tests: ${passed} passed, ${failed + (failedStage && failed === 0 ? 1 : 0)} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failedStage ? 1 : 0);
