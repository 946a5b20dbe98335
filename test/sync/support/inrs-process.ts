import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/inrs.mjs', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface InrsProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves once the process has exited and its output is read; never rejects. */
  exited: Promise<Exit>;
  /** Calls `listener` with every stderr line from now on (the progress lines of `inrs sync`). */
  onStderr(listener: (line: string) => void): void;
  /** Resolves with the first output line, past or future, matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The last lines of output, for failure messages. */
  tail(): string;
}

/** Runs the real operator command line (`node bin/inrs.mjs …`) as a child process. */
export function spawnInrs(args: string[], env: NodeJS.ProcessEnv = {}): InrsProcess {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();

  const reader = (into: string[], progress: boolean) => {
    let partial = '';
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        into.push(line);
        if (progress) for (const listener of listeners) listener(line);
        for (const waiter of waiters) if (waiter.pattern.test(line)) waiter.resolve(line);
      }
    };
  };
  child.stdout?.on('data', reader(stdout, false));
  child.stderr?.on('data', reader(stderr, true));
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const tail = () => [...stdout.slice(-5), ...stderr.slice(-15)].join('\n');

  const waitForLine = (pattern: RegExp, timeoutMs = 30_000): Promise<string> => {
    const seen = [...stdout, ...stderr].find((line) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const done = () => {
        waiters.delete(waiter);
        clearTimeout(timer);
      };
      const waiter = {
        pattern,
        resolve: (line: string) => {
          done();
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; last output:\n${tail()}`));
      }, timeoutMs);
      waiters.add(waiter);
      void exited.then(({ code, signal }) => {
        if (!waiters.has(waiter)) return;
        done();
        reject(new Error(`process exited (${code ?? signal}) before a line matching ${pattern}; last output:\n${tail()}`));
      });
    });
  };

  return { child, stdout, stderr, exited, onStderr: (listener) => void listeners.push(listener), waitForLine, tail };
}
