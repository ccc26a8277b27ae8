// Lint rules, including the layer boundaries of GUIDE.md (enforced per folder, as VS Code does).
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';

/** Node's built-in modules, with and without the node: prefix. */
const NODE_BUILTINS = [...builtinModules.filter((name) => !name.startsWith('_')), 'node:*'];
/** Native or Node-only packages (and packages whose types pull in Node's): never in shared/ or the renderer. */
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'ws', 'pg', 'pg-pool', 'ioredis', 'y-websocket/bin/*', '@y/websocket-server', '@y/websocket-server/*', 'bufferutil', 'utf-8-validate', 'electron'];

/**
 * A folder's no-restricted-imports: each group of forbidden modules with the reason shown. A name
 * with `*` is a path pattern (`**\/sync-server/**`); any other is an exact module name, so `buffer`
 * forbids Node's module, not `lib0/buffer`. Later entries for the same files replace earlier ones,
 * so each folder lists all its rules.
 */
const layer = (...groups) => {
  const entries = groups.flatMap(([names, message]) => names.map((name) => ({ name, message })));
  return [
    'error',
    {
      paths: entries.filter(({ name }) => !name.includes('*')),
      patterns: entries.filter(({ name }) => name.includes('*')).map(({ name, message }) => ({ group: [name], message })),
    },
  ];
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**', '**/.scratch/**', 'tests/fixtures/lint-cycle/**'] },
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
    // No import cycles anywhere: a cycle makes module start order matter and layers meaningless.
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': layer(
        [['**/src-main/**', '**/src-renderer/**', '**/sync-server/**'], 'shared/ imports nothing from the other folders.'],
        [NODE_BUILTINS, 'shared/ runs in the renderer too: no Node built-ins.'],
        [NODE_ONLY_PACKAGES, 'shared/ runs in the renderer too: no native or Node-only packages.'],
        [['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'], 'shared/ is pure: no UI framework.'],
      ),
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': layer(
        [['**/src-main/**', '**/sync-server/**'], 'The renderer talks to the host only through the contract client (api/client.ts).'],
        [NODE_BUILTINS, 'The renderer runs in a sandboxed page: no Node built-ins.'],
        [NODE_ONLY_PACKAGES, 'The renderer runs in a sandboxed page: no native or Node-only packages.'],
      ),
    },
  },
  {
    files: ['sync-server/**'],
    rules: {
      'no-restricted-imports': layer([['**/src-main/**', '**/src-renderer/**', 'electron'], 'sync-server/ stands alone: it never imports src-main or the renderer.']),
    },
  },
  {
    // src-main/start.ts, start/, data/ and every folder not named below.
    files: ['src-main/**'],
    rules: {
      'no-restricted-imports': layer(
        [['**/src-renderer/**'], 'The Node side never imports the renderer; the contract in shared/ is the bridge.'],
        [['electron'], 'Only src-main/electron/ talks to Electron.'],
      ),
    },
  },
  {
    files: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': layer([['**/src-renderer/**'], 'The Node side never imports the renderer; the contract in shared/ is the bridge.']),
    },
  },
  {
    files: ['src-main/web/**', 'src-main/cli/**'],
    rules: {
      'no-restricted-imports': layer(
        [['**/src-renderer/**'], 'The Node side never imports the renderer; the contract in shared/ is the bridge.'],
        [['electron', '**/electron/**'], 'The browser host and the CLIs know nothing about Electron.'],
      ),
    },
  },
  {
    files: ['src-main/services/**'],
    rules: {
      'no-restricted-imports': layer(
        [['**/src-renderer/**'], 'Services know nothing about the renderer; the contract in shared/ is the bridge.'],
        [['electron', '**/electron/**', '**/web/**', '**/cli/**'], 'Services know nothing about the hosts that run them.'],
        [['**/sync-server/**'], 'Services reach the sync server over its HTTP/WebSocket protocol, never by importing it.'],
      ),
    },
  },
  {
    // Build and data scripts run under Node beside the app; tests/ may reach every layer (that is their job).
    files: ['scripts/**'],
    rules: {
      'no-restricted-imports': layer([['**/src-renderer/**', 'electron'], 'Scripts run under plain Node: no renderer, no Electron.']),
    },
  },
  {
    files: ['**/*.test.ts', 'tests/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
