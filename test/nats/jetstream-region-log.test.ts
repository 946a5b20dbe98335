import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { openRegionalStore, type RegionalStore } from '../../src/core/regional/regional-store';
import { openJetStreamLog, streamName } from '../../src/core/regional/log/jetstream-log';
import { appendViaLog, catchUp } from '../../src/core/regional/log/replicated-append';
import type { RegionLog } from '../../src/core/regional/log/region-log';
import type { EventDraft } from '../../src/shared/domain/events';
import { REGION, smallDrafts } from '../helpers/small-log';
import { describeWithNats, startNatsCluster } from './nats-cluster';

const operator = { subject: 'CN=李强,OU=430100-D001', role: 'depot-operator' } as const;
const issue = (n: number, quantity = 1): EventDraft => ({
  region: REGION, type: 'stock.issued', eventTime: new Date(Date.UTC(2026, 0, 10, 0, 0, n)).toISOString(), actor: operator, instructionId: 'I-430000-0001',
  payload: { lotId: 'L430000-000001', depot: '430100-D001', quantity, recipient: `recipient ${n}` },
});

describeWithNats('region log on a 3-node JetStream cluster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inrs-nats-'));
  let cluster: Awaited<ReturnType<typeof startNatsCluster>>;
  const logs: RegionLog[] = [];
  const stores: RegionalStore[] = [];
  const open = async (name: string) => {
    const log = await openJetStreamLog({ url: cluster.url, region: REGION, timeoutMs: 2_000 });
    const store = openRegionalStore(join(dir, name), REGION);
    logs.push(log);
    stores.push(store);
    return { log, store };
  };

  beforeAll(async () => {
    cluster = await startNatsCluster(dir);
    await cluster.ready();
  }, 30_000);
  afterAll(async () => {
    for (const s of stores) s.close();
    await Promise.all(logs.map((l) => l.close().catch(() => undefined)));
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one gap-free chain under two concurrent writers, through the kill of the stream leader, and on a replica that catches up', async () => {
    const a = await open('server-a');
    const b = await open('server-b');
    const stream = await jetstreamManager((a.log as unknown as { connection: Parameters<typeof jetstreamManager>[0] }).connection);
    const info = await stream.streams.info(streamName(REGION));
    expect(info.config.num_replicas).toBe(3);
    expect(info.config.deny_delete).toBe(true);
    expect(info.config.deny_purge).toBe(true);

    for (const draft of smallDrafts()) expect((await appendViaLog(a.store, a.log, draft)).status).toBe('accepted');
    const acknowledged: number[] = [];
    const writer = async (side: typeof a, from: number, count: number) => {
      for (let i = 0; i < count; i++) {
        const result = await appendViaLog(side.store, side.log, issue(from + i));
        if (result.status === 'accepted') acknowledged.push(result.seq);
        else if (result.code !== 'unavailable') throw new Error(`refused: ${result.reason}`);
      }
    };
    const total = 200;
    const killer = (async () => {
      while (acknowledged.length < total / 2) await new Promise((r) => setTimeout(r, 20));
      const leader = (await stream.streams.info(streamName(REGION))).cluster?.leader;
      expect(leader).toBeTruthy();
      cluster.kill(leader ?? '');
    })();
    await Promise.all([writer(a, 0, total / 2), writer(b, 1000, total / 2), killer]);

    await catchUp(a.store, a.log);
    await catchUp(b.store, b.log);
    const replica = await open('replica');
    await catchUp(replica.store, replica.log);
    const head = a.store.head();
    // Every acknowledged append is in the log, at the seq it was acknowledged with, no seq twice.
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    expect(Math.max(...acknowledged)).toBeLessThanOrEqual(head.seq);
    expect(b.store.head()).toEqual(head);
    expect(replica.store.head()).toEqual(head);
    const events = replica.store.eventsFrom(1, 100_000);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: head.seq }, (_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
    expect(a.store.stateHash()).toBe(replica.store.stateHash());
  }, 60_000);
});
