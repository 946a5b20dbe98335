// Fetches the Electron binary where the network allows it, without ever failing the install.
// npm is told not to run electron's own postinstall (package.json "allowScripts"), because on
// machines that cannot reach the download host its failure would fail the whole `npm ci`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const TIMEOUT_MS = Number(process.env.INRS_ELECTRON_FETCH_TIMEOUT_MS ?? 60_000);
const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null; // production install without devDependencies
  }
}

function binaryPresent(dir) {
  const pathFile = join(dir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

const dir = electronDir();
if (!dir || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || process.env.ELECTRON_OVERRIDE_DIST_PATH || binaryPresent(dir)) {
  process.exit(0);
}

const child = spawn(process.execPath, [join(dir, 'install.js')], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
child.stderr.on('data', (chunk) => (stderr += chunk));
const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
child.on('exit', (code, signal) => {
  clearTimeout(timer);
  if (code === 0 && binaryPresent(dir)) process.exit(0);
  const why = signal ? `no answer within ${TIMEOUT_MS / 1000} s` : (stderr.trim().split('\n').pop() ?? `exit code ${code}`);
  console.warn(
    `warning: the Electron binary could not be downloaded (${why}); \`npm start\` will serve the browser host instead. ` +
      'To supply the binary offline, see "Electron binary on offline machines" in README.md.',
  );
  process.exit(0);
});
