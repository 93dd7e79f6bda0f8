import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Security invariant 2 is also a lint rule (`no-restricted-syntax` in eslint.config.mjs): this
// checks that the rule really fires on code under packages/, rather than trusting its selectors.
const here = (import.meta as { dirname?: string }).dirname ?? '';
const root = here.replace(/\/packages\/protocol\/src$/, '');
const eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}/eslint.config.mjs` });

const PRELUDE = `
declare const win: Window;
declare const w: Window;
declare const data: unknown;
declare const d: unknown;
declare const origin: string;
declare function on(name: string, options: object, handler: () => void): void;
declare function send(win: Window, name: string, data: unknown, options: object): void;
declare function h(): void;
`;

async function restricted(code: string, file = 'packages/sdk/src/x.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(`${PRELUDE}${code}\n`, { filePath: `${root}/${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('the invariant 2 lint rule', () => {
  it('finds the config it tests', () => {
    expect(root).toMatch(/^\//);
    expect(here.endsWith('/packages/protocol/src')).toBe(true);
  });

  it.each([
    ["win.postMessage(data, '*')", "postMessage with '*'"],
    ["window.parent.postMessage(data, '*')", "postMessage with '*'"],
    ["postMessage(data, '*')", "postMessage with '*'"],
    ["win.postMessage(data, { targetOrigin: '*' })", "postMessage with '*'"],
    ["on('x', { window: w, domain: /.*/ }, h)", 'not a RegExp'],
    ["send(w, 'x', d, { domain: /^https:\\/\\/gw\\.example$/ })", 'not a RegExp'],
    ["send(w, 'x', d, { domain: ['a', 'b'] })", 'not an array'],
    ["on('x', { window: w, domain: [origin] }, h)", 'not an array'],
    ["send(w, 'x', d, { domain: '*' })", "domain '*' is forbidden"],
    ["on('x', { window: w, domain: '*' }, h)", "domain '*' is forbidden"],
  ])('reports %s', async (code, message) => {
    const messages = await restricted(code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  it('reports it in every package, the frame and the sandbox too', async () => {
    for (const file of ['packages/frame/src/x.ts', 'packages/sandbox/src/x.ts', 'packages/protocol/src/x.ts']) {
      expect(await restricted("win.postMessage(data, '*')", file)).toHaveLength(1);
    }
  });

  it.each([
    "send(w, 'x', d, { domain: origin })",
    "on('x', { window: w, domain: origin }, h)",
    "send(w, 'x', d, { domain: 'https://gw.example' })",
    'win.postMessage(data, origin)',
    "win.postMessage(data, 'https://shop.example')",
    'win.postMessage(data, { targetOrigin: origin })',
  ])('accepts the compliant %s', async (code) => {
    expect(await restricted(code)).toEqual([]);
  });
});
