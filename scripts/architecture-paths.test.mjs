// docs/architecture.md stays true to the tree: every path it names exists. A path is a code span
// that starts with a top-level folder of the project or ends in a source or document extension
// (read from the repository's root), or a relative Markdown link (read from docs/).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url);
const DOC = 'docs/architecture.md';
const TOP = /^(packages|examples|e2e|bench|scripts|docs|types)\//;
const FILE = /^\w[\w.-]*(\/[\w.-]+)*\.(ts|tsx|mts|mjs|md|json)$/;

/** The paths a Markdown text names: `{fromRoot}` code spans, `{fromDoc}` relative link targets. */
function pathsIn(markdown) {
  const spans = [...markdown.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]);
  const fromRoot = spans.filter((s) => TOP.test(s) || (FILE.test(s) && !s.startsWith('/')));
  const fromDoc = [...markdown.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z]+:/i.test(target));
  return { fromRoot, fromDoc };
}

/** Those of them that do not exist. */
function missingIn(markdown) {
  const { fromRoot, fromDoc } = pathsIn(markdown);
  return [
    ...fromRoot.filter((p) => !existsSync(new URL(p, ROOT))),
    ...fromDoc.filter((p) => !existsSync(new URL(p, new URL('docs/', ROOT)))).map((p) => `docs/${p}`),
  ];
}

describe(DOC, () => {
  const text = readFileSync(new URL(DOC, ROOT), 'utf8');

  it('names only paths that exist', () => {
    expect(missingIn(text)).toEqual([]);
  });

  it('names the parts, the contracts and the invariant tests by path', () => {
    const { fromRoot, fromDoc } = pathsIn(text);
    for (const part of [
      'packages/protocol/',
      'packages/sdk/',
      'packages/frame/',
      'packages/react/',
      'packages/sandbox/',
    ]) {
      expect(fromRoot).toContain(part);
    }
    expect(fromRoot).toContain('packages/sandbox/src/contract/');
    expect(fromRoot).toContain('packages/protocol/src/schema.ts');
    expect(fromRoot.filter((p) => /\.(test|test-d|spec)\.tsx?$/.test(p)).length).toBeGreaterThan(25);
    expect(fromDoc).toContain('../SECURITY.md');
  });

  it('catches a path that does not exist, in a code span and in a link', () => {
    const missing = missingIn(
      'See `packages/sandbox/src/nope.ts`, `nope.mjs`, [x](nope.md) and [y](../SECURITY.md#a), ' +
        'not `/openapi.json`, `npm test` or [z](https://example.com/a.md).',
    );
    expect(missing).toEqual(['packages/sandbox/src/nope.ts', 'nope.mjs', 'docs/nope.md']);
  });
});
