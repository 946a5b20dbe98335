import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegionalStore } from '../../src/core/regional/regional-store';
import { seedInto } from '../../src/core/seed/seed-replica';
import { CommandClient } from '../commands/support/command-client';
import { commandNet, propose, REGION, type CommandNet } from '../commands/support/officers';
import { issueDraft } from '../sync/support/drafts';
import { spawnInrs } from '../sync/support/inrs-process';
import { describeWithNats, NATS_SERVER } from './nats-cluster';
import { startNationalCluster, startRegionCluster, type NatsCluster } from './linked-clusters';

/*
 * `inrs mirror …` and `inrs server --mirror` refuse bad input with one line and a non-zero exit,
 * and a server on the national mirror refuses every command as a read-only copy.
 */
const dir = mkdtempSync(join(tmpdir(), 'inrs-mirror-usage-'));
let national: NatsCluster;
let region: NatsCluster;
let cn: CommandNet;

beforeAll(async () => {
  if (!NATS_SERVER) return;
  national = await startNationalCluster(dir, 1);
  region = await startRegionCluster(join(dir, 'region'), REGION, national, 1);
  cn = await commandNet({ logUrl: region.url });
}, 60_000);

afterAll(async () => {
  await cn?.net.close();
  region?.stop();
  national?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function inrs(args: string[]): Promise<{ code: number | null; out: string[]; err: string[] }> {
  const child = spawnInrs(args);
  const exit = await child.exited;
  return { code: exit.code, out: child.stdout.filter(Boolean), err: child.stderr.filter(Boolean) };
}

/** A folder holding only the national reference log, as the national site seeds its mirror server's. */
function nationalStore(net: CommandNet, folder: string): string {
  const store = openRegionalStore(folder, REGION);
  seedInto(store.replica, { ...net.net.seed, regions: ['000000'] });
  store.close();
  return folder;
}

/** Refused: a non-zero exit and one line on stderr matching `pattern`. */
async function refusedWith(args: string[], pattern: RegExp) {
  const r = await inrs(args);
  expect(r.code, r.err.join('\n')).not.toBe(0);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(pattern);
  expect(r.out).toEqual([]);
}

describeWithNats('national mirror: usage and refusals', () => {
  it('refuses missing options, a bad URL and a region that is not an adcode, each in one line', async () => {
    await refusedWith(['mirror', 'create', '--region', REGION], /^inrs: missing --national$/);
    await refusedWith(['mirror', 'create', '--national', national.url], /^inrs: missing --region$/);
    await refusedWith(['mirror', 'catch-up', '--national', national.url], /^inrs: missing --region$/);
    await refusedWith(['mirror', 'status', '--national', 'http://127.0.0.1:4222'], /--national http:\/\/127\.0\.0\.1:4222: expected nats:\/\/HOST:PORT/);
    await refusedWith(['mirror', 'status', '--national', 'nats://127.0.0.1'], /"127\.0\.0\.1" is not HOST:PORT/);
    await refusedWith(['mirror', 'create', '--national', national.url, '--region', '43'], /--region 43: "43" is not a region's 6-digit adcode/);
    await refusedWith(['mirror', 'catch-up', '--national', national.url, '--region', REGION, '--seq', 'x'], /--seq x: not a seq/);
    await refusedWith(['mirror', 'frobnicate'], /unknown mirror command "frobnicate"/);
    await refusedWith(['server', '--mirror', 'ftp://x:1', '--region', REGION, '--data', join(dir, 'd'), '--port', '0'], /--mirror ftp:\/\/x:1: expected nats:\/\//);
    await refusedWith(['server', '--mirror', national.url, '--log', region.url, '--region', REGION, '--data', join(dir, 'd'), '--port', '0'], /--mirror and --log exclude each other/);
    await refusedWith(['server', '--mirror', national.url, '--simulate', '5', '--region', REGION, '--data', join(dir, 'd'), '--port', '0'], /--mirror serves a read-only copy/);
  }, 60_000);

  it('refuses an unknown region: no mirror to show or wait for, no region cluster to mirror, no mirror to serve', async () => {
    await refusedWith(['mirror', 'status', '--national', national.url, '--region', '990000'], /no national mirror of region 990000 on nats:\/\/\S+ \(mirrored: none\); create it with inrs mirror create/);
    await refusedWith(['mirror', 'catch-up', '--national', national.url, '--region', '990000', '--seq', '1'], /no national mirror of region 990000/);
    await refusedWith(['mirror', 'create', '--national', national.url, '--region', '990000'], /region 990000: JetStream domain region-990000 does not answer .*linked to this one by a leafnode\?$/);
    const identity = cn.net.issue({ kind: 'server', region: '990000', name: 'mirror-990000' });
    await refusedWith(
      ['server', '--mirror', national.url, '--region', '990000', '--data', join(dir, 'mirror-990000'), '--trust', cn.net.trustDir, '--identity', identity, '--port', '0'],
      /no national mirror of region 990000/,
    );
    // A cluster that does not answer at all.
    await refusedWith(['mirror', 'status', '--national', 'nats://127.0.0.1:1'], /^inrs: national cluster nats:\/\/127\.0\.0\.1:1: .*are the nodes up/);
  }, 60_000);

  it('a server on the national mirror serves the region and refuses every command, saying it is a read-only copy', async () => {
    const created = await inrs(['mirror', 'create', '--national', national.url, '--region', REGION]);
    expect(created.code, created.err.join('\n')).toBe(0);
    expect(created.out).toEqual([`region ${REGION}: created INRS_MIRROR_${REGION}, INRS_MIRROR_LEDGER_${REGION}`]);
    const head = cn.server.store.head().seq;
    const caughtUp = await inrs(['mirror', 'catch-up', '--national', national.url, '--region', REGION]);
    expect(caughtUp.code, caughtUp.err.join('\n')).toBe(0);
    expect(caughtUp.out[0]).toMatch(new RegExp(`^region ${REGION}: mirror at seq ${head} `));

    const mirror = await cn.net.server(REGION, nationalStore(cn, join(dir, 'mirror-data')), { mirrorUrl: national.url });
    expect(mirror.store.head()).toEqual(cn.server.store.head());
    const operator = await CommandClient.connect({ ...cn, server: mirror }, cn.operator);
    const officer = await CommandClient.connect({ ...cn, server: mirror }, cn.officerA);
    try {
      const movement = await operator.command('mirror-refused-1', { type: 'command', commandId: 'mirror-refused-1', kind: 'record-event', draft: issueDraft(mirror.store.replica.db, REGION, { depot: cn.operatorDepot }) });
      expect(movement).toMatchObject({ status: 'refused', code: 'unavailable', reason: expect.stringMatching(/^read-only national mirror of region 430000: .*commands go to the region's own servers/) });
      const signed = await officer.send(propose(cn, cn.officerA, 'normal', 'IV'));
      expect(signed).toMatchObject({ status: 'refused', code: 'unavailable', reason: expect.stringMatching(/read-only national mirror/) });
    } finally {
      operator.close();
      officer.close();
    }
    // Nothing reached the region, and the mirror still follows it.
    expect(cn.server.store.head().seq).toBe(head);
    await mirror.close();
  }, 60_000);
});
