// `npm start`: the Electron app when its binary is installed, otherwise the browser host.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

function electronBinary() {
  try {
    // The electron package exports the binary's path, honouring ELECTRON_OVERRIDE_DIST_PATH;
    // it throws when the binary was never downloaded.
    return createRequire(import.meta.url)('electron');
  } catch {
    return null;
  }
}

const electron = electronBinary();
if (electron) {
  const child = spawn(electron, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  console.log('Electron binary not installed on this machine: serving the browser host instead.');
  const child = spawn(process.execPath, [fileURLToPath(new URL('../out/main/browser-host.js', import.meta.url)), ...args], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 1));
}
