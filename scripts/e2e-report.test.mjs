import { describe, expect, it } from 'vitest';
import { e2eByProject } from './e2e-report.mjs';

// The shape of Playwright's JSON reporter: suites (files, describes) hold specs, a spec holds one
// test per project with its final status.
const spec = (title, line, tests) => ({
  title,
  file: 'engines/core.spec.ts',
  line,
  tests: tests.map(([projectName, status]) => ({ projectName, status })),
});

describe("the test command's e2e counts", () => {
  it('counts per project; a test that passed on its retry is passed and named', () => {
    const report = {
      suites: [
        {
          specs: [
            spec('pays', 30, [
              ['webkit', 'expected'],
              ['firefox-fission', 'flaky'],
            ]),
          ],
          suites: [
            {
              specs: [
                spec('declines', 73, [
                  ['webkit', 'unexpected'],
                  ['firefox-fission', 'expected'],
                ]),
              ],
            },
          ],
        },
      ],
    };
    expect(e2eByProject(report)).toEqual({
      rows: { 'e2e webkit': { passed: 1, failed: 1 }, 'e2e firefox-fission': { passed: 2, failed: 0 } },
      flaky: ['[firefox-fission] engines/core.spec.ts:30 pays'],
    });
  });

  it('counts a skipped or interrupted test as failed: only a pass is a pass', () => {
    const report = {
      suites: [
        {
          specs: [
            spec('x', 1, [
              ['webkit', 'skipped'],
              ['chromium', 'interrupted'],
            ]),
          ],
        },
      ],
    };
    expect(e2eByProject(report).rows).toEqual({
      'e2e webkit': { passed: 0, failed: 1 },
      'e2e chromium': { passed: 0, failed: 1 },
    });
  });

  it('fails a report without a single test', () => {
    expect(e2eByProject({ suites: [] })).toEqual({ rows: { e2e: { passed: 0, failed: 1 } }, flaky: [] });
  });
});
