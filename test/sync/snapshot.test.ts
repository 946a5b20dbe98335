import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRegionSnapshot, readRegionSnapshotRows } from '../../src/core/replica/apply-snapshot';
import { regionStateHash } from '../../src/core/replica/state-hash';
import { createEventReader } from '../../src/core/log/event-rows';
import { directSink } from '../../src/core/sync/direct-sink';
import { SyncManager } from '../../src/core/sync/sync-manager';
import type { LinkIdentity } from '../../src/core/sync/region-link';
import { TestNetwork } from './network';

const REGION = '430000';
let net: TestNetwork;
let client: LinkIdentity;
beforeAll(() => {
  net = new TestNetwork();
  client = net.clientIdentity();
});
afterAll(async () => net.close());

describe('snapshot for a client further behind than the server keeps', () => {
  it('a fresh replica receives the region pinned at the head, then follows the log', async () => {
    const server = await net.server(REGION, net.seededStore(REGION), { retainEvents: 50 });
    const replica = net.replica();
    // A replica that already holds the first 100 events is still too far behind.
    const reader = createEventReader(server.store.replica.db);
    replica.projector.applyBatch(REGION, reader.from(REGION, 1, 100));
    const manager = new SyncManager({
      regions: { [REGION]: { urls: [server.url], pins: [] } },
      identity: client,
      rootPem: net.rootPem,
      sink: directSink(replica),
    });
    manager.start();
    await manager.whenAllLive();
    expect(net.logs.some((l) => l.includes('sent a snapshot at seq'))).toBe(true);
    expect(replica.projector.headOf(REGION)).toEqual(server.store.head());
    expect(regionStateHash(replica.db, REGION)).toBe(server.store.stateHash());
    // Events after the snapshot chain onto its head.
    const events = replica.db.prepare<[string], number>('SELECT count(*) FROM events WHERE region = ?').pluck().get(REGION);
    expect(events).toBe(100);
    await manager.stop();
  });

  it('a snapshot that does not reproduce the state hash leaves the replica as it was', () => {
    const source = net.replica();
    const reader = createEventReader(net.servers[0]!.store.replica.db);
    source.projector.applyBatch(REGION, reader.from(REGION, 1, 10_000));
    const tables = readRegionSnapshotRows(source.db, REGION);
    const head = source.projector.headOf(REGION);
    const good = { region: REGION, seq: head.seq, hash: head.hash, dataAsOf: null, tables, stateHash: regionStateHash(source.db, REGION) };
    const target = net.replica();
    const before = regionStateHash(target.db, REGION);
    const tampered = structuredClone(good);
    const lot = tampered.tables.lots?.[0];
    if (!lot) throw new Error('fixture has no lots');
    lot[5] = Number(lot[5]) + 1;
    expect(() => applyRegionSnapshot(target.db, tampered)).toThrow(/does not reproduce the server's state hash/);
    expect(regionStateHash(target.db, REGION)).toBe(before);
    applyRegionSnapshot(target.db, { ...good, dataAsOf: null });
    expect(target.projector.headOf(REGION)).toEqual(head);
  });
});
