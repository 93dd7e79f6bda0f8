// Reads Playwright's JSON report for the test command (scripts/test.mjs).

/**
 * The report counted per project (engine and profile: `e2e webkit`, `e2e chromium-phone`…), and
 * the tests that failed once and passed on their retry, named `[project] file:line title` so a
 * flaky test stays in sight. A flaky test counts as passed; one that did not pass (failed, timed
 * out, skipped, never run) counts as failed. A report without a test is one failure.
 */
export function e2eByProject(report) {
  const rows = {};
  const flaky = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const row = (rows[`e2e ${t.projectName}`] ??= { passed: 0, failed: 0 });
        if (t.status === 'flaky') flaky.push(`[${t.projectName}] ${spec.file}:${spec.line} ${spec.title}`);
        if (t.status === 'expected' || t.status === 'flaky') row.passed++;
        else row.failed++;
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const s of report.suites ?? []) walk(s);
  return { rows: Object.keys(rows).length ? rows : { e2e: { passed: 0, failed: 1 } }, flaky };
}
