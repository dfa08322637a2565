import type { Reporter, SerializedError, TestModule, TestSuite } from 'vitest/node';

// Prints the plain closing line CI reads ("N passed, N failed"), which vitest does not print itself.
// "failed" counts every failure vitest exits 1 for, not only failed tests: a failing beforeAll skips
// its tests and a failing afterAll leaves them passed, so hook, module and unhandled errors count too.
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []) {
    process.stdout.write(`\n${summaryLine(testModules, unhandledErrors)}\n`);
  }
}

export function summaryLine(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
  const tests = { passed: 0, failed: 0, skipped: 0 };
  let hookOrModuleErrors = 0;
  for (const module of testModules) {
    let moduleTestsFailed = 0;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') tests.passed++;
      else if (state === 'failed') moduleTestsFailed++;
      else tests.skipped++;
    }
    tests.failed += moduleTestsFailed;
    // Errors of a module or suite itself: a hook that threw, an import that failed, a syntax error.
    const suites: (TestModule | TestSuite)[] = [module, ...module.children.allSuites()];
    const errors = suites.reduce((sum, suite) => sum + suite.errors().length, 0);
    // A module vitest marks failed with no failed test and no error of its own still counts once.
    hookOrModuleErrors += errors === 0 && moduleTestsFailed === 0 && module.state() === 'failed' ? 1 : errors;
  }
  const failed = tests.failed + hookOrModuleErrors + unhandledErrors.length;
  const detail =
    failed > 0
      ? ` (${tests.failed} tests, ${hookOrModuleErrors} hook or module errors, ${unhandledErrors.length} unhandled errors)`
      : '';
  return `vitest: ${tests.passed} passed, ${failed} failed, ${tests.skipped} skipped${detail}`;
}
