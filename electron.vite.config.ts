import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;
const at = (path: string): string => resolve(root, path);
const { version } = JSON.parse(readFileSync(at('package.json'), 'utf8')) as { version: string };

/**
 * The CSP in index.html forbids inline scripts; the dev server's React refresh preamble is
 * one. Relax it for `serve` only, the built page keeps the strict policy.
 */
function devCspPlugin(): Plugin {
  return {
    name: 'inrs:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  main: {
    define: {
      __APP_VERSION__: JSON.stringify(version),
      // The release workflow's second, test-only package lets Playwright's _electron attach
      // (--inspect, --remote-debugging-port); every other build refuses those switches.
      __INRS_E2E_BUILD__: JSON.stringify(process.env.INRS_E2E_BUILD === '1'),
    },
    build: {
      outDir: at('out/main'),
      // The browser host and the CLI run on plain Node, not only on Electron's.
      target: 'node20.19',
      // Dependencies in package.json (better-sqlite3-multiple-ciphers, ws, zod, …), electron
      // and node built-ins stay external: loaded from node_modules at run time.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: at('src/main/index.ts'),
          'browser-host': at('src/main/browser-host.ts'),
          'replica-worker': at('src/core/replica/replica-worker.ts'),
          'dispatch-worker': at('src/core/dispatch/dispatch-worker.ts'),
          'simulate-worker': at('src/core/simulate/simulate-worker.ts'),
          'optimisation-worker': at('src/core/optimisation/optimisation-worker.ts'),
          cli: at('src/cli/main.ts'),
          server: at('src/server/main.ts'),
        },
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          // Shared chunks sit beside the entries so paths resolved from import.meta.url
          // (e.g. replica-worker.js) are the same from an entry or a chunk.
          chunkFileNames: '[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload can require nothing but electron: bundle zod and the contract.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('src/preload/index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: at('src/renderer'),
    // Relative asset URLs work from file:// (Electron) and from the browser host alike.
    base: './',
    plugins: [react(), devCspPlugin()],
    build: {
      outDir: at('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: { index: at('src/renderer/index.html') },
      },
    },
  },
});
