import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startHost, type RunningHost } from './support/processes';

/**
 * Two `npm start`s on one data folder: the second browser host is refused before it touches the
 * demo's replica or stores, naming the first one's process and address; the first goes on
 * serving. After the first is killed (-9), a new host takes its lock over.
 */
describe('two hosts on one data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'inrs-two-hosts-'));
  const hosts: RunningHost[] = [];
  const demo = () => startHost(['out/main/browser-host.js', '--data-dir', dataDir, '--demo-scale', 'tiny', '--port', '0']);

  /** A host expected to refuse: its exit code and whole output (it prints the first one's address on a line of its own). */
  const refusedDemo = () =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['out/main/browser-host.js', '--data-dir', dataDir, '--demo-scale', 'tiny', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)));
      child.stderr.on('data', (chunk: Buffer) => (output += String(chunk)));
      child.once('close', (code) => resolve({ code, output }));
    });

  afterAll(async () => {
    for (const host of hosts.reverse()) await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the second is refused with the first one’s pid and address; the first goes on serving', async () => {
    const first = await demo();
    hosts.push(first);
    const lock = JSON.parse(readFileSync(join(dataDir, 'host.lock'), 'utf8')) as { pid: number; url: string };
    expect(lock.url).toBe(first.url);
    const second = await refusedDemo();
    expect(second.code).toBe(1);
    const refused = second.output;
    expect(refused).toContain(`browser host failed: INRS Command Center is already running on the data folder ${dataDir} (process ${lock.pid})`);
    expect(refused).toContain(`Open its address in a browser instead:\n${first.url}`);
    expect(refused).not.toMatch(/does not follow cursor/);
    expect((await fetch(first.url)).status).toBe(200);
  }, 300_000);

  it('a lock left by a host killed with -9 is taken over by the next one', async () => {
    const first = hosts.pop() as RunningHost;
    const { pid } = JSON.parse(readFileSync(join(dataDir, 'host.lock'), 'utf8')) as { pid: number };
    process.kill(pid, 'SIGKILL');
    await first.stop();
    const next = await demo();
    hosts.push(next);
    expect(next.output()).toContain(`taking over the lock left by process ${pid}, which is no longer running`);
    expect((await fetch(next.url)).status).toBe(200);
  }, 300_000);
});
