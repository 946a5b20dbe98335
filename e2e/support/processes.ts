import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the operator CLI from this checkout and returns its stdout; throws with stderr on failure. */
export function inrs(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(process.execPath, ['bin/inrs.mjs', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`inrs ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export interface RunningHost {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts a host program and resolves once it prints the address to open (a line of its
 * own starting with http://127.0.0.1) — the readiness signal, never a sleep.
 */
export function startHost(command: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 150_000): Promise<RunningHost> {
  const child: ChildProcess = spawn(process.execPath, command, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`host did not print its address within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/.test(l.trim()));
      if (line) {
        clearTimeout(timer);
        resolve({ url: line.trim(), output: () => out, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/** A free TCP port on 127.0.0.1 (for a server started as its own process). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export type RegionalServerProcess = ChildProcess & { output(): string };

/** `inrs server` as its own process; resolves on its "listening wss://" line. */
export function startRegionalServer(args: string[]): Promise<RegionalServerProcess> {
  const child = spawn(process.execPath, ['bin/inrs.mjs', 'server', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const server = Object.assign(child, { output: () => out });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready:\n${out}`)), 90_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (/^listening wss:\/\/\S+$/m.test(out)) {
        clearTimeout(timer);
        resolve(server);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}
