// The README, SECURITY.md, the merchant guide and the packages' READMEs stay true to the code:
// every HTTP operation they name is one the OpenAPI document describes, every code they name in
// backticks (an error code, a status, an environment variable) is one the source defines, and
// every relative link they make leads to a file. docs/architecture.md has its own test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../packages/sandbox/src/contract/openapi.ts';

const ROOT = new URL('../', import.meta.url);
const DOCS = [
  'README.md',
  'SECURITY.md',
  'docs/merchant-guide.md',
  'packages/sdk/README.md',
  'packages/react/README.md',
  'packages/node/README.md',
  'packages/sandbox/README.md',
  'examples/spa/README.md',
];
// Where codes are defined: the packages', the examples', the scripts' and the e2e harness's own
// source (its browsers' variables), tests and built or installed files aside.
const SOURCES = [
  'packages/protocol/src',
  'packages/sdk/src',
  'packages/frame/src',
  'packages/react/src',
  'packages/node/src',
  'packages/sandbox/src',
  'examples/checkout/src',
  'examples/spa',
  'scripts',
  'e2e',
];
const SKIP = /(^|\/)(node_modules|dist)(\/|$)/;

const read = (path) => readFileSync(new URL(path, ROOT), 'utf8');

/** `METHOD /path` as the docs write an operation, path parameters as `{name}`. */
function operationsIn(markdown) {
  return [...markdown.matchAll(/\b(GET|POST|PUT|PATCH|DELETE) (\/[\w./{}-]*[\w}])/g)].map((m) => `${m[1]} ${m[2]}`);
}

/** The codes a text names in backticks: UPPER_SNAKE words, and single words of four capitals or more. */
function codesIn(markdown) {
  return [...new Set([...markdown.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})`/g)].map((m) => m[1]))];
}

/** Source text without its comments: a code named only in a comment is not defined anywhere. */
function withoutComments(source) {
  return source.replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Relative link targets of a Markdown text (no scheme, no bare anchor), without their anchors. */
function linksIn(markdown) {
  return [...markdown.matchAll(/\]\(([^)#\s]+)(?:#[^)\s]*)?\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/i.test(t));
}

function sourceText() {
  const texts = [];
  for (const dir of SOURCES) {
    for (const entry of readdirSync(new URL(`${dir}/`, ROOT), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || SKIP.test(entry.parentPath) || !/\.(ts|tsx|mjs)$/.test(entry.name)) continue;
      if (/\.(test|spec)(-d)?\.\w+$/.test(entry.name)) continue;
      texts.push(withoutComments(readFileSync(`${entry.parentPath}/${entry.name}`, 'utf8')));
    }
  }
  return texts.join('\n');
}

describe('what the docs name, the code has', () => {
  const doc = openApiDocument('http://gateway.test', '0.0.0-test');
  const documented = new Set(
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)),
  );
  const source = sourceText();
  const defined = (code) => new RegExp(`(?<![A-Z0-9_])${code}(?![A-Z0-9_])`).test(source);

  it.each(DOCS)('%s names only operations of the OpenAPI document', (file) => {
    expect(operationsIn(read(file)).filter((op) => !documented.has(op))).toEqual([]);
  });

  it.each(DOCS)('%s names only codes the source defines', (file) => {
    expect(codesIn(read(file)).filter((code) => !defined(code))).toEqual([]);
  });

  it.each(DOCS)('%s links only to files that exist', (file) => {
    const base = new URL(file, ROOT);
    expect(linksIn(read(file)).filter((target) => !existsSync(new URL(target, base)))).toEqual([]);
  });

  it('the guide names the codes a merchant switches on, and they are found', () => {
    const guide = codesIn(read('docs/merchant-guide.md'));
    for (const code of ['CARD_DECLINED', 'FRAME_UNREACHABLE', 'INVALID_WEBHOOK_SIGNATURE', 'SESSION_EXPIRED'])
      expect(guide).toContain(code);
  });
});

describe('the checks themselves', () => {
  it('reads operations with path parameters, and not prose', () => {
    expect(operationsIn('call `POST /v1/sessions/{id}/cancel`, then GET /v1/forms. Then POST it.')).toEqual([
      'POST /v1/sessions/{id}/cancel',
      'GET /v1/forms',
    ]);
  });

  it('reads codes in backticks only', () => {
    expect(codesIn('`CARD_DECLINED`, `ACTIVE`, CARD_DECLINED, `cvn`, `MAX`, `X_1`')).toEqual([
      'CARD_DECLINED',
      'ACTIVE',
      'X_1',
    ]);
  });

  it('does not count a code that only a comment names', () => {
    const text = withoutComments("// NOT_A_CODE\n/** ALSO_NOT */\nconst a = 'REAL_CODE'; // TRAILING_OK");
    expect(text).not.toMatch(/NOT_A_CODE|ALSO_NOT/);
    expect(text).toMatch(/REAL_CODE/);
  });

  it('reads relative links, not URLs or anchors', () => {
    expect(linksIn('[a](../SECURITY.md#x) [b](https://x.test) [c](#top) [d](docs/guide.md)')).toEqual([
      '../SECURITY.md',
      'docs/guide.md',
    ]);
  });
});
