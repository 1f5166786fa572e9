// ESLint 9 flat config. Lint that knows the domain: Lit templates (eslint-plugin-lit), their
// accessibility (eslint-plugin-lit-a11y), custom-element best practice (eslint-plugin-wc), on top of
// ESLint's and typescript-eslint's recommended sets. Template *types* are checked by lit-analyzer
// (`npm run lint`), not here.
//
// `@eslint/js` and `globals` are ESLint's own dependencies (pinned by package-lock.json); they are
// imported rather than re-listing every browser/Node global by hand.
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';

const code = ['src', 'mocks', 'demo', 'test', 'bench'].flatMap((dir) => [`${dir}/**/*.ts`, `${dir}/**/*.js`, `${dir}/**/*.mjs`]);

export default defineConfig(
  globalIgnores([
    'dist/**',
    'node_modules/**',
    'coverage/**',
    'src/api/generated/**',
    'custom-elements.json',
    // Generated from custom-elements.json by the cem plugins (check:fresh keeps them current).
    'types/custom-elements-jsx.d.ts',
    'types/vue.d.ts',
    'editor/**',
    // Each example is its own app, type-checked by its own tsc -b / vue-tsc (scripts/examples.mjs).
    'examples/**',
    // The worker MSW ships, in case someone copies it in instead of serving it from the package.
    '**/mockServiceWorker.js',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,

  // Browser code: the element, the mock backend, the demo and the tests.
  {
    files: code,
    languageOptions: { globals: { ...globals.browser } },
  },
  { files: code, ...lit.configs['flat/recommended'] },
  { files: code, ...litA11y.configs.recommended },
  { files: code, ...wc.configs['flat/best-practice'] },
  {
    files: code,
    settings: {
      // Lit's base class, so eslint-plugin-wc treats LitElement subclasses as custom elements.
      wc: { elementBaseClasses: ['LitElement'] },
    },
    rules: {
      // LitElement implements every lifecycle callback, and Lit's docs call `super.connectedCallback()`
      // unguarded; guarding it would only hide a missing call.
      'wc/guard-super-call': 'off',
      // Both windows are native <dialog>s opened with showModal(): `autofocus` inside a dialog is how
      // HTML chooses its initial focus (the dialog focusing steps; see Material Web in STYLE.md).
      // The rule targets autofocus on page load, which this element never does.
      'lit-a11y/no-autofocus': 'off',
    },
  },
  {
    files: ['test/**'],
    languageOptions: { globals: { ...globals.mocha } },
    rules: {
      // Chai's property assertions (`expect(x).to.be.true`, `.and.not.empty`) are expressions.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },

  // Node code: build and check scripts, the tools run by hand, tool configs at the root, and the
  // conformance kit (the package's bin, for backend teams; no element code in it).
  {
    files: ['scripts/**/*.{js,mjs,cjs}', 'tools/**/*.{js,mjs,cjs}', '*.{js,mjs,cjs}', '*.config.{js,mjs,cjs,ts}', 'test/**/*.mjs', 'conformance/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },

  {
    rules: {
      // `_unused` is the house way to mark a deliberately ignored parameter or binding.
    '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
);
