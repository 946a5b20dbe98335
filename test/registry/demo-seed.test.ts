import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAssets, readResources } from '../../src/core/registry/registry-log';
import { openRegionalStore, type RegionalStore } from '../../src/core/regional/regional-store';
import { seedInto } from '../../src/core/seed/seed-replica';
import { inrs } from '../audit/support/cli';

/*
 * The demo's civilian registry: seeded into a real encrypted store exactly as the demo's servers
 * seed theirs, through the lifecycle events the registry session writes, so the projection holds
 * every state and the audit replays the log.
 */
const REGION = '430000';
let dir: string;
let store: RegionalStore;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-civilian-seed-'));
  store = openRegionalStore(dir, REGION);
  seedInto(store.replica, { scale: 'tiny', seed: 11, asOf: '2026-06-01T00:00:00.000Z', regions: ['000000', REGION], civilian: true });
}, 120_000);

afterAll(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('demo civilian assets', () => {
  it('holds every kind and state: registered, verified, onboarded, one failed, one withdrawn', () => {
    const assets = readAssets(store.replica.db, { region: REGION });
    expect(assets).toHaveLength(8);
    const count = (state: string) => assets.filter((a) => a.state === state).length;
    expect({ registered: count('registered'), verified: count('verified'), onboarded: count('onboarded'), failed: count('failed'), withdrawn: count('withdrawn') }).toEqual({
      registered: 2,
      verified: 1,
      onboarded: 3,
      failed: 1,
      withdrawn: 1,
    });
    expect(new Set(assets.map((a) => a.kind))).toEqual(new Set(['physical', 'capability', 'service']));
    for (const a of assets) {
      expect(a.assetId).toMatch(/^CA-430000-[0-9a-f]{12}$/);
      expect(a.owner).toMatch(/^CN=湖南.+,OU=contributor,O=430000$/);
      expect((a.asset as { region: string }).region.slice(0, 2)).toBe('43');
      expect(Date.parse(a.registeredAt)).toBeLessThan(Date.parse('2026-06-01T00:00:00.000Z'));
    }
  });

  it('makes civilian stock, transport and cold chain available to the reserve; the withdrawn outlet is not', () => {
    const available = readResources(store.replica.db, { region: REGION, status: 'available' });
    expect(available.map((r) => r.what).sort()).toEqual(['GR-RICE', 'cold-chain', 'transport']);
    expect(readResources(store.replica.db, { region: REGION, status: 'withdrawn' }).map((r) => r.what)).toEqual(['outlet']);
  });

  it('seeds the same registry twice (the demo replica and its servers agree) and passes inrs audit verify', () => {
    const other = mkdtempSync(join(tmpdir(), 'inrs-civilian-seed-b-'));
    const again = openRegionalStore(other, REGION);
    try {
      seedInto(again.replica, { scale: 'tiny', seed: 11, asOf: '2026-06-01T00:00:00.000Z', regions: ['000000', REGION], civilian: true });
      expect(again.head()).toEqual(store.head());
    } finally {
      again.close();
      rmSync(other, { recursive: true, force: true });
    }
    store.close();
    const audit = inrs(['audit', 'verify', '--data', dir]);
    expect(audit.status, audit.stdout + audit.stderr).toBe(0);
    store = openRegionalStore(dir, REGION);
  }, 120_000);
});
