import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    // Security invariant 2: every cross-window message names an exact origin. A wildcard target,
    // or a RegExp / array post-robot domain (which post-robot 10 does not check on send), fails lint.
    files: ['packages/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='postMessage'] > Literal[value='*']",
          message: "postMessage with '*' is forbidden: name the exact origin.",
        },
        {
          // `postMessage(data, '*')` on the global object, and the options form `{ targetOrigin: '*' }`.
          selector: "CallExpression[callee.name='postMessage'] > Literal[value='*']",
          message: "postMessage with '*' is forbidden: name the exact origin.",
        },
        {
          selector:
            "CallExpression[callee.property.name='postMessage'] Property[key.name='targetOrigin'] > Literal[value='*']",
          message: "postMessage with '*' is forbidden: name the exact origin.",
        },
        {
          selector: "Property[key.name='domain'] > Literal[regex]",
          message: 'post-robot domain must be an exact origin string, not a RegExp.',
        },
        {
          selector: "Property[key.name='domain'] > ArrayExpression",
          message: 'post-robot domain must be an exact origin string, not an array.',
        },
        {
          selector: "Property[key.name='domain'] > Literal[value='*']",
          message: "post-robot domain '*' is forbidden: name the exact origin.",
        },
      ],
    },
  },
  {
    files: ['packages/sandbox/src/cli.ts', 'scripts/**', 'examples/**/server.ts', 'e2e/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Code the bench runs inside its pages, and the example checkout's page script.
    files: ['bench/**/*.mjs', 'examples/checkout/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser, CardsSession: 'readonly' } },
  },
);
