import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signEnvelope } from '../../src/core/commands/sign-envelope';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { directSink } from '../../src/core/sync/direct-sink';
import { LinkUnavailableError, RegionLink } from '../../src/core/sync/region-link';
import { SyncManager } from '../../src/core/sync/sync-manager';
import type { LinkIdentity } from '../../src/core/sync/region-link';
import { TestNetwork } from '../sync/network';
import { waitFor, within } from '../sync/support/wait';
import { startCommandServer, type Answer } from './support/command-server';

const REGION = '430000';
const propose = { kind: 'emergency.propose' as const, toLevel: 'II' as const, plan: '防汛Ⅱ级预案', reason: '洞庭湖水位超警戒 1.2 米' };

let net: TestNetwork;
let identity: LinkIdentity;
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(() => {
  net = new TestNetwork();
  identity = net.clientIdentity('duty-officer', REGION);
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => net?.close());

/** The error a promise rejects with; fails the test if it resolves. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const value = await promise.then(
    (v) => ({ resolved: v }),
    (e: unknown) => ({ error: e as Error }),
  );
  if ('resolved' in value) throw new Error(`expected a rejection, got ${JSON.stringify(value.resolved)}`);
  return value.error;
}

/** A link of a duty officer of Hunan to `url`, over a fresh encrypted replica; retries at once. */
function linkTo(url: string): RegionLink {
  const replica = openReplica(join(net.dir, `replica-${Math.random().toString(36).slice(2)}.db`), newReplicaKey(), { create: true });
  const link = new RegionLink({
    region: REGION,
    urls: [url],
    identity,
    rootPem: net.rootPem,
    sink: directSink(replica),
    clientId: 'officer-a',
    onState: () => {},
    random: () => 0,
  });
  cleanups.push(async () => {
    await link.stop();
    replica.close();
  });
  return link;
}

describe('signed commands over a region link (mutual TLS on 127.0.0.1)', () => {
  it('a connection lost after the send is resent unchanged on reconnect: one decision, one result', async () => {
    let decisions = 0;
    const server = await startCommandServer(net, REGION, (): Answer => ({ status: 'accepted', reason: null, seq: 4242 + decisions++ }));
    cleanups.push(() => server.close());
    const link = linkTo(server.url);
    link.start();
    await within(link.whenLive(), 20_000, 'the link to go live');

    server.loseNextAnswer();
    const envelope = signEnvelope({ region: REGION, expectedLevel: 'normal', body: propose }, identity);
    const outcome = await within(link.signedCommand(envelope), 20_000, 'the result after reconnecting');

    expect(outcome).toEqual({ status: 'accepted', code: null, reason: null, seq: 4242 });
    expect(decisions).toBe(1);
    expect(server.connections).toBe(2);
    expect(server.received.map((r) => r.connection)).toEqual([1, 2]);
    // The very same envelope both times: same id, nonce and signature.
    expect(server.received[1]?.envelope).toEqual(server.received[0]?.envelope);
    expect(server.received[0]?.envelope).toEqual(JSON.parse(JSON.stringify(envelope)));
    expect(link.pendingSigned).toBe(0);
  });

  it('a refusal is an answer: the server’s code and reason come back as sent', async () => {
    const server = await startCommandServer(net, REGION, () => ({ status: 'refused', code: 'same-officer', reason: 'the proposer cannot co-sign their own proposal', seq: null }));
    cleanups.push(() => server.close());
    const link = linkTo(server.url);
    link.start();
    await within(link.whenLive(), 20_000, 'the link to go live');
    const envelope = signEnvelope({ region: REGION, expectedLevel: 'normal', body: { kind: 'emergency.cosign', proposalId: 'p-000001' } }, identity);
    await expect(link.signedCommand(envelope)).resolves.toEqual({
      status: 'refused',
      code: 'same-officer',
      reason: 'the proposer cannot co-sign their own proposal',
      seq: null,
    });
  });

  it('a drop while a command waits resends it after the next welcome, and a second call shares its one result', async () => {
    let answer = false;
    const server = await startCommandServer(net, REGION, () => (answer ? { status: 'accepted', reason: null, seq: 7 } : 'silent'));
    cleanups.push(() => server.close());
    const link = linkTo(server.url);
    link.start();
    await within(link.whenLive(), 20_000, 'the link to go live');
    const envelope = signEnvelope({ region: REGION, expectedLevel: 'normal', body: propose }, identity);
    const first = link.signedCommand(envelope);
    const again = link.signedCommand(envelope);
    await waitFor(() => server.received.length === 1, 'the command at the server');
    answer = true;
    server.dropAll();
    const [a, b] = await within(Promise.all([first, again]), 20_000, 'both calls to settle');
    expect(a).toEqual({ status: 'accepted', code: null, reason: null, seq: 7 });
    expect(b).toEqual(a);
    expect(server.received).toHaveLength(2);
    expect(server.received[1]?.envelope).toEqual(server.received[0]?.envelope);
  });

  it('is refused at once, unsent, when the link is not connected', async () => {
    const link = linkTo('wss://127.0.0.1:9');
    link.start();
    const envelope = signEnvelope({ region: REGION, expectedLevel: 'normal', body: propose }, identity);
    const err = await failure(link.signedCommand(envelope));
    expect(err).toBeInstanceOf(LinkUnavailableError);
    expect(err.message).toMatch(/^not connected to region 430000: the link is connecting.*the command was not sent$/);
    expect(link.pendingSigned).toBe(0);
  });

  it('gives up with a clear error when no result comes before the envelope expires (plus a margin)', async () => {
    const server = await startCommandServer(net, REGION, () => 'silent');
    cleanups.push(() => server.close());
    const link = linkTo(server.url);
    link.start();
    await within(link.whenLive(), 20_000, 'the link to go live');
    const envelope = signEnvelope({ region: REGION, expectedLevel: 'normal', body: propose, lifetimeMs: 400 }, identity);
    const started = Date.now();
    const err = await within(failure(link.signedCommand(envelope, 300)), 10_000, 'the command to give up');
    expect(err.message).toMatch(/^no result from region 430000 for command .+ within 1 s; it may or may not have been applied/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(link.pendingSigned).toBe(0);
  });

  it('the sync manager routes by region and names the regions it has when it has no link', async () => {
    const replica = openReplica(join(net.dir, 'replica-m.db'), newReplicaKey(), { create: true });
    const manager = new SyncManager({ regions: { [REGION]: { urls: ['wss://127.0.0.1:9'], pins: [] } }, identity, rootPem: net.rootPem, sink: directSink(replica) });
    cleanups.push(async () => {
      await manager.stop();
      replica.close();
    });
    const envelope = signEnvelope({ region: '510000', expectedLevel: 'normal', body: propose }, identity);
    const err = await failure(manager.signedCommand(envelope));
    expect(err).toBeInstanceOf(LinkUnavailableError);
    expect(err.message).toBe('not connected to region 510000: this host has no link to it (configured regions: 430000)');
  });
});
