import { copyFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyFile } from '../../src/core/replica/key-file';
import { createPageWalk, samplePages } from '../../src/core/replica/page-integrity';
import { openReplica } from '../../src/core/replica/replica';
import { seedInto } from '../../src/core/seed/seed-replica';
import { inrs } from '../audit/support/cli';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { startChainWatch } from '../../src/main/host/chain-watch';
import { createChainMonitor } from '../../src/core/audit/chain-monitor';
import { HostEventHub } from '../../src/main/host/host-events';
import type { ChainStatus } from '../../src/shared/contract';
import { TINY } from '../seed/fixtures';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const PAGE = 4096;
let dir = '';
let pristine = '';
let keyFile = '';
let key: Buffer;
let copies = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-damaged-'));
  pristine = join(dir, 'pristine.db');
  keyFile = join(dir, 'replica.key');
  key = createKeyFile(keyFile);
  const replica = openReplica(pristine, key, { create: true });
  seedInto(replica, TINY);
  replica.db.pragma('wal_checkpoint(TRUNCATE)');
  replica.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of the seeded replica to damage. */
function copy(): string {
  const file = join(dir, `replica-${++copies}.db`);
  copyFileSync(pristine, file);
  return file;
}

/** One byte flipped in a page near the middle of the file that the quick check on open does not read. */
function flipMidFile(file: string): number {
  const bytes = readFileSync(file);
  const sampled = new Set(samplePages(bytes.length / PAGE));
  let page = Math.floor(bytes.length / PAGE / 2);
  while (sampled.has(page)) page++;
  const at = (page - 1) * PAGE + 1234;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  writeFileSync(file, bytes);
  return Math.floor(at / PAGE) + 1;
}

describe('damaged replica files are refused, naming the file and the page', () => {
  it('the untouched replica passes, and is large enough that a mid-file page lies outside the sample read on open', () => {
    expect(statSync(pristine).size / PAGE).toBeGreaterThan(256);
    const ok = inrs(['replica', 'stats', '--replica', pristine, '--key-file', keyFile]);
    expect(ok.status, ok.stderr).toBe(0);
  }, 180_000);

  it('one flipped byte mid-file: replica stats exits 1 naming the file and the page', () => {
    const file = copy();
    const page = flipMidFile(file);
    const r = inrs(['replica', 'stats', '--replica', file, '--key-file', keyFile]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain(`page ${page} is damaged`);
    expect(r.stdout).toBe('');
  }, 180_000);

  it('a file cut short by 100 bytes: replica stats exits 1 naming the incomplete last page', () => {
    const file = copy();
    const size = statSync(file).size;
    truncateSync(file, size - 100);
    const r = inrs(['replica', 'stats', '--replica', file, '--key-file', keyFile]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain(`page ${size / PAGE}`);
    expect(r.stderr).toContain('cut short');
  }, 180_000);

  it('a file cut short by whole pages is refused as missing pages', () => {
    const file = copy();
    const pages = statSync(file).size / PAGE;
    truncateSync(file, (pages - 3) * PAGE);
    expect(() => openReplica(file, key, { readonly: true })).toThrow(`page ${pages - 2} onwards is missing`);
  });

  it('audit verify names the file, the page and the events the damage follows', () => {
    const file = copy();
    const page = flipMidFile(file);
    const r = inrs(['audit', 'verify', '--replica', file, '--key-file', keyFile, '--skip-replay']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain(`page ${page} is damaged`);
    expect(r.stderr).not.toContain('database disk image is malformed');
    expect(r.stderr).toMatch(/the event log reads up to region \d{6} seq \d+|the event log itself reads to its end/);
  }, 180_000);

  it('the background walk over every page finds a page the quick sample on open does not read', () => {
    const file = copy();
    const page = flipMidFile(file);
    expect(samplePages(statSync(file).size / PAGE)).not.toContain(page);
    // The quick check on open passes it; the walk does not.
    openReplica(file, key, { readonly: true }).close();
    const walk = createPageWalk(file, key);
    let step = walk(100);
    while (!step.complete) step = walk(100);
    expect(step.problem).toEqual({ kind: 'damaged-page', page });
    const untouched = createPageWalk(pristine, key);
    let clean = untouched(10_000);
    while (!clean.complete) clean = untouched(10_000);
    expect(clean.problem).toBeNull();
  });

  it('the chain walk that meets an unreadable page reports that region broken and completes, not a failed check', () => {
    const file = copy();
    flipMidFile(file);
    const replica = openReplica(file, key, { readonly: true });
    try {
      let step = createChainMonitor(replica.db);
      let result = step.check(1_000_000);
      expect(result.complete).toBe(true);
      const broken = result.regions.filter((r) => r.status === 'broken');
      expect(broken.length, JSON.stringify(result.regions)).toBeGreaterThan(0);
      for (const r of broken) expect(r.reason).toMatch(/the replica file cannot be read past seq \d+: database disk image is malformed/);
      // The same pristine file walks clean.
      const clean = openReplica(pristine, key, { readonly: true });
      try {
        step = createChainMonitor(clean.db);
        result = step.check(1_000_000);
        expect(result.regions.every((r) => r.status === 'ok')).toBe(true);
      } finally {
        clean.close();
      }
    } finally {
      replica.close();
    }
  });

  it('the host opens a file damaged outside the sample and then reports it as an error state, naming the page', async () => {
    const file = copy();
    const page = flipMidFile(file);
    const replica = await ReplicaClient.open({ file, key });
    const events = new HostEventHub();
    const logged: string[] = [];
    const broken = new Promise<ChainStatus>((resolve) => {
      const off = events.subscribe((name, payload) => {
        const status = payload as ChainStatus;
        // The chain walk may meet the damaged page first (that region broken, the file unreadable there);
        // the page check then names the page for every region.
        if (name !== 'audit:chain-changed' || !status.regions.some((r) => r.status === 'broken' && r.reason?.includes('is damaged'))) return;
        off();
        resolve(status);
      });
    });
    const watch = startChainWatch({ replica, events, log: (line) => logged.push(line), pageBudget: 50 });
    try {
      const status = await broken;
      expect(status.regions.length).toBeGreaterThan(0);
      for (const r of status.regions) expect(r).toMatchObject({ status: 'broken', reason: expect.stringContaining(`page ${page} is damaged`) });
      expect(logged.join('\n')).toContain(file);
      // Still answering: the worker was not lost to the damage.
      expect((await replica.call('schemaVersion', [])) > 0).toBe(true);
    } finally {
      watch.dispose();
      await replica.close();
    }
  }, 120_000);
});
