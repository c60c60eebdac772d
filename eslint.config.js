// ESLint (flat config): `npm run lint`, and a step of `npm test` (cached in node_modules/.cache/).
// The rules are chosen to catch real mistakes, not to police style: Prettier owns the layout.
// Each rule turned off below says why; a rule disabled on one line says why there.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import noOnlyTests from 'eslint-plugin-no-only-tests';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Relative imports name the file they load (`./x.js`, never `./x`): Node's ESM loader and the
 * browser need the extension. `.ts` is let through for the `.mjs` configs that tsx runs; in
 * TypeScript files tsc itself refuses it (allowImportingTsExtensions is off).
 */
const relativeImportsNeedAnExtension = {
  regex: String.raw`^(?!.*\.(?:js|mjs|cjs|json|ts)$)\.{1,2}(?:/|$)`,
  message: 'Name the file: a relative import ends in `.js` (for a `.ts` source), `.mjs` or `.json`.',
};

const tests = ['**/*.test.ts', 'e2e/**/*.ts', 'server/test/**/*.ts', 'portal/src/test/**/*.ts'];
const browserTests = ['protocol/src/**/*.test.ts', 'portal/src/**/*.test.ts', 'portal/src/test/**/*.ts', 'host-bridge/src/**/*.test.ts'];

export default defineConfig(
  globalIgnores(['dist/', 'data/', 'test-results/', 'playwright-report/', '.scratch/', 'packages/connect-portal/', 'e2e/hosts/']),

  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-restricted-imports': ['error', { patterns: [relativeImportsNeedAnExtension] }],
    },
  },

  // Plain JavaScript: the configs and scripts/chromium.mjs run in Node.
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  // The demo's drop-in page script runs in the browser.
  {
    files: ['demo/host/**/*.js'],
    languageOptions: { globals: globals.browser },
  },

  // TypeScript: the recommended rules, and those that use the types to find real bugs
  // (promises nobody awaits, `any` leaking out of JSON.parse, objects printed as [object Object]).
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Under verbatimModuleSyntax, `import { type A } from 'm'` still loads `m`: say `import type`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      // Passing on a caught `unknown` as it came is fine; a string or `undefined` is not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // Fastify plugins and handlers, the OIDC adapter and option sources are async by contract,
      // awaiting something or not.
      '@typescript-eslint/require-await': 'off',
      // TypeScript infers a generic call's type from the assertion around it, so this rule calls
      // `reply.json() as T` unnecessary, and its fix leaves an `any`.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },

  // Dev servers and scripts: a Node http handler or a signal listener that is async is deliberate
  // there (a failure ends the dev process, which is what we want).
  {
    files: ['demo/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }] },
  },

  // The portal and the host SDK: Lit templates, custom elements, accessibility.
  {
    files: ['portal/src/**/*.ts', 'host-bridge/src/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/best-practice'], litA11y.configs.recommended],
    languageOptions: { globals: globals.browser },
    // eslint-plugin-wc finds LitElement by itself only from CommonJS; and FieldBase is the fields' base.
    settings: { wc: { elementBaseClasses: ['LitElement', 'FieldBase'] } },
    rules: {
      // Beyond lit's recommended set: mistakes that break an element quietly.
      'lit/lifecycle-super': 'error', // connectedCallback() without super.connectedCallback()
      'lit/no-classfield-shadowing': 'error', // a class field hiding a reactive property
      'lit/no-value-attribute': 'error', // value=${x} sets the default, not what the input shows
      'lit/no-invalid-escape-sequences': 'error',
      // Lit calls `@event=${this.method}` listeners with `this` set to the host element.
      '@typescript-eslint/unbound-method': 'off',
      // LitElement implements every lifecycle callback, so `super.connectedCallback()` needs no guard.
      'wc/guard-super-call': 'off',
      // ConnectPortal's one constructor parameter has a default, which is what the browser gets.
      'wc/no-constructor-params': 'off',
    },
  },

  // Tests: no `.only` left behind. They read JSON bodies and break configs on purpose, so `any`
  // flowing through them is expected.
  {
    files: tests,
    plugins: { 'no-only-tests': noOnlyTests },
    rules: {
      'no-only-tests/no-only-tests': 'error',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: browserTests,
    rules: {
      // @open-wc/semantic-dom-diff types every chai `.equal()` as a Promise, so each assertion
      // would read as a floating promise.
      '@typescript-eslint/no-floating-promises': 'off',
      // chai's property assertions: `expect(x).to.exist`.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
