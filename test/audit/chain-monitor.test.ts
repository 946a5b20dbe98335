import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChainMonitor } from '../../src/core/audit/chain-monitor';
import { createKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { seedInto } from '../../src/core/seed/seed-replica';
import { startChainWatch } from '../../src/main/host/chain-watch';
import { HostEventHub } from '../../src/main/host/host-events';
import type { ChainStatus } from '../../src/shared/contract/audit-schemas';
import { TINY } from '../seed/fixtures';
import { flipPayloadByte } from './support/cli';

/** The app's running chain check on a real encrypted replica, before and after one payload byte is changed through SQLite. */
const REGION = '120000';
let dir: string;
let file: string;
let key: Buffer;
let heads: Map<string, number>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-chain-monitor-'));
  file = join(dir, 'replica.db');
  key = createKeyFile(join(dir, 'replica.key'));
  const replica = openReplica(file, key, { create: true });
  seedInto(replica, { ...TINY, regions: ['000000', REGION] });
  heads = new Map(replica.db.prepare<[], [string, number]>('SELECT region, last_seq FROM region_heads').raw().all());
  replica.close();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withMonitor<T>(path: string, run: (monitor: ReturnType<typeof createChainMonitor>) => T): T {
  const replica = openReplica(path, key, { readonly: true });
  try {
    return run(createChainMonitor(replica.db));
  } finally {
    replica.close();
  }
}

describe('chain monitor', () => {
  it('finds every region of an untouched replica sound up to its head', () => {
    const { regions, complete } = withMonitor(file, (m) => m.check());
    expect(complete).toBe(true);
    expect(regions.map((r) => r.region)).toEqual(['000000', REGION]);
    for (const r of regions) expect(r).toEqual({ region: r.region, status: 'ok', verifiedSeq: heads.get(r.region), firstBadSeq: null, reason: null });
  });

  it('walks in steps of its budget, remembering where it stopped', () => {
    withMonitor(file, (m) => {
      const head = heads.get(REGION) ?? 0;
      const first = m.check(50);
      expect(first.complete).toBe(false);
      expect(first.regions.find((r) => r.region === REGION)).toMatchObject({ status: 'unverified', firstBadSeq: null });
      let steps = 1;
      let last = first;
      while (!last.complete) {
        last = m.check(50);
        steps++;
      }
      expect(steps).toBeGreaterThan(head / 50);
      expect(last.regions.find((r) => r.region === REGION)).toMatchObject({ status: 'ok', verifiedSeq: head });
    });
  });

  it('names the seq whose payload byte was changed, through SQLite with the right key', () => {
    const copy = join(dir, 'tampered.db');
    copyFileSync(file, copy);
    flipPayloadByte(copy, key, REGION, 42);
    const { regions } = withMonitor(copy, (m) => m.check());
    expect(regions.find((r) => r.region === '000000')).toMatchObject({ status: 'ok' });
    const bad = regions.find((r) => r.region === REGION);
    expect(bad).toMatchObject({ status: 'broken', firstBadSeq: 42, verifiedSeq: 41 });
    expect(bad?.reason).toMatch(/seq 42/);
  });

  it('through the replica worker and the host watch: the tampered region is reported broken', async () => {
    const copy = join(dir, 'tampered-host.db');
    copyFileSync(file, copy);
    flipPayloadByte(copy, key, REGION, 7);
    const replica = await ReplicaClient.open({ file: copy, key });
    const events = new HostEventHub();
    const pushed: ChainStatus[] = [];
    events.subscribe((name, payload) => {
      if (name === 'audit:chain-changed') pushed.push(payload as ChainStatus);
    });
    const watch = startChainWatch({ replica, events, log: () => {}, budget: 200 });
    try {
      let status = await watch.current();
      // Walks in steps of 200 events: wait for the last step's push.
      while (status.regions.some((r) => r.status === 'unverified')) {
        await new Promise<void>((resolve) => {
          const off = events.subscribe(() => {
            off();
            resolve();
          });
        });
        status = await watch.current();
      }
      expect(status.regions.find((r) => r.region === REGION)).toMatchObject({ status: 'broken', firstBadSeq: 7 });
      expect(status.regions.find((r) => r.region === '000000')).toMatchObject({ status: 'ok' });
      expect(pushed.at(-1)).toEqual(status);
    } finally {
      watch.dispose();
      await replica.close();
    }
  });
});
