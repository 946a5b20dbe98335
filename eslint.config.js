import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Import boundaries (docs/architecture.md §2). Each folder says which runtime may run its code; an
 * import across the line fails the lint. Patterns are regexes on the import source, so
 * they catch relative paths (`../../core/x`) and src-rooted ones (`src/core/x`) alike.
 */

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const bareBuiltins = [...new Set(builtinModules.map((m) => m.split('/')[0]))].filter((m) => !m.startsWith('_'));

const NODE = {
  regex: `^(node:.*|(${bareBuiltins.map(escape).join('|')})(/.*)?)$`,
  message: 'Node built-ins belong in src/core, src/main, src/server or src/cli.',
};
const ELECTRON = { regex: '^electron(/.*)?$', message: 'Only src/main and src/preload may use electron.' };
const SQLITE = { regex: '^better-sqlite3(-multiple-ciphers)?(/.*)?$', message: 'SQLite lives in src/core.' };
const WS = { regex: '^ws(/.*)?$', message: 'Sockets live in src/core, src/main or src/server.' };
const REACT = { regex: '^(react|react-dom)(/.*)?$', message: 'src/shared is runtime-neutral: no React.' };
/** Any bare package but electron: the preload may reach nothing else. */
const NOT_ELECTRON_PACKAGE = {
  regex: '^(?!electron(/|$))[@a-zA-Z0-9_]',
  message: 'The preload may import only electron and src/shared (bundled into one sandboxed script).',
};

/** Folders of src/ reached by a path that steps up into them or names src/ explicitly. */
function layers(...names) {
  return {
    regex: `(^|/)(\\.\\.|src)/(${names.join('|')})(/|$)`,
    message: `Crosses a layer boundary (${names.map((n) => `src/${n}`).join(', ')}); see docs/architecture.md §2.`,
  };
}

const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ ...p, caseSensitive: true })) }],
});

export default defineConfig([
  globalIgnores([
    'out/',
    'dist/',
    'node_modules/',
    'test/lint-fixtures/',
    'bench/results/',
    'bench/tmp/',
    'test-results/',
    'e2e/artifacts/',
    '**/*.tmp.ts',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: restrict(NODE, ELECTRON, SQLITE, WS, layers('core', 'main', 'server', 'cli', 'preload')),
  },
  {
    files: ['src/shared/**'],
    languageOptions: { globals: {} },
    rules: restrict(NODE, ELECTRON, REACT, WS, SQLITE, layers('core', 'main', 'server', 'cli', 'renderer', 'preload')),
  },
  {
    files: ['src/core/**'],
    rules: restrict(ELECTRON, layers('main', 'server', 'cli', 'renderer', 'preload')),
  },
  {
    files: ['src/main/**'],
    rules: restrict(layers('server', 'cli', 'renderer', 'preload')),
  },
  {
    files: ['src/server/**'],
    rules: restrict(ELECTRON, layers('main', 'cli', 'renderer', 'preload')),
  },
  {
    files: ['src/cli/**'],
    rules: restrict(ELECTRON, layers('main', 'server', 'renderer', 'preload')),
  },
  {
    files: ['src/preload/**'],
    rules: restrict(NODE, NOT_ELECTRON_PACKAGE, layers('core', 'main', 'server', 'cli', 'renderer')),
  },
]);
