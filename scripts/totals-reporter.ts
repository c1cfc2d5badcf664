import type { Reporter, TestCase, TestModule } from 'vitest/node';

/**
 * Ends every test run with the totals alone on one line, `N passed, N failed[, N skipped]`, which
 * CI reads. A module that failed to load counts as a failure, so a broken import cannot pass; a test
 * that never ran because its suite's beforeAll failed counts as failed, not skipped.
 */
export default class TotalsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      if (module.state() === 'failed' && module.children.size === 0) failed += 1;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed' || suiteFailedAround(test)) failed += 1;
        else skipped += 1;
      }
    }
    const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.stdout.write(`\n${line}\n`);
  }
}

/** A suite (or the module) around the test has errors of its own: a hook failed, so the test could not run. */
function suiteFailedAround(test: TestCase): boolean {
  for (let parent = test.parent; ; parent = parent.parent) {
    if (parent.errors().length > 0) return true;
    if (parent.type === 'module') return false;
  }
}
