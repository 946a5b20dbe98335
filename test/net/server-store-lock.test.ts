import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestNetwork } from '../sync/network';
import { spawnInrs, type InrsProcess } from '../sync/support/inrs-process';

/*
 * Two `inrs server` processes on one store: the second is refused before it opens the store,
 * naming the pid of the first; once the first has stopped, a new one starts on the store.
 */
const REGION = '430000';
let net: TestNetwork;
let dataDir: string;
let identity: string;
const running: InrsProcess[] = [];

beforeAll(() => {
  net = new TestNetwork();
  dataDir = net.seededStore(REGION);
  identity = net.issue({ kind: 'server', region: REGION, name: 'lock-server' });
});

afterAll(async () => {
  for (const p of running) p.child.kill('SIGKILL');
  await net?.close();
});

const server = () => {
  const p = spawnInrs(['server', '--region', REGION, '--data', dataDir, '--trust', net.trustDir, '--identity', identity, '--port', '0']);
  running.push(p);
  return p;
};

describe('one regional server per store', () => {
  it('a second server on the same store exits 1 naming the process that holds it', async () => {
    const first = server();
    await first.waitForLine(/^listening wss:\/\/127\.0\.0\.1:\d+$/, 120_000);
    const second = server();
    expect((await second.exited).code).toBe(1);
    expect(second.stderr.join('\n')).toContain(`${dataDir} is in use by another regional server (process ${first.child.pid} on `);
    expect(second.stdout.join('\n')).not.toMatch(/listening/);

    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    const third = server();
    await third.waitForLine(/^listening wss:/, 120_000);
    third.child.kill('SIGTERM');
    await third.exited;
  }, 300_000);
});
