// Lint rules, including the layer boundaries of GUIDE.md (enforced per folder, as VS Code does).
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const layer = (patterns, message) => ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**', '**/.scratch/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-console': 'error',
      // Y.Text and friends implement toString(); the rule cannot see it through yjs' types.
      '@typescript-eslint/no-base-to-string': ['error', { ignoredTypeNames: ['Text', 'YText', 'XmlFragment', 'Error', 'RegExp', 'URL'] }],
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': layer(['**/src-main/**', '**/src-renderer/**', '**/sync-server/**', 'node:*', 'electron', 'react', 'react-dom'], 'shared/ is pure: no other layer, no Node built-ins, no DOM frameworks.'),
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': layer(['**/src-main/**', '**/sync-server/**', 'node:*', 'electron', 'better-sqlite3'], 'The renderer talks to the host only through the contract client (api/client.ts).'),
    },
  },
  {
    files: ['sync-server/**'],
    rules: {
      'no-restricted-imports': layer(['**/src-main/**', '**/src-renderer/**', 'electron'], 'sync-server/ stands alone: it never imports src-main or the renderer.'),
    },
  },
  {
    files: ['src-main/services/**', 'src-main/web/**', 'src-main/cli/**'],
    rules: {
      'no-restricted-imports': layer(['**/src-renderer/**', 'electron', '**/electron/**'], 'Services and the browser host know nothing about Electron or the renderer.'),
    },
  },
  {
    files: ['**/*.test.ts', 'tests/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
