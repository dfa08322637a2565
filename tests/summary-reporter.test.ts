import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../dataset/paths.js';

// The closing line CI reads, from a real vitest run of each fixture suite in tests/fixtures/reporter
// (outside the *.test.ts glob, so `npm test` never runs them itself).
function runFixture(name: string) {
  const run = spawnSync(
    process.execPath,
    [
      join(projectRoot, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      'tests/fixtures/reporter/vitest.config.ts',
      name,
    ],
    { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, CI: '', NO_COLOR: '1' }, timeout: 60_000 },
  );
  const closingLine = run.stdout.trim().split('\n').at(-1);
  return { code: run.status, closingLine, output: `${run.stdout}\n${run.stderr}` };
}

describe('the closing line of the summary reporter', () => {
  it.each([
    [
      'before-all-throws',
      'vitest: 0 passed, 1 failed, 2 skipped (0 tests, 1 hook or module errors, 0 unhandled errors)',
    ],
    [
      'after-all-throws',
      'vitest: 2 passed, 1 failed, 0 skipped (0 tests, 1 hook or module errors, 0 unhandled errors)',
    ],
    ['unhandled', 'vitest: 1 passed, 1 failed, 0 skipped (0 tests, 0 hook or module errors, 1 unhandled errors)'],
    ['import-fails', 'vitest: 0 passed, 1 failed, 0 skipped (0 tests, 1 hook or module errors, 0 unhandled errors)'],
    ['mixed', 'vitest: 1 passed, 1 failed, 1 skipped (1 tests, 0 hook or module errors, 0 unhandled errors)'],
  ])('counts the failure of %s and vitest exits 1', (name, line) => {
    const run = runFixture(`${name}.fixture.ts`);
    expect(run.closingLine, run.output).toBe(line);
    expect(run.code, run.output).toBe(1);
  });
});
