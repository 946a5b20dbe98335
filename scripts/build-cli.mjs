// Builds the operator CLI (and the workers it starts) into out/cli/ with esbuild, in a second or
// two: bin/inrs.mjs runs this build while it is newer than every source file, tsx otherwise.
// Run by the unit tests' global setup, so each spawned `inrs` starts at once instead of compiling.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

export const CLI_OUT_DIR = `${root}out/cli`;

export async function buildCli() {
  // Chunk names carry hashes: start from an empty folder so old chunks do not pile up.
  rmSync(CLI_OUT_DIR, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: {
      cli: 'src/cli/main.ts',
      // Started by path from beside the bundle (src/core/replica/replica-client.ts, src/core/dispatch/solver-client.ts,
      // src/core/simulate/simulate-client.ts).
      'replica-worker': 'src/core/replica/replica-worker.ts',
      'dispatch-worker': 'src/core/dispatch/dispatch-worker.ts',
      'simulate-worker': 'src/core/simulate/simulate-worker.ts',
    },
    outdir: CLI_OUT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // Dependencies load from node_modules at run time, as in the app's own build.
    packages: 'external',
    define: { __APP_VERSION__: JSON.stringify(version) },
    chunkNames: 'chunk-[hash]',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
